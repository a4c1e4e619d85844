import type { BuyerStage } from "../../domain/documents/buyer-document";
import type { EmailContext } from "../email-context";
import { ContractSummary } from "./contract-summary";
import { PayButton } from "./pay-button";
import { PaymentTermsNote } from "./payment-terms-note";
import { PortalLink } from "./portal-link";
import { ScheduleTable } from "./schedule-table";
import { StageFacts } from "./stage-facts";

/**
 * What every email asking for a stage's money shows: its figures, its early-payment offer and late-fee notice, the pay
 * button, the schedule, the totals.
 */
export function PaymentRequest({ context, stage }: { readonly context: EmailContext; readonly stage: BuyerStage }) {
  return (
    <>
      <StageFacts context={context} stage={stage} />
      <PaymentTermsNote context={context} stage={stage} />
      <PayButton context={context} stage={stage} />
      <ScheduleTable context={context} currentPosition={stage.position} />
      <ContractSummary context={context} />
      <PortalLink context={context} />
    </>
  );
}
