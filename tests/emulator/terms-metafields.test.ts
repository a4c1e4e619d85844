import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator/emulator";

/** The customer-terms mirror (issue 14) writes money, text and JSON metafields on customers, companies and locations. */

let emulator: RunningEmulator;
const token = "shpat_terms_metafields";
const domain = "terms-metafields.myshopify.com";

async function admin(query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(emulator.adminUrl(), {
    method: "POST",
    headers: { "content-type": "application/json", "x-shopify-access-token": token },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as any;
}

const SET = `mutation Set($metafields: [MetafieldsSetInput!]!) {
  metafieldsSet(metafields: $metafields) { metafields { key type value jsonValue ownerType } userErrors { field message code elementIndex } }
}`;
const DELETE = `mutation Delete($metafields: [MetafieldIdentifierInput!]!) {
  metafieldsDelete(metafields: $metafields) { deletedMetafields { ownerId namespace key } userErrors { field message } }
}`;

beforeAll(async () => {
  emulator = await startEmulator({
    shops: [
      {
        domain,
        accessToken: token,
        customers: [{ email: "buyer@example.com" }],
        companies: [{ name: "Acme", contactEmails: ["buyer@example.com"], locations: [{ name: "Head office" }] }],
      },
    ],
  });
});
afterAll(() => emulator.close());

const state = () => emulator.store.shop(domain);

describe("terms metafields on each owner the terms are for", () => {
  it.each([
    { owner: "customer", ownerType: "CUSTOMER", id: () => state().customers[0]!.id },
    { owner: "company", ownerType: "COMPANY", id: () => state().companies[0]!.id },
    { owner: "company location", ownerType: "COMPANY_LOCATION", id: () => state().companies[0]!.locations[0]!.id },
  ])("sets credit_limit (money), default_plan (text) and terms (json) on a $owner, and deletes one", async ({ ownerType, id }) => {
    const ownerId = id();
    const body = await admin(SET, {
      metafields: [
        { ownerId, namespace: "tranche", key: "credit_limit", type: "money", value: '{"amount":"10000.00","currency_code":"USD"}' },
        { ownerId, namespace: "tranche", key: "default_plan", type: "single_line_text_field", value: "Net 45" },
        { ownerId, namespace: "tranche", key: "terms", type: "json", value: '{"depositPercent":"20","netDays":45}' },
      ],
    });
    expect(body.data.metafieldsSet.userErrors).toEqual([]);
    expect(body.data.metafieldsSet.metafields).toEqual([
      {
        key: "credit_limit",
        type: "money",
        value: '{"amount":"10000.00","currency_code":"USD"}',
        jsonValue: { amount: "10000.00", currency_code: "USD" },
        ownerType,
      },
      { key: "default_plan", type: "single_line_text_field", value: "Net 45", jsonValue: "Net 45", ownerType },
      { key: "terms", type: "json", value: '{"depositPercent":"20","netDays":45}', jsonValue: { depositPercent: "20", netDays: 45 }, ownerType },
    ]);

    const deleted = await admin(DELETE, { metafields: [{ ownerId, namespace: "tranche", key: "credit_limit" }] });
    expect(deleted.data.metafieldsDelete).toEqual({ deletedMetafields: [{ ownerId, namespace: "tranche", key: "credit_limit" }], userErrors: [] });
    expect(
      state()
        .metafields.filter((metafield) => metafield.ownerId === ownerId)
        .map((metafield) => metafield.key),
    ).toEqual(["default_plan", "terms"]);
  });

  it("refuses a money value without a currency, and a missing owner, and writes nothing", async () => {
    const ownerId = state().companies[0]!.id;
    const before = state().metafields.length;
    const body = await admin(SET, {
      metafields: [
        { ownerId, namespace: "tranche", key: "credit_limit", type: "money", value: '{"amount":"10"}' },
        { ownerId: "gid://shopify/Company/999999", namespace: "tranche", key: "terms", type: "json", value: "{}" },
      ],
    });
    expect(body.data.metafieldsSet.userErrors).toEqual([
      {
        field: ["metafields", "0", "value"],
        message: "Value must be a money object with an amount and a currency_code.",
        code: "INVALID_VALUE",
        elementIndex: 0,
      },
      { field: ["metafields", "1", "ownerId"], message: "Owner does not exist.", code: "INVALID", elementIndex: 1 },
    ]);
    expect(state().metafields.length).toBe(before);
  });
});
