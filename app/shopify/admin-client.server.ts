import type { PrismaClient } from "@prisma/client";
import { ClientError, GraphQLClient } from "graphql-request";
import type { AdminOperation } from "./admin-operation";
import { ADMIN_API_VERSION } from "./api-version";
import type { AdminGraphQLError } from "./admin-errors";
import { classifyAttempt, queryCostOf, type AttemptResponse } from "./admin-response";
import { DEFAULT_RETRY_POLICY, retryDecision, safeToRepeat, type AttemptFailure, type RetryPolicy } from "./retry-policy";
import { sharedThrottleForShop } from "./shared-shop-throttle.server";
import { realTiming, throttleForShop, type AdminThrottle, type Timing } from "./shop-throttle";

/**
 * What a call needs to know about the shop: its domain and an access token. A Remix route passes the session
 * `authenticate.admin` gave it; a background job passes the offline session loaded from the Session table.
 */
export interface AdminSession {
  readonly shop: string;
  readonly accessToken: string;
}

/**
 * The AdminSession of a `@shopify/shopify-api` Session (from `authenticate.admin(request)`, or an offline session a
 * job loads with `sessionStorage.loadSession(offlineId)`), whose access token is optional in its type.
 */
export function adminSessionFrom(session: { readonly shop: string; readonly accessToken?: string | undefined }): AdminSession {
  if (!session.accessToken) throw new Error(`the session of ${session.shop} has no access token`);
  return { shop: session.shop, accessToken: session.accessToken };
}

/** One attempt as the client saw it (for logs, tests and the benchmark). */
export interface AttemptEvent {
  readonly operationName: string;
  readonly attempt: number;
  readonly status: number | null;
  readonly failure?: AttemptFailure;
  readonly retryInMs?: number;
  readonly requestedQueryCost?: number;
}

export interface AdminClientOptions {
  /** The GraphQL endpoint; else `SHOPIFY_ADMIN_API_URL` (the emulator); else the shop's real endpoint. */
  readonly apiUrl?: string;
  readonly fetch?: typeof fetch;
  /** The shop's pacing; by default the one `pacingDb` shares, else this process's own for the shop. */
  readonly throttle?: AdminThrottle;
  /**
   * The app's database, through which every app process (web and workers, on any host) paces its calls to the shop
   * together (ShopApiBucket). Without it a process paces alone, as if it owned the shop's whole bucket.
   */
  readonly pacingDb?: PrismaClient;
  readonly retryPolicy?: Partial<RetryPolicy>;
  readonly random?: () => number;
  readonly timing?: Timing;
  readonly onAttempt?: (event: AttemptEvent) => void;
}

/** An operation without required variables may be called without them. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- `{} extends V` asks whether every variable is optional
type VariablesArgument<Variables> = {} extends Variables ? [variables?: Variables] : [variables: Variables];

export interface AdminClient {
  readonly session: AdminSession;
  readonly apiUrl: string;
  /**
   * Runs an operation: paced against the shop's bucket, retried when THROTTLED, and after a 5xx when it is
   * safe to repeat. Resolves to the typed data; rejects with AdminUserErrors, AdminThrottled, AdminHttpError or
   * AdminGraphQLErrors.
   */
  request<Result, Variables>(operation: AdminOperation<Result, Variables>, ...variables: VariablesArgument<Variables>): Promise<Result>;
}

export function adminApiUrl(shop: string, explicit?: string): string {
  return explicit ?? process.env.SHOPIFY_ADMIN_API_URL ?? `https://${shop}/admin/api/${ADMIN_API_VERSION}/graphql.json`;
}

/** The Admin client of one shop, built on graphql-request. It does not depend on Remix. */
export function createAdminClient(session: AdminSession, options: AdminClientOptions = {}): AdminClient {
  const apiUrl = adminApiUrl(session.shop, options.apiUrl);
  const graphql = new GraphQLClient(apiUrl, {
    headers: { "X-Shopify-Access-Token": session.accessToken },
    errorPolicy: "all",
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const throttle = options.throttle ?? (options.pacingDb ? sharedThrottleForShop(options.pacingDb, session.shop) : throttleForShop(session.shop));
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retryPolicy };
  const random = options.random ?? Math.random;
  const timing = options.timing ?? realTiming;

  async function send(source: string, variables: unknown): Promise<AttemptResponse> {
    try {
      const response = await graphql.rawRequest<unknown, Record<string, unknown>>(source, (variables ?? {}) as Record<string, unknown>);
      return { status: response.status, data: response.data, errors: response.errors as AdminGraphQLError[] | undefined, extensions: response.extensions };
    } catch (error) {
      if (!(error instanceof ClientError)) return { status: null, cause: error };
      const { response } = error;
      const retryAfter = Number(response.headers?.get("retry-after"));
      return {
        status: response.status,
        data: response.data,
        errors: Array.isArray(response.errors) ? (response.errors as AdminGraphQLError[]) : undefined,
        extensions: response.extensions,
        body: response.body ?? "",
        ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {}),
      };
    }
  }

  async function request<Result, Variables>(operation: AdminOperation<Result, Variables>, ...[variables]: VariablesArgument<Variables>): Promise<Result> {
    const repeatable = safeToRepeat(operation, variables);
    for (let attempt = 1; ; attempt++) {
      const reservation = await throttle.acquire(throttle.expectedCost(operation.name, operation.kind));
      // `send` never throws (a failed connection is a response with no status), so the reservation is always settled.
      const response = await send(operation.source, variables);
      const cost = queryCostOf(response);
      await reservation.settle(operation.name, cost);
      const outcome = classifyAttempt(operation, attempt, response);
      if (outcome.ok) {
        options.onAttempt?.({
          operationName: operation.name,
          attempt,
          status: response.status,
          ...(cost ? { requestedQueryCost: cost.requestedQueryCost } : {}),
        });
        return outcome.data;
      }
      const decision = retryDecision(outcome.failure, attempt, repeatable, policy, random);
      options.onAttempt?.({
        operationName: operation.name,
        attempt,
        status: response.status,
        failure: outcome.failure,
        ...(decision.retry ? { retryInMs: decision.delayMs } : {}),
        ...(cost ? { requestedQueryCost: cost.requestedQueryCost } : {}),
      });
      if (!decision.retry) throw outcome.error;
      await timing.sleep(decision.delayMs);
    }
  }

  return { session, apiUrl, request };
}
