import { Dec } from "../money/decimal";

/**
 * The one rounding the payment rules use: a non-negative quotient of integers rounded half-up to an integer
 * (2.5 → 3), in bigint so that no amount is ever a float. Every rule rounds once, at its end.
 */
export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (numerator < 0n || denominator <= 0n) throw new RangeError("divideHalfUp: needs a non-negative numerator and a positive denominator");
  return (2n * numerator + denominator) / (2n * denominator);
}

/** Percentages in the payment rules have at most 6 decimal places, so a percent is an exact fraction over 10^8. */
export const PERCENT_DENOMINATOR = 100_000_000n;

/** "1.5" → 1_500_000n: the percent's numerator over PERCENT_DENOMINATOR. The text was checked when the rules compiled. */
export function percentNumerator(percent: string): bigint {
  const micro = new Dec(percent).times(1_000_000);
  if (!micro.isInteger() || micro.isNegative()) throw new RangeError(`percentNumerator: ${percent} is not a percentage with at most 6 decimal places`);
  return BigInt(micro.toFixed(0));
}
