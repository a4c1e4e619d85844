import type { AdminOperation } from "./admin-operation";

/**
 * Why an attempt failed, as far as retrying is concerned. `executed` says whether Shopify may have run it:
 * a THROTTLED answer or a 429 means it did not, so even a mutation may be sent again; a 5xx, a dropped
 * connection or an internal error leaves it unknown, so only what is safe to repeat is.
 */
export type AttemptFailure =
  | { readonly kind: "throttled"; readonly executed: "no" }
  | { readonly kind: "rate-limited"; readonly executed: "no"; readonly retryAfterMs?: number }
  | { readonly kind: "server-error"; readonly executed: "unknown"; readonly status?: number }
  | { readonly kind: "final"; readonly executed: "yes" };

export interface RetryPolicy {
  /** Attempts in all for failures other than THROTTLED (5xx, network, 429). */
  readonly maxAttempts: number;
  /** Attempts in all while THROTTLED; the pacer makes these rare, so many are allowed. */
  readonly maxThrottledAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Upper bound of the random delay added to a THROTTLED retry (the pacer adds the wait for the bucket). */
  readonly throttledJitterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  maxThrottledAttempts: 20,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  throttledJitterMs: 50,
};

export type RetryDecision = { readonly retry: false } | { readonly retry: true; readonly delayMs: number };

/**
 * Whether to send the call again after `attempt` attempts (1 = the first one failed), and after how long.
 * `random` returns a number in [0, 1) (Math.random in production, fixed in tests).
 */
export function retryDecision(failure: AttemptFailure, attempt: number, safeToRepeat: boolean, policy: RetryPolicy, random: () => number): RetryDecision {
  switch (failure.kind) {
    case "final":
      return { retry: false };
    case "throttled":
      return attempt < policy.maxThrottledAttempts ? { retry: true, delayMs: Math.floor(random() * policy.throttledJitterMs) } : { retry: false };
    case "rate-limited":
      if (attempt >= policy.maxAttempts) return { retry: false };
      return { retry: true, delayMs: Math.max(failure.retryAfterMs ?? 0, backoffDelay(attempt, policy, random)) };
    case "server-error":
      if (!safeToRepeat || attempt >= policy.maxAttempts) return { retry: false };
      return { retry: true, delayMs: backoffDelay(attempt, policy, random) };
  }
}

/**
 * Exponential backoff with "equal jitter": half of base·2^(attempt-1) (capped) is always waited, the other half
 * is random, so retries of many callers spread out but none comes back at once.
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * Whether sending this call twice could do no more harm than once: queries, mutations declared idempotent,
 * and mutations that carry a non-blank idempotency key (Shopify answers a repeated key with the first result).
 */
export function safeToRepeat(operation: AdminOperation<unknown, unknown>, variables: unknown): boolean {
  if (operation.idempotent || operation.literalIdempotencyKey) return true;
  const values = (variables ?? {}) as Record<string, unknown>;
  return operation.idempotencyKeyVariables.some((name) => {
    const key = values[name];
    return typeof key === "string" && key.trim() !== "";
  });
}
