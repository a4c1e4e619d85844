/**
 * The rules of the Admin API bucket that every app process shares through the database
 * (app/models/shop-api-buckets.server.ts holds the statements that apply them atomically). Pure: no clock, no I/O.
 */

/**
 * The bucket assumed before a shop has answered once: Shopify's smallest restore rate (50 points a second) and a
 * bucket of one second of it, so the first calls to a shop go a few at a time until its real size is known.
 */
export const UNKNOWN_BUCKET = { capacity: 50, restoreRate: 50 } as const;

/**
 * Cost in flight with no answer at all for this long belongs to calls that died with their process (a killed
 * worker): it stops being held, or a busy shop would keep every point those calls never used.
 */
export const LOST_CALL_SECONDS = 60;

/** While only answers can free room (the bucket refilled is still too small), how soon to look again. */
export const ANSWER_POLL_MS = 20;

/** A reservation the bucket refused, as the database saw it at that moment. */
export interface RefusedReservation {
  /** Points free to reserve: the bucket refilled to now, less the cost in flight. */
  readonly free: number;
  readonly inFlight: number;
  readonly capacity: number;
  readonly restoreRate: number;
}

/**
 * Milliseconds to wait before asking again to reserve `cost` after `refused`. As in the reserving statement, a call
 * that costs more than the whole bucket waits for a full one (Shopify then answers it by its cost).
 */
export function reservationRetryMs(refused: RefusedReservation, cost: number): number {
  const needed = Math.min(cost, refused.capacity);
  // Refilling stops at the capacity less what is in flight: past that, only answers free room.
  if (refused.capacity - refused.inFlight < needed || refused.restoreRate <= 0) return ANSWER_POLL_MS;
  return Math.max(1, Math.ceil(((needed - refused.free) / refused.restoreRate) * 1000));
}
