import { describe, expect, it } from "vitest";
import { adminOperation } from "../../../app/shopify/admin-operation";
import { draftOrderCreateMutation } from "../../../app/shopify/operations/draft-order-create-mutation";
import { metafieldsSetMutation } from "../../../app/shopify/operations/metafields-set-mutation";
import { orderCreateMandatePaymentMutation } from "../../../app/shopify/operations/order-create-mandate-payment-mutation";
import { shopQuery } from "../../../app/shopify/operations/shop-query";
import { backoffDelay, DEFAULT_RETRY_POLICY, retryDecision, safeToRepeat, type AttemptFailure } from "../../../app/shopify/retry-policy";

const policy = { ...DEFAULT_RETRY_POLICY, maxAttempts: 4, maxThrottledAttempts: 6, baseDelayMs: 100, maxDelayMs: 1000, throttledJitterMs: 50 };
const throttled: AttemptFailure = { kind: "throttled", executed: "no" };
const serverError: AttemptFailure = { kind: "server-error", executed: "unknown", status: 503 };
const rateLimited: AttemptFailure = { kind: "rate-limited", executed: "no", retryAfterMs: 2000 };
const final: AttemptFailure = { kind: "final", executed: "yes" };

describe("retryDecision", () => {
  it.each([
    {
      case: "THROTTLED is retried even for an unsafe mutation",
      failure: throttled,
      attempt: 1,
      safe: false,
      random: 0.5,
      expected: { retry: true, delayMs: 25 },
    },
    { case: "THROTTLED stops at maxThrottledAttempts", failure: throttled, attempt: 6, safe: true, random: 0.5, expected: { retry: false } },
    { case: "a 5xx is retried when safe, with backoff", failure: serverError, attempt: 1, safe: true, random: 0, expected: { retry: true, delayMs: 50 } },
    { case: "a 5xx backs off exponentially", failure: serverError, attempt: 3, safe: true, random: 0, expected: { retry: true, delayMs: 200 } },
    { case: "a 5xx is not retried when the call is not safe to repeat", failure: serverError, attempt: 1, safe: false, random: 0, expected: { retry: false } },
    { case: "a 5xx stops at maxAttempts", failure: serverError, attempt: 4, safe: true, random: 0, expected: { retry: false } },
    {
      case: "a 429 waits at least Retry-After, even for an unsafe mutation",
      failure: rateLimited,
      attempt: 1,
      safe: false,
      random: 0.99,
      expected: { retry: true, delayMs: 2000 },
    },
    { case: "a final failure is never retried", failure: final, attempt: 1, safe: true, random: 0, expected: { retry: false } },
  ])("$case", ({ failure, attempt, safe, random, expected }) => {
    expect(retryDecision(failure, attempt, safe, policy, () => random)).toEqual(expected);
  });
});

describe("backoffDelay", () => {
  it.each([
    { attempt: 1, random: 0, delay: 50 },
    { attempt: 1, random: 0.999, delay: 99 },
    { attempt: 2, random: 0, delay: 100 },
    { attempt: 4, random: 0.5, delay: 600 },
    { attempt: 10, random: 0, delay: 500 },
    { attempt: 10, random: 0.999, delay: 999 },
  ])("attempt $attempt with random $random waits $delay ms", ({ attempt, random, delay }) => {
    expect(backoffDelay(attempt, policy, () => random)).toBe(delay);
  });
});

describe("safeToRepeat", () => {
  const keyed = adminOperation(
    "OrderCreateMandatePayment",
    `#graphql
    mutation OrderCreateMandatePayment($id: ID!, $mandateId: ID!, $idempotencyKey: String!) {
      orderCreateMandatePayment(id: $id, mandateId: $mandateId, idempotencyKey: $idempotencyKey) @idempotent(key: "literal-key") { paymentReferenceId }
    }`,
  );
  it.each([
    { case: "a query", operation: shopQuery, variables: undefined, safe: true },
    { case: "a mutation declared idempotent", operation: metafieldsSetMutation, variables: { metafields: [] }, safe: true },
    { case: "a mutation that is not", operation: draftOrderCreateMutation, variables: { input: {} }, safe: false },
    {
      case: "a mutation with an idempotency key",
      operation: orderCreateMandatePaymentMutation,
      variables: { idempotencyKey: "contract-1-stage-2-attempt-1" },
      safe: true,
    },
    { case: "a mutation whose idempotency key is blank", operation: orderCreateMandatePaymentMutation, variables: { idempotencyKey: "  " }, safe: false },
    { case: "a mutation whose idempotency key is missing", operation: orderCreateMandatePaymentMutation, variables: {}, safe: false },
    { case: "a mutation with a literal @idempotent key", operation: keyed, variables: {}, safe: true },
  ])("$case: $safe", ({ operation, variables, safe }) => {
    expect(safeToRepeat(operation as never, variables)).toBe(safe);
  });
});
