/** Attempts of one email before it is shown to staff as failed. */
export const MAX_EMAIL_ATTEMPTS = 6;

/** Waits between attempts: a mail server's outage usually passes within hours, and a buyer's email should not wait a day. */
const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000, 3 * 60 * 60_000];

/** When an email whose attempt `attempt` (1-based) failed is tried again. */
export function nextEmailAttemptAt(now: Date, attempt: number, scale = 1): Date {
  const delay = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length) - 1] ?? RETRY_DELAYS_MS[0]!;
  return new Date(now.getTime() + delay * scale);
}
