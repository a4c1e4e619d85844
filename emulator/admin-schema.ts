import { fileURLToPath } from "node:url";
import type { GraphQLSchema } from "graphql";
import { loadIntrospectionSchema } from "./load-introspection-schema";

/**
 * The one Admin API version the emulator serves, as Shopify would: its URL path, the `X-Shopify-API-Version` of its
 * webhooks and the schema file below. The app names its own version; tests/emulator/boundary.test.ts checks that
 * the app asks for this one.
 */
export const ADMIN_API_VERSION = "2026-10";

/** Shopify's real Admin schema, gzipped introspection JSON (see schema/SOURCE.md). */
export const ADMIN_SCHEMA_FILE = fileURLToPath(new URL(`./schema/admin-${ADMIN_API_VERSION}.schema.json.gz`, import.meta.url));

let schema: GraphQLSchema | undefined;

/** Shopify's real Admin schema (see schema/SOURCE.md), built once per process. */
export function adminSchema(): GraphQLSchema {
  schema ??= loadIntrospectionSchema(ADMIN_SCHEMA_FILE);
  return schema;
}
