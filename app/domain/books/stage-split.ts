import { refundedTaxShares } from "../contract/allocate-refunds";
import type { StageFact } from "./journal-types";

/** Part of a stage's gross, split into its net and its share of each of the stage's tax lines (aligned with taxShares). */
export interface GrossSplit {
  readonly net: bigint;
  readonly taxes: readonly bigint[];
}

/**
 * The net and tax lines inside the first `cumulativeGross` of a stage's gross. The tax is the rule refunds already
 * follow (app/domain/contract/allocate-refunds.ts `refundedTaxShares`: the stage's tax scaled and rounded half-up, then
 * split over its lines by highest averages), so the books agree with the refunds staff see, and a larger amount never
 * gives a line less: differences of cumulative splits (a stage refunded or credited in pieces) are never negative and
 * all the pieces together are exactly the stage's net and tax lines. Money beyond the stage's gross (an overpayment
 * given back) carries no tax.
 */
export function splitOfGross(stage: StageFact, cumulativeGross: bigint): GrossSplit {
  const taxes = stage.taxShares.map((share) => share.amountMinor);
  const within = cumulativeGross < 0n ? 0n : cumulativeGross < stage.amountMinor ? cumulativeGross : stage.amountMinor;
  const taxesWithin = refundedTaxShares(taxes, stage.amountMinor, within);
  const taxWithin = taxesWithin.reduce((sum, amount) => sum + amount, 0n);
  return { net: cumulativeGross - taxWithin, taxes: taxesWithin };
}

/** The split of the gross between `before` and `after` (cumulative amounts of one stage). */
export function splitBetween(stage: StageFact, before: bigint, after: bigint): GrossSplit {
  const from = splitOfGross(stage, before);
  const to = splitOfGross(stage, after);
  return { net: to.net - from.net, taxes: to.taxes.map((amount, index) => amount - (from.taxes[index] ?? 0n)) };
}

/** Throws when a stage's facts cannot be journaled: negative amounts, or tax shares larger than its gross. */
export function assertStageFacts(stage: StageFact, contractId: string): void {
  const where = `stage ${stage.position} of contract ${contractId}`;
  if (stage.amountMinor < 0n) throw new RangeError(`${where}: its amount is negative (${stage.amountMinor})`);
  if (stage.taxShares.some((share) => share.amountMinor < 0n)) throw new RangeError(`${where}: a tax share is negative`);
  const tax = stage.taxShares.reduce((sum, share) => sum + share.amountMinor, 0n);
  if (tax > stage.amountMinor) throw new RangeError(`${where}: its tax shares (${tax}) exceed its amount (${stage.amountMinor})`);
}
