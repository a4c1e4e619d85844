import { ContractSummary } from "../components/contract-summary";
import { FactRows } from "../components/fact-rows";
import { PortalLink } from "../components/portal-link";
import { ScheduleTable } from "../components/schedule-table";
import { StageEmailFrame } from "../components/stage-email-frame";
import { StageFacts } from "../components/stage-facts";
import { PaymentTermsNote } from "../components/payment-terms-note";
import { amountCharged, amountToPay } from "../email-context";
import type { StageTemplateProps } from "./template-props";

/**
 * The saved card will be charged: the amount and the day (the discounted amount when the charge falls within the
 * early-payment offer, with the offer's terms), the stage's figures and the schedule.
 */
export function ChargeUpcomingEmail({ context, email, subject, intro, stage }: StageTemplateProps<"chargeUpcoming">) {
  const { labels, amountOn } = context.messages;
  const charged = amountCharged(stage, email.chargeOn);
  return (
    <StageEmailFrame context={context} subject={subject} intro={intro} stage={stage}>
      <FactRows facts={[{ label: labels.willBeCharged, value: amountOn(context.money(charged), context.date(email.chargeOn)) }]} />
      {charged !== amountToPay(stage) ? <PaymentTermsNote context={context} stage={stage} /> : null}
      <StageFacts context={context} stage={stage} />
      <ScheduleTable context={context} currentPosition={stage.position} />
      <ContractSummary context={context} />
      <PortalLink context={context} />
    </StageEmailFrame>
  );
}
