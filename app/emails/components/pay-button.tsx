import { Button, Section, Text } from "@react-email/components";
import type { BuyerStage } from "../../domain/documents/buyer-document";
import { amountToPay, isPayable, type EmailContext } from "../email-context";
import { linkableUrl } from "./safe-url";
import { paragraph } from "./styles";

/** "Pay payment 2 of 3 — $11,384.70", linking the stage's checkout; nothing when the stage cannot be paid now. */
export function PayButton({ context, stage }: { readonly context: EmailContext; readonly stage: BuyerStage }) {
  const payUrl = linkableUrl(stage.payUrl);
  if (!isPayable(stage) || !payUrl) return null;
  const { messages, colors } = context;
  return (
    <Section style={{ margin: "16px 0 8px" }}>
      <Text style={paragraph}>{messages.payHint}</Text>
      <Button
        href={payUrl}
        style={{ backgroundColor: colors.primary, color: colors.onPrimary, borderRadius: "6px", fontSize: "16px", fontWeight: 600, padding: "12px 20px" }}
      >
        {messages.payButton(stage.position, context.stageCount, context.money(amountToPay(stage)))}
      </Button>
    </Section>
  );
}
