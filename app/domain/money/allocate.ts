/**
 * Splitting an amount of minor units into integer shares that sum to it exactly.
 *
 * Remainder rule for ratios (Hamilton's largest-remainder method): every share first gets the floor of its exact
 * part; the minor units left over go one each to the shares with the largest fractional part, ties to the earlier
 * position. A zero ratio always gets zero, and no share is ever more than one minor unit from its exact value.
 */
export function allocateByRatios(total: bigint, ratios: readonly bigint[]): bigint[] {
  if (total < 0n) throw new RangeError("allocateByRatios: total must not be negative");
  if (ratios.some((ratio) => ratio < 0n)) throw new RangeError("allocateByRatios: ratios must not be negative");
  const ratioSum = ratios.reduce((sum, ratio) => sum + ratio, 0n);
  if (ratioSum === 0n) throw new RangeError("allocateByRatios: ratios must not all be zero");

  const shares = ratios.map((ratio) => (total * ratio) / ratioSum);
  const fractions = ratios.map((ratio) => (total * ratio) % ratioSum);
  let leftover = total - shares.reduce((sum, share) => sum + share, 0n);
  const byLargestFraction = fractions
    .map((fraction, index) => ({ fraction, index }))
    .sort((a, b) => (a.fraction === b.fraction ? a.index - b.index : a.fraction > b.fraction ? -1 : 1));
  for (const { index } of byLargestFraction) {
    if (leftover === 0n) break;
    shares[index] = (shares[index] ?? 0n) + 1n;
    leftover -= 1n;
  }
  return shares;
}

/**
 * Equal split. Remainder rule: the minor units that do not divide evenly go one each to the earliest shares,
 * so 100.00 in three is 33.34, 33.33, 33.33 (the buyer pays the odd cent sooner, never later).
 */
export function allocateEqually(total: bigint, count: number): bigint[] {
  if (total < 0n) throw new RangeError("allocateEqually: total must not be negative");
  if (!Number.isInteger(count) || count < 1) throw new RangeError("allocateEqually: count must be a positive integer");
  const n = BigInt(count);
  const base = total / n;
  const extra = Number(total % n);
  return Array.from({ length: count }, (_, index) => (index < extra ? base + 1n : base));
}
