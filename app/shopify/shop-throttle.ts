import { ThrottlePacer, type ThrottleStatus } from "./throttle-pacer";

/** Shopify's cost of a mutation; a query's first guess until Shopify has priced it once. */
const MUTATION_COST = 10;
const FIRST_QUERY_COST_GUESS = 50;

export interface Timing {
  now(): number;
  sleep(milliseconds: number): Promise<void>;
}

export const realTiming: Timing = {
  now: () => performance.now(),
  sleep: (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds)),
};

/** What an answer told about the bucket: Shopify's state of it and the operation's real cost. */
export interface ThrottleAnswer {
  readonly requestedQueryCost: number;
  readonly throttleStatus: ThrottleStatus;
}

/** Cost held for one call from `acquire` until the call is answered. */
export interface ThrottleReservation {
  /** Releases the cost with what the answer said; `undefined` when the call got no answer with a cost. */
  settle(operationName: string, answer: ThrottleAnswer | undefined): Promise<void>;
}

/** The pacing of one shop's calls, as the Admin client uses it: this process's own, or shared by every process. */
export interface AdminThrottle {
  expectedCost(operationName: string, kind: "query" | "mutation"): number;
  /** Waits for this caller's turn and for the bucket to hold `cost`, then reserves it. */
  acquire(cost: number): Promise<ThrottleReservation>;
}

/** The cost Shopify last charged for each operation: the next call's expected cost. */
export class OperationCosts {
  private readonly charged = new Map<string, number>();

  expected(operationName: string, kind: "query" | "mutation"): number {
    return this.charged.get(operationName) ?? (kind === "mutation" ? MUTATION_COST : FIRST_QUERY_COST_GUESS);
  }

  record(operationName: string, cost: number): void {
    this.charged.set(operationName, cost);
  }
}

/**
 * The pacing of every call to one shop from this process alone: the pacer's model of the shop's bucket, a queue so
 * that callers take turns (each waits until the bucket holds its cost, then reserves it), and the cost Shopify
 * last charged for each operation. Other processes calling the same shop are invisible to it (their spending shows
 * only in Shopify's answers): SharedShopThrottle paces them together.
 */
export class ShopThrottle implements AdminThrottle {
  readonly pacer = new ThrottlePacer();
  private readonly costs = new OperationCosts();
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly timing: Timing = realTiming) {}

  expectedCost(operationName: string, kind: "query" | "mutation"): number {
    return this.costs.expected(operationName, kind);
  }

  acquire(cost: number): Promise<ThrottleReservation> {
    const turn = this.queue.then(async () => {
      for (let wait = this.pacer.delayBefore(cost, this.timing.now()); wait > 0; wait = this.pacer.delayBefore(cost, this.timing.now())) {
        await this.timing.sleep(wait);
      }
      this.pacer.start(cost);
    });
    this.queue = turn;
    return turn.then(() => ({ settle: async (operationName, answer) => this.settle(operationName, cost, answer) }));
  }

  private settle(operationName: string, reservedCost: number, answer: ThrottleAnswer | undefined): void {
    if (answer) this.costs.record(operationName, answer.requestedQueryCost);
    this.pacer.finish(reservedCost, answer?.throttleStatus, this.timing.now());
  }
}

const throttles = new Map<string, ShopThrottle>();

/** One throttle per shop per process, shared by every client for that shop (request handlers and jobs alike). */
export function throttleForShop(shop: string): ShopThrottle {
  let throttle = throttles.get(shop);
  if (!throttle) throttles.set(shop, (throttle = new ShopThrottle()));
  return throttle;
}
