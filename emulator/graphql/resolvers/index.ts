import type { ResolverModule } from "../resolver-types";
import { shopResolvers } from "./shop";

/** Every implemented root field of the Admin API, by area. */
export const ADMIN_RESOLVER_MODULES: readonly ResolverModule[] = [shopResolvers];
