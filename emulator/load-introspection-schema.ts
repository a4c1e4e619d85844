import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql";

/** Builds a schema from an introspection JSON file, gzipped (`.gz`) or not, with no network. */
export function loadIntrospectionSchema(file: string): GraphQLSchema {
  const bytes = readFileSync(file);
  const json = JSON.parse((file.endsWith(".gz") ? gunzipSync(bytes) : bytes).toString("utf8")) as { data?: IntrospectionQuery } & Partial<IntrospectionQuery>;
  const introspection = json.data ?? (json as IntrospectionQuery);
  return buildClientSchema(introspection);
}
