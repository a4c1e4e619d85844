import { Text } from "@react-email/components";
import { EmailFrame } from "../components/email-frame";
import { ContractSummary } from "../components/contract-summary";
import { PortalLink } from "../components/portal-link";
import { ScheduleTable } from "../components/schedule-table";
import { paragraph } from "../components/styles";
import { settlementAmount, type EmailContext } from "../email-context";
import type { TemplateProps } from "./template-props";

/** The contract was cancelled: what happens to the money paid (refunded, kept as credit, or kept), and the totals. */
export function ContractCancelledEmail({ context, email, subject, intro }: TemplateProps<"contractCancelled">) {
  return (
    <EmailFrame context={context} subject={subject} intro={intro} heading={context.messages.headings.contractCancelled}>
      <Text style={{ ...paragraph, fontWeight: 600 }}>{settlementText(context, email)}</Text>
      <ContractSummary context={context} />
      <ScheduleTable context={context} />
      <PortalLink context={context} />
    </EmailFrame>
  );
}

function settlementText(context: EmailContext, email: TemplateProps<"contractCancelled">["email"]): string {
  const { settlement } = context.messages;
  const amount = context.money(settlementAmount(email, context.document.contract.paidMinor));
  switch (email.settlement) {
    case "refund":
      return settlement.refund(amount);
    case "credit":
      return settlement.credit(amount, context.document.seller.branding.senderName);
    case "kept":
      return settlement.kept(amount);
  }
}
