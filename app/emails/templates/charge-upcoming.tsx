import { ContractSummary } from "../components/contract-summary";
import { FactRows } from "../components/fact-rows";
import { PortalLink } from "../components/portal-link";
import { ScheduleTable } from "../components/schedule-table";
import { StageEmailFrame } from "../components/stage-email-frame";
import { StageFacts } from "../components/stage-facts";
import { amountToPay } from "../email-context";
import type { StageTemplateProps } from "./template-props";

/** The saved card will be charged: the amount and the day, the stage's figures and the schedule. */
export function ChargeUpcomingEmail({ context, email, subject, intro, stage }: StageTemplateProps<"chargeUpcoming">) {
  const { labels, amountOn } = context.messages;
  return (
    <StageEmailFrame context={context} subject={subject} intro={intro} stage={stage}>
      <FactRows facts={[{ label: labels.willBeCharged, value: amountOn(context.money(amountToPay(stage)), context.date(email.chargeOn)) }]} />
      <StageFacts context={context} stage={stage} />
      <ScheduleTable context={context} currentPosition={stage.position} />
      <ContractSummary context={context} />
      <PortalLink context={context} />
    </StageEmailFrame>
  );
}
