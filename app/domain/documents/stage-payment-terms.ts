import type { CalendarDate } from "../dates/calendar-date";
import { earlyPaymentOffer, type EarlyPaymentOffer, type EarlyPaymentRule } from "../payment-rules/early-payment-discount";
import { lateFeeNotice, type LateFee, type LateFeeNotice } from "../payment-rules/late-fee";
import type { TaxLine } from "../schedule/order-snapshot";

/**
 * What a stage offers the buyer and warns them of, frozen from the plan's paymentRules with the schedule: pay less
 * by a day, or pay a fee after one. Empty when the plan has neither, or for a stage paid at checkout. A stage still
 * waiting for its event keeps the plan's rules in `pending` until it is dated (termsWhenDated).
 */
export interface StagePaymentTerms {
  readonly earlyPayment?: EarlyPaymentOffer;
  readonly lateFee?: LateFeeNotice;
  readonly pending?: PendingPaymentRules;
}

/** The plan's rules in the order's currency, as the attach froze them, for a stage without dates yet. */
export interface PendingPaymentRules {
  readonly earlyPayment?: EarlyPaymentRule;
  readonly lateFee?: LateFee;
}

/**
 * A triggered stage's terms once its event dated it, as buildSchedule makes a dated stage's: the offer from its
 * issue date on its amount and tax, the notice from its due date on what it still owes. Terms without pending
 * rules are returned as they are.
 */
export function termsWhenDated(
  terms: StagePaymentTerms,
  stage: { readonly amount: bigint; readonly taxLines: readonly TaxLine[]; readonly owed: bigint },
  dates: { readonly issueDate: CalendarDate; readonly dueDate: CalendarDate },
): StagePaymentTerms {
  const { pending } = terms;
  if (!pending) return terms;
  return {
    ...(pending.earlyPayment
      ? { earlyPayment: earlyPaymentOffer(pending.earlyPayment, { amount: stage.amount, taxLines: stage.taxLines, issuedOn: dates.issueDate }) }
      : {}),
    ...(pending.lateFee ? { lateFee: lateFeeNotice(pending.lateFee, dates.dueDate, stage.owed) } : {}),
  };
}

/**
 * The terms worth telling the buyer on `today` about a stage that still owes `owedMinor`: nothing once it is paid;
 * the early-payment offer through its last day and only while nothing was paid on the stage (a part payment no longer
 * matches the offer's figures); the late-fee notice while money is owed.
 */
export function termsToShow(
  terms: StagePaymentTerms,
  stage: { readonly owedMinor: bigint; readonly paidMinor: bigint },
  today: CalendarDate,
): StagePaymentTerms {
  if (stage.owedMinor <= 0n) return {};
  const offerOpen = terms.earlyPayment !== undefined && stage.paidMinor === 0n && today <= terms.earlyPayment.until;
  return {
    ...(offerOpen ? { earlyPayment: terms.earlyPayment } : {}),
    ...(terms.lateFee ? { lateFee: terms.lateFee } : {}),
  };
}
