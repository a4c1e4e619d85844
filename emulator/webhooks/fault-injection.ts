/**
 * Faults the emulator can inject into webhook delivery, so the app's handling of Shopify's at-least-once,
 * unordered delivery is tested: duplicates, reordering, delay and failed first attempts. Random choices come
 * from a seeded generator, so a test run with the same seed makes the same choices.
 */
export interface WebhookFaults {
  /** Chance (0–1) that a delivery is sent twice. */
  readonly duplicateProbability: number;
  /** Deliveries queued within this window (ms) are held and sent shuffled; 0 sends them in order. */
  readonly reorderWindowMs: number;
  /** Extra latency (ms) before every delivery. */
  readonly delayMs: number;
  /** Chance (0–1) that a first attempt is treated as failed (and so retried) whatever the endpoint answers. */
  readonly failureProbability: number;
  readonly seed: number;
}

export const NO_FAULTS: WebhookFaults = { duplicateProbability: 0, reorderWindowMs: 0, delayMs: 0, failureProbability: 0, seed: 1 };

/** Checks a partial fault setting from a caller; the message names the bad key. */
export function parseFaults(input: unknown, current: WebhookFaults): WebhookFaults {
  if (typeof input !== "object" || input === null) throw new TypeError("faults must be a JSON object");
  const merged: Record<string, unknown> = { ...current, ...input };
  for (const key of Object.keys(input)) if (!(key in NO_FAULTS)) throw new TypeError(`unknown fault "${key}"`);
  for (const key of ["duplicateProbability", "failureProbability"] as const) {
    const value = merged[key];
    if (typeof value !== "number" || value < 0 || value > 1) throw new TypeError(`${key} must be a number from 0 to 1`);
  }
  for (const key of ["reorderWindowMs", "delayMs", "seed"] as const) {
    const value = merged[key];
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) throw new TypeError(`${key} must be a non-negative number`);
  }
  return merged as unknown as WebhookFaults;
}

/** Mulberry32: a small, fast 32-bit PRNG, good enough to pick faults reproducibly. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  chance(probability: number): boolean {
    return probability > 0 && this.next() < probability;
  }

  /** Fisher–Yates, in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j] as T, items[i] as T];
    }
    return items;
  }
}
