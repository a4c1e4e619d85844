import { describe, expect, it } from "vitest";

import { shopifyAdminUrl } from "../../../app/shopify/admin-links";

describe("links to the Shopify admin", () => {
  it.each([
    ["gid://shopify/DraftOrder/1029384756", "https://admin.shopify.com/store/northwind-furniture/draft_orders/1029384756"],
    ["gid://shopify/Order/5551234", "https://admin.shopify.com/store/northwind-furniture/orders/5551234"],
    ["gid://shopify/Customer/7", null],
    ["gid://shopify/Order/not-a-number", null],
    ["5551234", null],
  ])("%s", (gid, url) => {
    expect(shopifyAdminUrl("northwind-furniture.myshopify.com", gid)).toBe(url);
  });

  it("links nothing for a shop domain that is not a myshopify.com one", () => {
    expect(shopifyAdminUrl("shop.example.com", "gid://shopify/Order/1")).toBeNull();
  });
});
