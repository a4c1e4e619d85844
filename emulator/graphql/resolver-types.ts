import type { GraphQLResolveInfo } from "graphql";
import type { EmulatorStore } from "../state/emulator-store";
import type { ShopState } from "../state/model";

/** What every resolver gets: the store (with its clock) and the calling shop. */
export interface AdminContext {
  readonly store: EmulatorStore;
  readonly shop: ShopState;
}

export type RootResolver = (args: Record<string, any>, context: AdminContext, info: GraphQLResolveInfo) => unknown;

/**
 * A group of root fields implemented together (draft orders, payments, …). Fields a view object returned by a
 * resolver does not have are answered with a "not implemented" GraphQL error, never a silent null; a view's
 * property may be a value or a function `(args, context, info) => value`.
 */
export interface ResolverModule {
  readonly query?: Readonly<Record<string, RootResolver>>;
  readonly mutation?: Readonly<Record<string, RootResolver>>;
}

/** A Shopify `userErrors` entry. */
export interface UserError {
  readonly field: string[] | null;
  readonly message: string;
  readonly code?: string;
}
