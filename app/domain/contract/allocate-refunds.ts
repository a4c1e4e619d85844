/** What a stage holds that a refund can give back: the money received on it and the part already refunded. */
export interface RefundableStage {
  readonly position: number;
  readonly received: bigint;
  readonly refunded: bigint;
}

export interface RefundRequest {
  readonly amount: bigint;
  /** The stages the refunded payment paid (from the ledger); empty when it names none (money mirrored from elsewhere). */
  readonly paidStages: readonly number[];
}

export interface RefundPart {
  readonly position: number;
  readonly amount: bigint;
}

export interface RefundAllocation {
  readonly parts: readonly RefundPart[];
  /** What no stage holds: never given to a stage (a stage never gives back more than it received). */
  readonly unallocated: bigint;
}

/**
 * Which stages a refund gives money back from. The one rule:
 *
 * 1. A refund of a payment comes off the stages that payment paid, the latest position first.
 * 2. What is left (or all of it, when the refund names no payment of ours) comes off the other stages that hold
 *    money, the latest position first: the deposit, which pays for work already begun, is refunded last.
 * 3. No stage gives back more than it holds (received less refunded); what no stage holds is `unallocated`.
 *
 * Refunds that name no payment are order-independent: however they arrive, each stage ends with the same refunded
 * total, because each one takes from the end of what is left.
 */
export function allocateRefund(stages: readonly RefundableStage[], request: RefundRequest): RefundAllocation {
  if (request.amount <= 0n) throw new RangeError(`a refund must be above zero, got ${request.amount}`);
  const latestFirst = [...stages].sort((a, b) => b.position - a.position);
  const named = new Set(request.paidStages);
  const order = [...latestFirst.filter((stage) => named.has(stage.position)), ...latestFirst.filter((stage) => !named.has(stage.position))];
  const parts: RefundPart[] = [];
  let left = request.amount;
  for (const stage of order) {
    if (left === 0n) break;
    const holds = stage.received - stage.refunded;
    if (holds <= 0n) continue;
    const part = left < holds ? left : holds;
    parts.push({ position: stage.position, amount: part });
    left -= part;
  }
  return { parts, unallocated: left };
}

/**
 * The tax a stage has given back once `refunded` of its `amount` is refunded: its tax shares in the same proportion,
 * rounded half up as a whole and split over the tax lines by largest remainder. Computed from the running total, not
 * per refund, so a stage refunded in full gives back exactly its tax shares, whatever the steps.
 */
export function refundedTaxShares(taxShares: readonly bigint[], amount: bigint, refunded: bigint): bigint[] {
  if (refunded < 0n || refunded > amount) throw new RangeError(`refunded ${refunded} must be between 0 and the stage's ${amount}`);
  const tax = taxShares.reduce((sum, share) => sum + share, 0n);
  if (tax === 0n || refunded === 0n) return taxShares.map(() => 0n);
  if (refunded === amount) return [...taxShares];
  const refundedTax = (2n * tax * refunded + amount) / (2n * amount);
  return byHighestAverages(refundedTax, taxShares);
}

/**
 * Splits `total` (at most the shares' sum) by highest averages (D'Hondt): each line first gets the floor of its exact
 * part, then each unit left goes to the line with the largest share / (given + 1), ties to the earlier line. Unlike
 * largest remainder, a larger total never gives a line less (no Alabama paradox); no line gets more than its share.
 */
function byHighestAverages(total: bigint, shares: readonly bigint[]): bigint[] {
  const sum = shares.reduce((acc, share) => acc + share, 0n);
  const given = shares.map((share) => (total * share) / sum);
  for (let left = total - given.reduce((acc, part) => acc + part, 0n); left > 0n; left -= 1n) {
    let best = -1;
    for (let index = 0; index < shares.length; index++) {
      if (shares[index] === 0n) continue;
      if (best === -1 || shares[index]! * (given[best]! + 1n) > shares[best]! * (given[index]! + 1n)) best = index;
    }
    given[best] = given[best]! + 1n;
  }
  return given;
}
