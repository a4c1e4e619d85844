import { addDays, type CalendarDate } from "../dates/calendar-date";
import { allocateByRatios } from "../money/allocate";
import type { TaxLine } from "../schedule/order-snapshot";
import { roundToCashUnit, type CashRounding } from "./cash-rounding";
import { divideHalfUp, PERCENT_DENOMINATOR, percentNumerator } from "./half-up";
import { paidBy, type DatedPayment } from "./stage-payments";

/** "2% if paid within 10 days": `percent` above 0 and below 100 (at most 6 decimals), `withinDays` from the invoice date. */
export interface EarlyPaymentRule {
  readonly percent: string;
  readonly withinDays: number;
}

/** One invoiced installment as the offer needs it: its amount including tax, its tax lines, the day it was issued. */
export interface InvoicedInstallment {
  readonly amount: bigint;
  readonly taxLines: readonly TaxLine[];
  readonly issuedOn: CalendarDate;
}

/**
 * What the buyer is offered on the invoice: pay `payable` (= amount − discount) on or before `until` and the stage is
 * settled; `taxReduction` is each tax line's part of the discount, for the books and the invoice.
 */
export interface EarlyPaymentOffer {
  /** The rule's percentage as written ("2"), for the words "2% early-payment discount". */
  readonly percent: string;
  readonly until: CalendarDate;
  readonly discount: bigint;
  readonly payable: bigint;
  readonly taxReduction: readonly TaxLine[];
}

/**
 * The early-payment discount on one installment, as Odoo computes it with `early_pay_discount_computation` =
 * "included" ("On early payment"; addons/account/models/account_payment_term.py `_compute_terms`): the whole amount,
 * tax included, is discounted, so the tax base and the tax fall by the same percentage, and only when the payment
 * arrives in time. Odoo's other modes are not offered: "excluded" leaves the tax untouched, which the issue rules
 * out, and "mixed" lowers the tax on the invoice itself, which would change the order's tax that Shopify holds.
 *
 * - `until` is the issue date plus `withinDays` (Odoo: `date_ref + discount_days`); paying on that day still counts.
 * - `payable` is the amount × (100 − percent) / 100 rounded half-up to the minor unit, as Odoo rounds the discounted
 *   total (then to the cash unit, when the plan rounds to one); the discount is what that takes off, so payable +
 *   discount is exactly the amount.
 * - The tax's part of the discount is the tax's share of the amount (discount × tax / amount, half-up), so it never
 *   exceeds the tax nor the discount; it is split over the tax lines by largest remainder (allocateByRatios), so the
 *   lines' reductions add up to it exactly. Every tax line is treated as a percentage tax: Odoo leaves fixed taxes
 *   (a 0.05 eco fee) out of the reduction, but a Shopify tax line does not say which kind it is.
 */
export function earlyPaymentOffer(
  rule: EarlyPaymentRule,
  installment: InvoicedInstallment,
  key = "paymentRules.earlyPayment",
  cashRounding?: CashRounding,
): EarlyPaymentOffer {
  const { amount, taxLines } = installment;
  const tax = taxLines.reduce((sum, line) => sum + line.amount, 0n);
  if (amount < 0n || taxLines.some((line) => line.amount < 0n) || tax > amount) {
    throw new RangeError("earlyPaymentOffer: the amount and tax lines must not be negative, and the tax not more than the amount");
  }
  const exactPayable = divideHalfUp(amount * (PERCENT_DENOMINATOR - percentNumerator(rule.percent)), PERCENT_DENOMINATOR);
  // A buyer who pays in coins pays a coin amount: the discounted amount is rounded to the plan's cash unit too.
  const payable = cashRounding ? roundToCashUnit(exactPayable, cashRounding) : exactPayable;
  const discount = amount - payable;
  const taxDiscount = amount === 0n ? 0n : divideHalfUp(discount * tax, amount);
  const lineReductions =
    taxDiscount === 0n
      ? taxLines.map(() => 0n)
      : allocateByRatios(
          taxDiscount,
          taxLines.map((line) => line.amount),
        );
  return {
    percent: rule.percent,
    until: addDays(installment.issuedOn, rule.withinDays, `${key}.withinDays`),
    discount,
    payable,
    taxReduction: taxLines.map((line, index) => ({ title: line.title, amount: lineReductions[index] ?? 0n })),
  };
}

/**
 * Whether a stage's link may ask for the discounted amount on `today`: through the offer's last day, and only while no
 * money arrived on the stage (a part payment no longer matches the offer's figures).
 */
export function earlyPaymentOfferOpen(stage: { readonly earlyPayment?: EarlyPaymentOffer; readonly paid: bigint }, today: CalendarDate): boolean {
  return stage.earlyPayment !== undefined && stage.paid === 0n && today <= stage.earlyPayment.until;
}

/** Whether a payment made on `paidOn` earns the discount: on or before the offer's last day. */
export function discountAppliesTo(paidOn: CalendarDate, offer: EarlyPaymentOffer): boolean {
  return paidOn <= offer.until;
}

/** Where a stage with an early-payment offer stands after its payments. */
export interface EarlyPaymentSettlement {
  /** What the buyer still owes on the stage (never negative: money beyond it is the caller's overpayment). */
  readonly owed: bigint;
  /** The discount granted: the offer's, or 0 when the payments in time did not reach the discounted amount. */
  readonly discountGranted: bigint;
  /** Each tax line's part of the granted discount (all 0 when none was granted). */
  readonly taxReduction: readonly TaxLine[];
}

/**
 * The stage after its payments. Payments made by the offer's last day that together reach the discounted amount
 * settle the stage in full: nothing more is owed and the discount is granted. Anything less earns no discount,
 * not even in part, and the buyer owes the full amount less everything paid, in time or later.
 *
 * Odoo offers the discount only while the invoice is wholly unpaid (account.move
 * `_is_eligible_for_early_payment_discount`: `payment_state == 'not_paid'`), so there one payment must cover it.
 * Here payments in time add up: staff record wires and cheques in parts, and a buyer who has paid the discounted
 * total by the last day has kept the offer's terms.
 */
export function settleWithEarlyPayment(payments: readonly DatedPayment[], offer: EarlyPaymentOffer): EarlyPaymentSettlement {
  const amount = offer.payable + offer.discount;
  if (paidBy(payments, offer.until) >= offer.payable) {
    return { owed: 0n, discountGranted: offer.discount, taxReduction: offer.taxReduction };
  }
  const paid = payments.reduce((sum, payment) => sum + payment.amount, 0n);
  return {
    owed: paid >= amount ? 0n : amount - paid,
    discountGranted: 0n,
    taxReduction: offer.taxReduction.map((line) => ({ title: line.title, amount: 0n })),
  };
}

/**
 * The discount to grant a stage whose money is `payments`: the offer's, when payments by its last day reached the
 * discounted amount (settleWithEarlyPayment), but never more than the money left unpaid, so that money and
 * discount together settle exactly the amount; nothing when the money alone covers the amount (the buyer paid in
 * full and owes nothing to be let off).
 *
 * `paidOrderAskedDiscounted`: the buyer paid in full an order made while the offer was open, which asks for the
 * discounted amount (a stage draft completed with the discount on it). Its total can no longer change, so paying it is
 * honoured on any day, for what it left unpaid up to the offer's discount: otherwise a checkout finished after
 * midnight, or a saved-card retry, would leave the stage owing the discount on an order showing nothing outstanding.
 */
export function discountEarned(offer: EarlyPaymentOffer, payments: readonly DatedPayment[], paidOrderAskedDiscounted = false): bigint {
  const amount = offer.payable + offer.discount;
  const money = payments.reduce((sum, payment) => sum + payment.amount, 0n);
  if (money >= amount) return 0n;
  const left = amount - money;
  if (paidOrderAskedDiscounted) return left <= offer.discount ? left : 0n;
  if (settleWithEarlyPayment(payments, offer).discountGranted === 0n) return 0n;
  return left < offer.discount ? left : offer.discount;
}
