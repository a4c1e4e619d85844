import { fileURLToPath } from "node:url";
import type { GraphQLSchema } from "graphql";
import { ADMIN_API_VERSION } from "../app/shopify/api-version";
import { loadIntrospectionSchema } from "./load-introspection-schema";

/** The Admin API version the emulator serves: the app's. */
export { ADMIN_API_VERSION };

/** Shopify's real Admin schema, gzipped introspection JSON (see schema/SOURCE.md). */
export const ADMIN_SCHEMA_FILE = fileURLToPath(new URL(`./schema/admin-${ADMIN_API_VERSION}.schema.json.gz`, import.meta.url));

let schema: GraphQLSchema | undefined;

/** Shopify's real Admin schema (see schema/SOURCE.md), built once per process. */
export function adminSchema(): GraphQLSchema {
  schema ??= loadIntrospectionSchema(ADMIN_SCHEMA_FILE);
  return schema;
}
