import type { EarlyPaymentOffer } from "../payment-rules/early-payment-discount";
import type { TaxLine } from "../schedule/order-snapshot";
import { refundedTaxShares } from "./allocate-refunds";

/** A stage's settled amounts as stored: `paidMinor` counts money and an early-payment discount granted alike. */
export interface SettledStage {
  readonly paidMinor: bigint;
  readonly discountMinor: bigint;
  readonly refundedMinor: bigint;
}

/** The money a stage received: what settled it, less the discount (which no one paid and no one gets back). */
export function moneyReceived(stage: Pick<SettledStage, "paidMinor" | "discountMinor">): bigint {
  return stage.paidMinor - stage.discountMinor;
}

/** The money a stage holds now: received less refunded. What a refund or a cancellation can give back. */
export function moneyHeld(stage: SettledStage): bigint {
  return moneyReceived(stage) - stage.refundedMinor;
}

/** A settled stage as its paid tax needs it: its gross, its tax shares, what settled it, the discount and its offer. */
export interface DiscountedStage {
  readonly amountMinor: bigint;
  readonly taxShares: readonly TaxLine[];
  readonly paidMinor: bigint;
  readonly discountMinor: bigint;
  readonly paymentTerms: { readonly earlyPayment?: EarlyPaymentOffer };
}

/**
 * Each tax line's part of the stage's granted early-payment discount: the offer's `taxReduction` when the whole offer
 * was granted, otherwise the part between the money received and all that settled the stage, split as the books split
 * the discount (books/stage-split.ts `splitBetween`, i.e. `refundedTaxShares` of the cumulative amounts).
 */
export function discountTaxShares(stage: DiscountedStage): TaxLine[] {
  const offer = stage.paymentTerms.earlyPayment;
  if (stage.discountMinor === 0n) return stage.taxShares.map((line) => ({ title: line.title, amount: 0n }));
  if (offer && stage.discountMinor === offer.discount && sameTitles(offer.taxReduction, stage.taxShares)) {
    return offer.taxReduction.map((line) => ({ title: line.title, amount: line.amount }));
  }
  const shares = stage.taxShares.map((line) => line.amount);
  const within = (gross: bigint) => refundedTaxShares(shares, stage.amountMinor, gross < 0n ? 0n : gross < stage.amountMinor ? gross : stage.amountMinor);
  const before = within(moneyReceived(stage));
  const after = within(stage.paidMinor);
  return stage.taxShares.map((line, index) => ({ title: line.title, amount: (after[index] ?? 0n) - (before[index] ?? 0n) }));
}

/** The tax the buyer actually paid on a stage: its tax shares less their part of the early-payment discount. */
export function taxPaid(stage: DiscountedStage): TaxLine[] {
  const discounted = discountTaxShares(stage);
  return stage.taxShares.map((line, index) => ({ title: line.title, amount: line.amount - (discounted[index]?.amount ?? 0n) }));
}

function sameTitles(a: readonly TaxLine[], b: readonly TaxLine[]): boolean {
  return a.length === b.length && a.every((line, index) => line.title === b[index]?.title);
}
