import { describe, expect, it } from "vitest";

import { termsMetafields } from "../../../app/services/customer-terms/terms-metafields";

const owner = "gid://shopify/Company/7";

describe("the customer terms as Shopify metafields (namespace tranche)", () => {
  it("sets a metafield per term: money, the plan's name, and the plan override as JSON", () => {
    expect(
      termsMetafields(
        owner,
        { defaultPlanId: "p1", depositPercent: "12.5", netDays: 45, paymentDays: null, creditLimit: { minor: 1_000_050n, currency: "USD" } },
        "Net 45",
      ),
    ).toEqual({
      set: [
        { ownerId: owner, namespace: "tranche", key: "credit_limit", type: "money", value: '{"amount":"10000.50","currency_code":"USD"}' },
        { ownerId: owner, namespace: "tranche", key: "default_plan", type: "single_line_text_field", value: "Net 45" },
        { ownerId: owner, namespace: "tranche", key: "terms", type: "json", value: '{"depositPercent":"12.5","netDays":45,"paymentDays":null}' },
      ],
      remove: [],
    });
  });

  it("writes a currency without minor units as a whole amount", () => {
    const { set } = termsMetafields(
      owner,
      { defaultPlanId: null, depositPercent: null, netDays: null, paymentDays: null, creditLimit: { minor: 500_000n, currency: "JPY" } },
      null,
    );
    expect(set).toEqual([{ ownerId: owner, namespace: "tranche", key: "credit_limit", type: "money", value: '{"amount":"500000","currency_code":"JPY"}' }]);
  });

  it("deletes what is no longer set (Shopify refuses a blank value), and keeps half an override as null", () => {
    const { set, remove } = termsMetafields(owner, { defaultPlanId: null, depositPercent: null, netDays: 30, paymentDays: null, creditLimit: null }, null);
    expect(set).toEqual([
      { ownerId: owner, namespace: "tranche", key: "terms", type: "json", value: '{"depositPercent":null,"netDays":30,"paymentDays":null}' },
    ]);
    expect(remove).toEqual([
      { ownerId: owner, namespace: "tranche", key: "credit_limit" },
      { ownerId: owner, namespace: "tranche", key: "default_plan" },
    ]);
  });

  it("carries a customer's payment days in the terms JSON, even with no other override", () => {
    const { set } = termsMetafields(owner, { defaultPlanId: null, depositPercent: null, netDays: null, paymentDays: [5, 20], creditLimit: null }, null);
    expect(set).toEqual([
      { ownerId: owner, namespace: "tranche", key: "terms", type: "json", value: '{"depositPercent":null,"netDays":null,"paymentDays":[5,20]}' },
    ]);
  });
});
