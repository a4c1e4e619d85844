import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { getOperationAST, parse, validate, type GraphQLSchema } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import codegenConfig from "../../codegen";
import { MAX_SINGLE_QUERY_COST, requestedQueryCost } from "../../emulator/graphql/query-cost";
import { findGraphqlDocuments, type SourceDocument } from "../../scripts/graphql/find-graphql-documents";
import { loadIntrospectionSchema } from "../../emulator/load-introspection-schema";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
let schema: GraphQLSchema;

/** The schema's complaints about a document (parse errors included); empty when it is valid. */
function problemsOf(document: SourceDocument): string[] {
  if (document.interpolated) return ["interpolates ${…}, which cannot be checked"];
  try {
    return validate(schema, parse(document.source)).map((error) => error.message);
  } catch (error) {
    return [(error as Error).message];
  }
}

beforeAll(() => {
  schema = loadIntrospectionSchema(path.join(repoRoot, codegenConfig.schema));
});

describe("every #graphql document in app/", () => {
  const documents = findGraphqlDocuments(path.join(repoRoot, "app"));

  it("is found by parsing the sources", () => {
    expect(documents.length).toBeGreaterThanOrEqual(19);
    expect(documents.map((d) => d.file)).toContain("shopify/operations/order-query.ts");
  });

  it.each(documents.map((document) => [`${document.file}:${document.line}`, document] as const))(
    "%s validates against the real 2026-10 Admin schema",
    (_where, document) => {
      expect(problemsOf(document)).toEqual([]);
    },
  );

  it.each(documents.map((document) => [`${document.file}:${document.line}`, document] as const))(
    "%s stays under Shopify's single-query cost limit",
    (_where, document) => {
      const parsed = parse(document.source);
      const operation = getOperationAST(parsed)!;
      expect(requestedQueryCost(schema, operation, {}, {})).toBeLessThanOrEqual(MAX_SINGLE_QUERY_COST);
    },
  );
});

describe("the check itself (negative controls)", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "tranche-graphql-"));
    writeFileSync(
      path.join(dir, "typo.ts"),
      [
        "// a comment that says #graphql is not a document",
        'const note = "#graphql in a string is not a template literal";',
        "export const typo = `#graphql",
        "  query Shop { shop { currencyCod } }",
        "`;",
        "export const interpolated = `#graphql query Shop { shop { ${'name'} } }`;",
      ].join("\n"),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("finds template literals only, and fails a typo'd field, naming it", () => {
    const found = findGraphqlDocuments(dir);
    expect(found.map((d) => [d.line, d.interpolated])).toEqual([
      [3, false],
      [6, true],
    ]);
    expect(problemsOf(found[0]!)).toEqual(['Cannot query field "currencyCod" on type "Shop". Did you mean "currencyCode"?']);
    expect(problemsOf(found[1]!)).toHaveLength(1);
  });

  it("fails a real operation once a field in it is misspelt", () => {
    const shop = findGraphqlDocuments(path.join(repoRoot, "app")).find((d) => d.file === "shopify/operations/shop-query.ts")!;
    expect(problemsOf(shop)).toEqual([]);
    expect(problemsOf({ ...shop, source: shop.source.replace("ianaTimezone", "ianaTimeZone") })).toEqual([
      'Cannot query field "ianaTimeZone" on type "Shop". Did you mean "ianaTimezone"?',
    ]);
  });
});
