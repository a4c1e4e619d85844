import type { ShopPlan } from "../state/model";

/** Points restored per second, by plan (shopify.dev, GraphQL Admin API rate limits). */
export const RESTORE_RATE: Readonly<Record<ShopPlan, number>> = {
  basic: 100,
  shopify: 100,
  advanced: 200,
  plus: 1000,
  enterprise: 2000,
};

/** The bucket holds twenty seconds of restore, as Shopify's buckets do (2,000 points on Standard). */
const BUCKET_SECONDS = 20;

export interface ThrottleStatus {
  readonly maximumAvailable: number;
  readonly currentlyAvailable: number;
  readonly restoreRate: number;
}

/**
 * One app-and-shop bucket. It refills continuously in real time (not emulator time: a test that moves the
 * clock a month ahead must not get a free bucket), and a call is allowed when its requested cost fits.
 */
export class LeakyBucket {
  private available: number;
  private updatedAt: number;

  constructor(
    private plan: ShopPlan,
    private readonly realNow: () => number = () => performance.now(),
  ) {
    this.available = this.maximum;
    this.updatedAt = this.realNow();
  }

  get restoreRate(): number {
    return RESTORE_RATE[this.plan];
  }

  get maximum(): number {
    return this.restoreRate * BUCKET_SECONDS;
  }

  setPlan(plan: ShopPlan): void {
    this.refill();
    this.plan = plan;
    this.available = Math.min(this.available, this.maximum);
  }

  /** Takes `cost` points if they are there; returns whether it did. */
  take(cost: number): boolean {
    this.refill();
    if (cost > this.available) return false;
    this.available -= cost;
    return true;
  }

  status(): ThrottleStatus {
    this.refill();
    return { maximumAvailable: this.maximum, currentlyAvailable: Math.floor(this.available), restoreRate: this.restoreRate };
  }

  private refill(): void {
    const now = this.realNow();
    this.available = Math.min(this.maximum, this.available + ((now - this.updatedAt) / 1000) * this.restoreRate);
    this.updatedAt = now;
  }
}
