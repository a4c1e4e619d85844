import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql";

/** The Admin API version the emulator serves. */
export const ADMIN_API_VERSION = "2026-10";

let schema: GraphQLSchema | undefined;

/** Shopify's real Admin schema (see schema/SOURCE.md), built once per process. */
export function adminSchema(): GraphQLSchema {
  if (!schema) {
    const file = new URL(`./schema/admin-${ADMIN_API_VERSION}.schema.json.gz`, import.meta.url);
    const introspection = JSON.parse(gunzipSync(readFileSync(file)).toString("utf8")) as { data: IntrospectionQuery };
    schema = buildClientSchema(introspection.data, { assumeValid: true });
  }
  return schema;
}
