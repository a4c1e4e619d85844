import { Button, Section, Text } from "@react-email/components";
import type { BuyerStage } from "../../domain/documents/buyer-document";
import { amountToPay, isPayable, numberingOf, type EmailContext } from "../email-context";
import { linkableUrl } from "./safe-url";
import { paragraph } from "./styles";

/**
 * "Pay payment 2 of 3 — $11,384.70" ("Pay the late fee — $25.00" for a late fee), linking the stage's checkout;
 * nothing when the stage cannot be paid now.
 */
export function PayButton({ context, stage }: { readonly context: EmailContext; readonly stage: BuyerStage }) {
  const payUrl = linkableUrl(stage.payUrl);
  if (!isPayable(stage) || !payUrl) return null;
  const { messages, colors } = context;
  const numbering = numberingOf(context, stage);
  const amount = context.money(amountToPay(stage));
  return (
    <Section style={{ margin: "16px 0 8px" }}>
      <Text style={paragraph}>{numbering.lateFee ? messages.lateFeePayHint : messages.payHint}</Text>
      <Button
        href={payUrl}
        style={{ backgroundColor: colors.primary, color: colors.onPrimary, borderRadius: "6px", fontSize: "16px", fontWeight: 600, padding: "12px 20px" }}
      >
        {numbering.lateFee ? messages.lateFeePayButton(amount) : messages.payButton(numbering.position, numbering.count, amount)}
      </Button>
    </Section>
  );
}
