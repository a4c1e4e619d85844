import type { AdminOperation } from "./admin-operation";
import {
  AdminGraphQLErrors,
  AdminHttpError,
  AdminThrottled,
  AdminUserErrors,
  type AdminApiError,
  type AdminGraphQLError,
  type AdminUserError,
} from "./admin-errors";
import type { AttemptFailure } from "./retry-policy";
import type { ThrottleStatus } from "./throttle-pacer";

/** `extensions.cost` of an Admin response. */
export interface QueryCost {
  readonly requestedQueryCost: number;
  readonly actualQueryCost: number | null;
  readonly throttleStatus: ThrottleStatus;
}

/** What one HTTP attempt brought back: a status and body, or no response (`status` null). */
export interface AttemptResponse {
  readonly status: number | null;
  readonly data?: unknown;
  readonly errors?: readonly AdminGraphQLError[];
  readonly extensions?: unknown;
  /** The raw body, for HTTP errors. */
  readonly body?: string;
  readonly retryAfterMs?: number;
  readonly cause?: unknown;
}

export type AttemptOutcome<Result> =
  { readonly ok: true; readonly data: Result } | { readonly ok: false; readonly failure: AttemptFailure; readonly error: AdminApiError };

/** Reads `extensions.cost` when the response has one. */
export function queryCostOf(response: AttemptResponse): QueryCost | undefined {
  const cost = (response.extensions as { cost?: QueryCost } | undefined)?.cost;
  return cost && typeof cost.requestedQueryCost === "number" && cost.throttleStatus ? cost : undefined;
}

/**
 * Sorts an attempt's response into success or a failure the retry policy can judge, with the typed error the
 * client throws if it gives up. THROTTLED comes as HTTP 200 with a GraphQL error, or as 429: both alike.
 */
export function classifyAttempt<Result>(operation: AdminOperation<Result, unknown>, attempt: number, response: AttemptResponse): AttemptOutcome<Result> {
  const { status } = response;
  if (status === null || status >= 500) {
    return {
      ok: false,
      failure: { kind: "server-error", executed: "unknown", ...(status === null ? {} : { status }) },
      error: new AdminHttpError(operation.name, status, response.body ?? "", attempt, { cause: response.cause }),
    };
  }
  const errors = response.errors ?? [];
  const codes = errors.map((error) => error.extensions?.code);
  if (status === 429 || codes.includes("THROTTLED")) {
    const failure: AttemptFailure =
      status === 429
        ? { kind: "rate-limited", executed: "no", ...(response.retryAfterMs === undefined ? {} : { retryAfterMs: response.retryAfterMs }) }
        : { kind: "throttled", executed: "no" };
    return { ok: false, failure, error: new AdminThrottled(operation.name, queryCostOf(response)?.throttleStatus, attempt) };
  }
  if (status < 200 || status >= 300) {
    return { ok: false, failure: { kind: "final", executed: "yes" }, error: new AdminHttpError(operation.name, status, response.body ?? "", attempt) };
  }
  if (codes.includes("INTERNAL_SERVER_ERROR")) {
    return { ok: false, failure: { kind: "server-error", executed: "unknown", status }, error: new AdminGraphQLErrors(operation.name, errors, response.data) };
  }
  if (errors.length > 0)
    return { ok: false, failure: { kind: "final", executed: "yes" }, error: new AdminGraphQLErrors(operation.name, errors, response.data) };
  const userErrors = userErrorsOf(response.data);
  if (userErrors.length > 0)
    return { ok: false, failure: { kind: "final", executed: "yes" }, error: new AdminUserErrors(operation.name, userErrors, response.data) };
  return { ok: true, data: response.data as Result };
}

/** The `userErrors` (or typed `orderCancelUserErrors` and the like) of every root field of a mutation payload, in order. */
function userErrorsOf(data: unknown): AdminUserError[] {
  if (!data || typeof data !== "object") return [];
  return Object.values(data as Record<string, unknown>).flatMap((payload) => {
    if (!payload || typeof payload !== "object") return [];
    return Object.entries(payload)
      .filter(([field, errors]) => (field === "userErrors" || field.endsWith("UserErrors")) && Array.isArray(errors))
      .flatMap(([, errors]) => errors as AdminUserError[]);
  });
}
