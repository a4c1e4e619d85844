import type { CalendarDate } from "../dates/calendar-date";
import type { StagePaymentTerms } from "../documents/stage-payment-terms";
import { earlyPaymentOfferOpen } from "../payment-rules/early-payment-discount";
import type { ContractMode, ContractStatus } from "./contract-state";
import { MAX_CHARGE_ATTEMPTS } from "./next-step";
import { UNPAID_STAGE_STATUSES, type StageStatus } from "./stage-status";

/** What staff can do to one stage from the contract page. */
export type StaffStageAction = "recordPayment" | "resendLink" | "retryCharge" | "waiveFee";

export const STAFF_STAGE_ACTIONS: readonly StaffStageAction[] = ["recordPayment", "resendLink", "retryCharge", "waiveFee"];

/** The part of a contract and its stage the rules read. */
export interface StageActionSubject {
  readonly contractStatus: ContractStatus;
  readonly mode: ContractMode;
  readonly position: number;
  /** The stage is a deposit paid at the draft's checkout (stage 1 of a contract that is not on net terms). */
  readonly atCheckout: boolean;
  readonly status: StageStatus;
  readonly attempts: number;
  /** A saved-card charge asked for whose outcome is not recorded yet. */
  readonly chargeKey: string | null;
  /** What the ledger says the stage still owes (minor units): nothing once a recorded payment covers it. */
  readonly owedMinor: bigint;
  /** The stage's whole amount (minor units). */
  readonly amountMinor: bigint;
  /** A late fee charged on an overdue stage (late-fee-stage.ts), not a payment of the plan. */
  readonly lateFee: boolean;
}

/**
 * The one home of what staff may do to a stage: the contract page shows an action only when this allows it, and the
 * service refuses it with this reason when the page was stale. Null: allowed.
 */
export function refusalOf(action: StaffStageAction, stage: StageActionSubject): string | null {
  if (stage.contractStatus === "cancelled" || stage.contractStatus === "completed") return `the contract is ${stage.contractStatus}`;
  if (!UNPAID_STAGE_STATUSES.includes(stage.status)) return `stage ${stage.position} is ${stage.status}`;
  // Its status follows with the next sync; until then the ledger already knows the money is in.
  if (stage.owedMinor <= 0n) return `stage ${stage.position} is already paid: its payment is recorded, and Shopify is being brought in line`;
  switch (action) {
    case "recordPayment":
      if (stage.chargeKey !== null) return chargingRefusal(stage);
      if (stage.mode === "native" && stage.atCheckout) {
        return "a native deposit is paid at the draft order's checkout; for a deposit paid offline, attach the plan in stage-order mode";
      }
      return null;
    case "resendLink":
      if (stage.chargeKey !== null) return chargingRefusal(stage);
      if (stage.status === "scheduled") return `stage ${stage.position} has no payment link yet`;
      return null;
    case "retryCharge":
      if (stage.status !== "failed") return `stage ${stage.position} is ${stage.status}, not a failed charge`;
      if (stage.attempts >= MAX_CHARGE_ATTEMPTS)
        return `the card was declined ${stage.attempts} times; the buyer pays stage ${stage.position} from its emailed link`;
      return null;
    case "waiveFee":
      if (!stage.lateFee) return `stage ${stage.position} is a payment of the plan: only a late fee can be waived`;
      if (stage.owedMinor < stage.amountMinor) return "part of the late fee is paid already: record the rest as paid, or refund what was paid";
      return null;
  }
}

/** Collecting the stage another way while a card charge is on its way could collect it twice. */
function chargingRefusal(stage: StageActionSubject): string {
  return `a card charge of stage ${stage.position} is in progress; wait for its result`;
}

/** A stage as an offline payment on it is judged: its amount, what settled it so far, and its early-payment offer. */
export interface OfflinePaymentStage {
  readonly amountMinor: bigint;
  readonly paidMinor: bigint;
  readonly paymentTerms: Pick<StagePaymentTerms, "earlyPayment">;
}

/**
 * Whether an offline payment settles its stage: it covers what the stage still owes, or it arrived while the stage's
 * early-payment offer was open and covers the discounted amount, for which the planner grants the discount
 * (earlyPaymentStep). Anything less is a part payment, which a stage's own order cannot take.
 */
export function offlinePaymentSettles(stage: OfflinePaymentStage, payment: { readonly amount: bigint; readonly receivedOn: CalendarDate }): boolean {
  if (payment.amount >= stage.amountMinor - stage.paidMinor) return true;
  const offer = stage.paymentTerms.earlyPayment;
  return offer !== undefined && earlyPaymentOfferOpen({ earlyPayment: offer, paid: stage.paidMinor }, payment.receivedOn) && payment.amount >= offer.payable;
}
