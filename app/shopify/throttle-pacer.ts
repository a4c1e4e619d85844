/** Shopify's `extensions.cost.throttleStatus`: the app's bucket for one shop. */
export interface ThrottleStatus {
  readonly maximumAvailable: number;
  readonly currentlyAvailable: number;
  readonly restoreRate: number;
}

/** While no answer has told the bucket's size, calls go one at a time, and the next waits this long to look again. */
export const UNKNOWN_BUCKET_POLL_MS = 20;

/**
 * Decides how long a call must wait so that the shop's bucket holds its cost when it arrives. It keeps a model
 * of the bucket: the last status Shopify reported, refilled at the restore rate since then, less the cost of
 * calls sent but not yet answered. Pure: the caller passes the time; nothing here sleeps or reads a clock.
 */
export class ThrottlePacer {
  private observed: { readonly status: ThrottleStatus; readonly atMs: number } | undefined;
  private inFlightCost = 0;
  private inFlightCalls = 0;

  /** Milliseconds to wait before sending a call that will cost `cost` points at `nowMs`; 0 to send now. */
  delayBefore(cost: number, nowMs: number): number {
    if (!this.observed) return this.inFlightCalls === 0 ? 0 : UNKNOWN_BUCKET_POLL_MS;
    const { restoreRate, maximumAvailable } = this.observed.status;
    // A call that costs more than the whole bucket can only wait for a full one (Shopify then refuses it by cost).
    const needed = Math.min(cost, maximumAvailable);
    const shortfall = needed - ((this.estimatedAvailable(nowMs) ?? 0) - this.inFlightCost);
    return shortfall <= 0 ? 0 : Math.ceil((shortfall / restoreRate) * 1000);
  }

  /** The call is being sent: its cost is spoken for until it is answered. */
  start(cost: number): void {
    this.inFlightCost += cost;
    this.inFlightCalls += 1;
  }

  /** The call started with `cost` was answered (or failed); `status` is the bucket it reported, if any. */
  finish(cost: number, status: ThrottleStatus | undefined, nowMs: number): void {
    this.inFlightCost = Math.max(0, this.inFlightCost - cost);
    this.inFlightCalls = Math.max(0, this.inFlightCalls - 1);
    if (status) this.observed = { status, atMs: nowMs };
  }

  /** Points the bucket holds at `nowMs` by the model, before in-flight calls; undefined until a status is seen. */
  estimatedAvailable(nowMs: number): number | undefined {
    if (!this.observed) return undefined;
    const { status, atMs } = this.observed;
    const restored = (Math.max(0, nowMs - atMs) / 1000) * status.restoreRate;
    return Math.min(status.maximumAvailable, status.currentlyAvailable + restored);
  }

  get inFlight(): { readonly calls: number; readonly cost: number } {
    return { calls: this.inFlightCalls, cost: this.inFlightCost };
  }
}
