/**
 * Splitting an amount of minor units into integer shares that sum to it exactly.
 *
 * Remainder rule for ratios (Hamilton's largest-remainder method): every share first gets the floor of its exact
 * part; the minor units left over go one each to the shares with the largest fractional part, ties to the earlier
 * position. A zero ratio always gets zero, and no share is ever more than one minor unit from its exact value.
 */
export function allocateByRatios(total: bigint, ratios: readonly bigint[]): bigint[] {
  if (total < 0n) throw new RangeError("allocateByRatios: total must not be negative");
  const count = ratios.length;
  let ratioSum = 0n;
  for (let index = 0; index < count; index++) {
    const ratio = ratios[index] as bigint;
    if (ratio < 0n) throw new RangeError("allocateByRatios: ratios must not be negative");
    ratioSum += ratio;
  }
  if (ratioSum === 0n) throw new RangeError("allocateByRatios: ratios must not all be zero");

  const shares: bigint[] = [];
  const fractions: bigint[] = [];
  let assigned = 0n;
  for (let index = 0; index < count; index++) {
    const exact = total * (ratios[index] as bigint);
    const share = exact / ratioSum;
    shares.push(share);
    fractions.push(exact - share * ratioSum);
    assigned += share;
  }
  // Fewer minor units are left over than there are shares: one each to the largest fractions, ties to the earlier.
  const leftover = Number(total - assigned);
  const receivers = leftover <= FEW_LEFTOVER ? largestBySelection(fractions, leftover) : largestBySorting(fractions, leftover);
  for (const index of receivers) shares[index] = (shares[index] as bigint) + 1n;
  return shares;
}

/**
 * allocateByRatios on doubles, for callers that keep a whole computation below 2^53: every product total × ratio
 * must be at most Number.MAX_SAFE_INTEGER, so each product, floor quotient and remainder is an exact integer (the
 * floor of a correctly rounded quotient of integers below 2^53 is the exact floor). Same rule, same ties.
 */
export function allocateSmallByRatios(total: number, ratios: readonly number[]): number[] {
  const shares = new Array<number>(ratios.length);
  allocateSmallByRatiosInto(total, ratios, ratios.length, shares, new Array<number>(ratios.length));
  return shares;
}

/**
 * allocateSmallByRatios of the first `count` ratios, written into `shares` with `fractions` as scratch (both at
 * least `count` long), so that a loop splitting once per installment allocates nothing. Same bound, rule and ties.
 */
export function allocateSmallByRatiosInto(total: number, ratios: readonly number[], count: number, shares: number[], fractions: number[]): void {
  let ratioSum = 0;
  for (let index = 0; index < count; index++) ratioSum += ratios[index] as number;
  if (ratioSum === 0) throw new RangeError("allocateSmallByRatios: ratios must not all be zero");
  let assigned = 0;
  for (let index = 0; index < count; index++) {
    const exact = total * (ratios[index] as number);
    const share = Math.floor(exact / ratioSum);
    shares[index] = share;
    fractions[index] = exact - share * ratioSum;
    assigned += share;
  }
  const leftover = total - assigned;
  if (leftover <= FEW_LEFTOVER) {
    for (let left = leftover; left > 0; left--) {
      let best = 0;
      for (let index = 1; index < count; index++) if ((fractions[index] as number) > (fractions[best] as number)) best = index;
      shares[best] = (shares[best] as number) + 1;
      fractions[best] = -1;
    }
    return;
  }
  // Many left over (a long schedule): the largest fractions are those above the leftover-th largest, then the
  // earliest of those equal to it; finding it by selection keeps the split linear in the number of shares.
  const threshold = kthLargest(fractions.slice(0, count), leftover);
  let atThreshold = leftover;
  for (let index = 0; index < count; index++) if ((fractions[index] as number) > threshold) atThreshold--;
  for (let index = 0; index < count; index++) {
    const fraction = fractions[index] as number;
    if (fraction > threshold || (fraction === threshold && atThreshold-- > 0)) shares[index] = (shares[index] as number) + 1;
  }
}

/** The k-th largest (1-based) of `values`, which it reorders: Hoare's quickselect, linear on average. */
function kthLargest(values: number[], k: number): number {
  const target = k - 1;
  let low = 0;
  let high = values.length - 1;
  while (low < high) {
    const pivot = values[(low + high) >>> 1] as number;
    let i = low;
    let j = high;
    while (i <= j) {
      while ((values[i] as number) > pivot) i++;
      while ((values[j] as number) < pivot) j--;
      if (i <= j) {
        const swapped = values[i] as number;
        values[i++] = values[j] as number;
        values[j--] = swapped;
      }
    }
    if (target <= j) high = j;
    else if (target >= i) low = i;
    else break;
  }
  return values[target] as number;
}

/** Up to this many leftover units, picking the largest fraction each time beats sorting or selecting among all of them. */
const FEW_LEFTOVER = 8;

function largestBySelection(fractions: bigint[], count: number): number[] {
  const picked: number[] = [];
  for (let k = 0; k < count; k++) {
    let best = -1;
    for (let index = 0; index < fractions.length; index++) {
      if (!picked.includes(index) && (best === -1 || (fractions[index] as bigint) > (fractions[best] as bigint))) best = index;
    }
    picked.push(best);
  }
  return picked;
}

function largestBySorting(fractions: readonly bigint[], count: number): number[] {
  const order = Array.from(fractions.keys()).sort((a, b) => {
    const fa = fractions[a] as bigint;
    const fb = fractions[b] as bigint;
    return fa === fb ? a - b : fa > fb ? -1 : 1;
  });
  return order.slice(0, count);
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
  const larger = base + 1n;
  const shares = new Array<bigint>(count);
  for (let index = 0; index < count; index++) shares[index] = index < extra ? larger : base;
  return shares;
}
