import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { adminOperation, type AdminOperation } from "../../../app/shopify/admin-operation";

const operationsDir = new URL("../../../app/shopify/operations/", import.meta.url);

describe("adminOperation", () => {
  it("reads the kind, and whether the operation is safe to repeat, from the document", () => {
    const query = adminOperation("Job", `#graphql\n query Job($id: ID!) { job(id: $id) { id done } }`);
    expect(query).toMatchObject({ name: "Job", kind: "query", idempotent: true, idempotencyKeyVariables: [], literalIdempotencyKey: false });
    const mutation = adminOperation(
      "DraftOrderDelete",
      `#graphql\n mutation DraftOrderDelete($input: DraftOrderDeleteInput!) { draftOrderDelete(input: $input) { deletedId } }`,
    );
    expect(mutation).toMatchObject({ kind: "mutation", idempotent: false });
    const declared = adminOperation(
      "DraftOrderDelete",
      `#graphql\n mutation DraftOrderDelete($input: DraftOrderDeleteInput!) { draftOrderDelete(input: $input) { deletedId } }`,
      { idempotent: true },
    );
    expect(declared.idempotent).toBe(true);
  });

  it("finds idempotency keys given as an argument or with @idempotent", () => {
    const keyed = adminOperation(
      "OrderCreateMandatePayment",
      `#graphql
      mutation OrderCreateMandatePayment($id: ID!, $mandateId: ID!, $key: String!, $other: String!) {
        orderCreateMandatePayment(id: $id, mandateId: $mandateId, idempotencyKey: $key) @idempotent(key: $other) { paymentReferenceId }
      }`,
    );
    expect(keyed.idempotencyKeyVariables).toEqual(["key", "other"]);
  });

  it("refuses a document whose operation name is not the declared one, or that holds two operations", () => {
    expect(() => adminOperation("Shop", `#graphql\n query Shp { shop { id } }`)).toThrow("the document names it Shp");
    expect(() => adminOperation("Shop", `#graphql\n query Shop { shop { id } }\n query Other { shop { name } }`)).toThrow("exactly one operation");
  });

  it("every operation file exports one operation named as its file says", async () => {
    const files = readdirSync(operationsDir).filter((file) => file.endsWith(".ts"));
    expect(files.length).toBeGreaterThanOrEqual(19);
    for (const file of files) {
      const exports = Object.values(await import(new URL(file, operationsDir).href)) as AdminOperation<unknown, unknown>[];
      expect(exports, file).toHaveLength(1);
      const kebab = `${exports[0]!.name.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase()}-${exports[0]!.kind}.ts`;
      expect(file).toBe(kebab);
    }
  });
});
