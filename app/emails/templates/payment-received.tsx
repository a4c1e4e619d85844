import { ContractSummary } from "../components/contract-summary";
import { FactRows } from "../components/fact-rows";
import { PortalLink } from "../components/portal-link";
import { ScheduleTable } from "../components/schedule-table";
import { StageEmailFrame } from "../components/stage-email-frame";
import { StageFacts } from "../components/stage-facts";
import { WhatIsNext } from "../components/what-is-next";
import type { StageTemplateProps } from "./template-props";

/**
 * Money arrived (paid by the buyer, or the receipt of a saved-card charge): how much and when, for which payment, the
 * updated schedule, what is left and what comes next.
 */
export function PaymentReceivedEmail({ context, email, subject, intro, stage }: StageTemplateProps<"paymentReceived" | "chargeReceipt">) {
  const { labels, amountOn } = context.messages;
  return (
    <StageEmailFrame context={context} subject={subject} intro={intro} stage={stage}>
      <FactRows
        facts={[
          {
            label: email.kind === "chargeReceipt" ? labels.charged : labels.received,
            value: amountOn(context.money(email.amountMinor), context.date(email.receivedOn)),
          },
        ]}
      />
      <StageFacts context={context} stage={stage} />
      <WhatIsNext context={context} />
      <ScheduleTable context={context} currentPosition={stage.position} />
      <ContractSummary context={context} />
      <PortalLink context={context} />
    </StageEmailFrame>
  );
}
