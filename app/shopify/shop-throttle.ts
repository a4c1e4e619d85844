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

/**
 * The pacing of every call to one shop from this process: the pacer's model of the shop's bucket, a queue so
 * that callers take turns (each waits until the bucket holds its cost, then reserves it), and the cost Shopify
 * last charged for each operation, which is the next call's expected cost.
 */
export class ShopThrottle {
  readonly pacer = new ThrottlePacer();
  private readonly costs = new Map<string, number>();
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly timing: Timing = realTiming) {}

  expectedCost(operationName: string, kind: "query" | "mutation"): number {
    return this.costs.get(operationName) ?? (kind === "mutation" ? MUTATION_COST : FIRST_QUERY_COST_GUESS);
  }

  /** Waits for this caller's turn and for the bucket to hold `cost`, then reserves it. */
  acquire(cost: number): Promise<void> {
    const turn = this.queue.then(async () => {
      for (let wait = this.pacer.delayBefore(cost, this.timing.now()); wait > 0; wait = this.pacer.delayBefore(cost, this.timing.now())) {
        await this.timing.sleep(wait);
      }
      this.pacer.start(cost);
    });
    this.queue = turn;
    return turn;
  }

  /** Releases a reservation with what the answer said: the bucket's state and the operation's real cost. */
  settle(operationName: string, reservedCost: number, answer: { readonly requestedQueryCost: number; readonly throttleStatus: ThrottleStatus } | undefined): void {
    if (answer) this.costs.set(operationName, answer.requestedQueryCost);
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
