import type { PrismaClient } from "@prisma/client";

import { reserveApiCost, settleApiCost, type ApiCostHeld } from "../models/shop-api-buckets.server";
import { LOST_CALL_SECONDS, reservationRetryMs } from "./shared-bucket";
import { OperationCosts, realTiming, type AdminThrottle, type ThrottleAnswer, type ThrottleReservation, type Timing } from "./shop-throttle";

/**
 * The pacing of one shop's calls shared by every app process through the database: each reservation is taken from
 * the shop's ShopApiBucket row (app/models/shop-api-buckets.server.ts) and each answer brings Shopify's count back
 * to it, so web and worker processes on any number of hosts spend one bucket together. Inside this process callers
 * still take turns, so one of them at a time asks the database.
 */
export class SharedShopThrottle implements AdminThrottle {
  private readonly costs = new OperationCosts();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: PrismaClient,
    readonly shop: string,
    private readonly timing: Timing = realTiming,
  ) {}

  expectedCost(operationName: string, kind: "query" | "mutation"): number {
    return this.costs.expected(operationName, kind);
  }

  acquire(cost: number): Promise<ThrottleReservation> {
    const turn = this.queue.then(() => this.reserve(cost));
    // A failed reservation (the database is unreachable) fails its own call, not the turns queued after it.
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async reserve(cost: number): Promise<ThrottleReservation> {
    for (;;) {
      const reservation = await reserveApiCost(this.db, this.shop, cost);
      if (reservation.reserved) return { settle: (operationName, answer) => this.settle(operationName, reservation, answer) };
      await this.timing.sleep(reservationRetryMs(reservation, cost));
    }
  }

  private async settle(operationName: string, held: ApiCostHeld, answer: ThrottleAnswer | undefined): Promise<void> {
    if (answer) this.costs.record(operationName, answer.requestedQueryCost);
    try {
      await settleApiCost(this.db, this.shop, held, answer?.throttleStatus);
    } catch (error) {
      // The call itself is over and its result is the caller's: losing this bookkeeping only holds its cost longer.
      console.error(
        `[admin pacing] ${this.shop}: the answer to ${operationName} was not recorded in ShopApiBucket (${error instanceof Error ? error.message : String(error)}); ` +
          `its ${held.cost} points count as in flight until the shop goes ${LOST_CALL_SECONDS} s without an answer`,
      );
    }
  }
}

const sharedThrottles = new WeakMap<PrismaClient, Map<string, SharedShopThrottle>>();

/** One shared throttle per shop and database client in this process, so that its callers queue behind each other. */
export function sharedThrottleForShop(db: PrismaClient, shop: string): SharedShopThrottle {
  let byShop = sharedThrottles.get(db);
  if (!byShop) sharedThrottles.set(db, (byShop = new Map()));
  let throttle = byShop.get(shop);
  if (!throttle) byShop.set(shop, (throttle = new SharedShopThrottle(db, shop)));
  return throttle;
}
