import type { ThrottleStatus } from "./throttle-pacer";

/** A `userErrors` entry as every Admin payload shapes it (`code` only where the type has one). */
export interface AdminUserError {
  readonly field: readonly string[] | null;
  readonly message: string;
  readonly code?: string | null;
  readonly elementIndex?: number | null;
}

/** A top-level GraphQL error of an Admin response. */
export interface AdminGraphQLError {
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly extensions?: Readonly<Record<string, unknown>>;
}

/** Every failure the Admin client raises names the operation it was running. */
export abstract class AdminApiError extends Error {
  abstract readonly kind: "userErrors" | "throttled" | "http" | "graphql";

  constructor(
    readonly operationName: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`${operationName}: ${message}`, options);
    this.name = new.target.name;
  }
}

/** Shopify refused a mutation's input: the `userErrors` of its payload, and the data that came with them. */
export class AdminUserErrors extends AdminApiError {
  readonly kind = "userErrors";

  constructor(
    operationName: string,
    readonly userErrors: readonly AdminUserError[],
    readonly data: unknown,
  ) {
    super(operationName, userErrors.map((error) => (error.field?.length ? `${error.field.join(".")}: ${error.message}` : error.message)).join("; "));
  }
}

/** Still THROTTLED after every attempt the retry policy allows. */
export class AdminThrottled extends AdminApiError {
  readonly kind = "throttled";

  constructor(
    operationName: string,
    readonly throttleStatus: ThrottleStatus | undefined,
    readonly attempts: number,
  ) {
    super(operationName, `throttled after ${attempts} attempts`);
  }
}

/** An HTTP failure: a status that is not 2xx, or no response at all (`status` null: the connection failed). */
export class AdminHttpError extends AdminApiError {
  readonly kind = "http";

  constructor(
    operationName: string,
    readonly status: number | null,
    readonly body: string,
    readonly attempts: number,
    options?: ErrorOptions,
  ) {
    super(
      operationName,
      status === null ? `no response after ${attempts} attempts` : `HTTP ${status} after ${attempts} attempts: ${body.slice(0, 200)}`,
      options,
    );
  }
}

/** Top-level GraphQL errors (a field the schema lacks, access denied, query too costly, an internal error). */
export class AdminGraphQLErrors extends AdminApiError {
  readonly kind = "graphql";

  constructor(
    operationName: string,
    readonly errors: readonly AdminGraphQLError[],
    readonly data: unknown,
  ) {
    super(operationName, errors.map((error) => error.message).join("; "));
  }
}
