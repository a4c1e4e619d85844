import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator/emulator";

let emulator: RunningEmulator;
const token = "shpat_metafields";
let customerId: string;

async function admin(query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(emulator.adminUrl(), {
    method: "POST",
    headers: { "content-type": "application/json", "x-shopify-access-token": token },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as any;
}

const SET = `mutation Set($metafields: [MetafieldsSetInput!]!) {
  metafieldsSet(metafields: $metafields) {
    metafields { id namespace key type value jsonValue ownerType compareDigest createdAt updatedAt owner { ... on Customer { id } } }
    userErrors { field message code elementIndex }
  }
}`;
const DELETE = `mutation Delete($metafields: [MetafieldIdentifierInput!]!) {
  metafieldsDelete(metafields: $metafields) { deletedMetafields { ownerId namespace key } userErrors { field message } }
}`;

const set = (...metafields: Record<string, unknown>[]) => admin(SET, { metafields }).then((body) => body.data.metafieldsSet);
const stored = () => emulator.store.shop("metafields.myshopify.com").metafields;

beforeAll(async () => {
  emulator = await startEmulator({ shops: [{ domain: "metafields.myshopify.com", accessToken: token, customers: [{ email: "buyer@example.com" }] }] });
  customerId = emulator.store.shop("metafields.myshopify.com").customers[0]!.id;
});
afterAll(() => emulator.close());

describe("metafieldsSet", () => {
  it("creates a metafield on an owner in the state, then updates it in place", async () => {
    const created = await set({ ownerId: customerId, namespace: "tranche", key: "stage_count", type: "number_integer", value: "3" });
    expect(created.userErrors).toEqual([]);
    expect(created.metafields[0]).toMatchObject({
      namespace: "tranche",
      key: "stage_count",
      type: "number_integer",
      value: "3",
      jsonValue: 3,
      ownerType: "CUSTOMER",
      owner: { id: customerId },
    });
    expect(created.metafields[0].createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const updated = await set({ ownerId: customerId, namespace: "tranche", key: "stage_count", value: "4" });
    expect(updated.metafields[0]).toMatchObject({ id: created.metafields[0].id, type: "number_integer", value: "4" });
    expect(stored().filter((metafield) => metafield.key === "stage_count")).toHaveLength(1);
  });

  it("puts a metafield without a namespace, or with $app, in the app's reserved namespace", async () => {
    const { metafields } = await set(
      { ownerId: customerId, key: "plain", type: "single_line_text_field", value: "a" },
      { ownerId: customerId, namespace: "$app", key: "dollar", type: "single_line_text_field", value: "b" },
    );
    expect(metafields.map((metafield: { namespace: string }) => metafield.namespace)).toEqual(["app--1", "app--1"]);
  });

  it("refuses an owner that does not exist, and writes nothing of the batch (atomic)", async () => {
    const before = stored().length;
    const answer = await set(
      { ownerId: customerId, namespace: "tranche", key: "would_be_written", type: "single_line_text_field", value: "x" },
      { ownerId: "gid://shopify/DraftOrder/424242", namespace: "tranche", key: "stage", type: "single_line_text_field", value: "x" },
    );
    expect(answer).toEqual({
      metafields: [],
      userErrors: [{ field: ["metafields", "1", "ownerId"], message: "Owner does not exist.", code: "INVALID", elementIndex: 1 }],
    });
    expect(stored()).toHaveLength(before);
  });

  it.each([
    { case: "an unknown type", input: { type: "bogus_type", value: "1" }, field: "type", code: "INVALID_TYPE" },
    { case: "no type for a new metafield", input: { value: "1" }, field: "type", code: "BLANK" },
    { case: "a non-integer for number_integer", input: { type: "number_integer", value: "1.5" }, field: "value", code: "INVALID_VALUE" },
    { case: "a non-boolean", input: { type: "boolean", value: "yes" }, field: "value", code: "INVALID_VALUE" },
    { case: "invalid JSON", input: { type: "json", value: "{" }, field: "value", code: "INVALID_VALUE" },
    { case: "a money value without a currency", input: { type: "money", value: '{"amount":"5.00"}' }, field: "value", code: "INVALID_VALUE" },
    { case: "a blank value", input: { type: "single_line_text_field", value: " " }, field: "value", code: "BLANK" },
    { case: "a key too short", input: { key: "k", type: "single_line_text_field", value: "v" }, field: "key", code: "TOO_SHORT" },
    {
      case: "a namespace with invalid characters",
      input: { namespace: "tr anche", type: "single_line_text_field", value: "v" },
      field: "namespace",
      code: "INVALID",
    },
  ])("refuses $case with $code on $field", async ({ input, field, code }) => {
    const answer = await set({ ownerId: customerId, namespace: "tranche", key: "checked", ...input });
    expect(answer.metafields).toEqual([]);
    expect(answer.userErrors).toEqual([expect.objectContaining({ field: ["metafields", "0", field], code, elementIndex: 0 })]);
  });

  it("refuses more than 25 metafields at once", async () => {
    const many = Array.from({ length: 26 }, (_, index) => ({
      ownerId: customerId,
      namespace: "tranche",
      key: `k${index}`,
      type: "single_line_text_field",
      value: "v",
    }));
    const answer = await set(...many);
    expect(answer.userErrors).toEqual([
      { field: ["metafields"], message: "Exceeded the maximum metafields input limit of 25.", code: "LESS_THAN_OR_EQUAL_TO", elementIndex: null },
    ]);
  });

  it("sets only when compareDigest matches the stored value", async () => {
    const first = await set({ ownerId: customerId, namespace: "tranche", key: "guarded", type: "single_line_text_field", value: "one", compareDigest: null });
    expect(first.userErrors).toEqual([]);
    const digest = first.metafields[0].compareDigest;
    const again = await set({ ownerId: customerId, namespace: "tranche", key: "guarded", type: "single_line_text_field", value: "two", compareDigest: null });
    expect(again.userErrors[0]).toMatchObject({ field: ["metafields", "0", "compareDigest"], code: "STALE_OBJECT" });
    const matched = await set({
      ownerId: customerId,
      namespace: "tranche",
      key: "guarded",
      type: "single_line_text_field",
      value: "two",
      compareDigest: digest,
    });
    expect(matched.metafields[0].value).toBe("two");
    const stale = await set({
      ownerId: customerId,
      namespace: "tranche",
      key: "guarded",
      type: "single_line_text_field",
      value: "three",
      compareDigest: digest,
    });
    expect(stale.userErrors[0].code).toBe("STALE_OBJECT");
  });

  it("answers a real type it does not check with a not-implemented error, not a silent success", async () => {
    const body = await admin(SET, {
      metafields: [{ ownerId: customerId, namespace: "tranche", key: "ref", type: "product_reference", value: "gid://shopify/Product/1" }],
    });
    expect(body.errors[0].extensions.code).toBe("NOT_IMPLEMENTED_IN_EMULATOR");
  });
});

describe("metafieldsDelete", () => {
  it("deletes what exists and answers null for what does not", async () => {
    await set({ ownerId: customerId, namespace: "tranche", key: "to_delete", type: "single_line_text_field", value: "x" });
    const body = await admin(DELETE, {
      metafields: [
        { ownerId: customerId, namespace: "tranche", key: "to_delete" },
        { ownerId: customerId, namespace: "tranche", key: "never_existed" },
      ],
    });
    expect(body.data.metafieldsDelete).toEqual({ deletedMetafields: [{ ownerId: customerId, namespace: "tranche", key: "to_delete" }, null], userErrors: [] });
    expect(stored().some((metafield) => metafield.key === "to_delete")).toBe(false);
  });
});
