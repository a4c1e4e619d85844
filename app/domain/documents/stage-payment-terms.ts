import type { CalendarDate } from "../dates/calendar-date";
import { earlyPaymentOffer, earlyPaymentOfferOpen, type EarlyPaymentOffer } from "../payment-rules/early-payment-discount";
import { lateFeeNotice, type LateFeeNotice } from "../payment-rules/late-fee";
import type { PaymentRulesInCurrency } from "../payment-rules/payment-rules-config";
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

/**
 * The plan's rules in the order's currency, as the attach froze them, for a stage without dates yet: the offer and
 * the notice are made from them once it is dated (the cash rounding only shapes the discounted amount).
 */
export type PendingPaymentRules = PaymentRulesInCurrency;

/** A dated stage as its terms need it: its amount and tax lines, and what it still owes. */
export interface DatedStage {
  readonly amount: bigint;
  readonly taxLines: readonly TaxLine[];
  readonly owed: bigint;
}

/**
 * A dated stage's offer and notice from the plan's rules: the offer from its issue date on its amount and tax
 * (rounded to the plan's coin), the notice from its due date on what it still owes. The one place they are made,
 * for the schedule at attach, a stage an event dates later, and a revised stage.
 */
export function datedStageTerms(
  rules: PaymentRulesInCurrency,
  stage: DatedStage,
  dates: { readonly issueDate: CalendarDate; readonly dueDate: CalendarDate },
): StagePaymentTerms {
  const terms: { earlyPayment?: EarlyPaymentOffer; lateFee?: LateFeeNotice } = {};
  if (rules.earlyPayment) {
    terms.earlyPayment = earlyPaymentOffer(
      rules.earlyPayment,
      { amount: stage.amount, taxLines: stage.taxLines, issuedOn: dates.issueDate },
      "paymentRules.earlyPayment",
      rules.cashRounding,
    );
  }
  if (rules.lateFee) terms.lateFee = lateFeeNotice(rules.lateFee, dates.dueDate, stage.owed);
  return terms;
}

/** A triggered stage's terms once its event dated it (datedStageTerms); terms without pending rules stay as they are. */
export function termsWhenDated(
  terms: StagePaymentTerms,
  stage: DatedStage,
  dates: { readonly issueDate: CalendarDate; readonly dueDate: CalendarDate },
): StagePaymentTerms {
  return terms.pending ? datedStageTerms(terms.pending, stage, dates) : terms;
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
  const offerOpen = earlyPaymentOfferOpen({ ...(terms.earlyPayment ? { earlyPayment: terms.earlyPayment } : {}), paid: stage.paidMinor }, today);
  return {
    ...(offerOpen ? { earlyPayment: terms.earlyPayment } : {}),
    ...(terms.lateFee ? { lateFee: terms.lateFee } : {}),
  };
}
