import { ADMIN_API_VERSION } from "./app/shopify/api-version";

/**
 * Configuration of the Admin API type generator (`npm run graphql-codegen`, scripts/graphql-codegen.ts).
 * It runs offline: the schema is the committed introspection of Shopify's Admin API, never a download.
 */
const codegenConfig = {
  /** Shopify's real Admin schema, gzipped introspection JSON (see emulator/schema/SOURCE.md). */
  schema: `emulator/schema/admin-${ADMIN_API_VERSION}.schema.json.gz`,
  /** Every `#graphql` template literal under this directory is an operation to type. */
  documents: "app",
  output: "app/types/admin.generated.ts",
  /** `@graphql-codegen/typescript-operations` options. */
  plugin: {
    enumType: "string-literal",
    useTypeImports: true,
    avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
    immutableTypes: true,
    defaultScalarType: "unknown",
    /** Shopify sends every custom scalar as a JSON string, money included: amounts never become JS numbers. */
    scalars: {
      ARN: "string",
      BigInt: "string",
      Color: "string",
      Date: "string",
      DateTime: "string",
      Decimal: "string",
      FormattedString: "string",
      HTML: "string",
      JSON: "unknown",
      Money: "string",
      StorefrontID: "string",
      URL: "string",
      UnsignedInt64: "string",
      UtcOffset: "string",
    },
  },
} as const;

export default codegenConfig;
