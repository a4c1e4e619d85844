import { EmailFrame } from "../components/email-frame";
import { ContractSummary } from "../components/contract-summary";
import { FactRows } from "../components/fact-rows";
import { PortalLink } from "../components/portal-link";
import { ScheduleTable } from "../components/schedule-table";
import type { TemplateProps } from "./template-props";

/** Money was given back: how much and when, then what was paid net of refunds and the schedule. */
export function RefundIssuedEmail({ context, email, subject, intro }: TemplateProps<"refundIssued">) {
  const { labels, amountOn, headings } = context.messages;
  return (
    <EmailFrame context={context} subject={subject} intro={intro} heading={headings.refundIssued}>
      <FactRows facts={[{ label: labels.refunded, value: amountOn(context.money(email.amountMinor), context.date(email.refundedOn)) }]} />
      <ContractSummary context={context} />
      <ScheduleTable context={context} />
      <PortalLink context={context} />
    </EmailFrame>
  );
}
