import { describe, expect, it } from "vitest";

import { refuseTokenNamingNoShop, shopOfTokenDestination } from "../../../app/session-token-shop.server";
import { isShopDomain } from "../../../app/shop-domain";

const token = (claims: unknown) => `e30.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.signature`;

function statusOf(request: Request): number {
  try {
    refuseTokenNamingNoShop(request);
    return 0;
  } catch (thrown) {
    return (thrown as Response).status;
  }
}

describe("isShopDomain", () => {
  it("takes a shop's <name>.myshopify.com domain, lower case, and nothing else", () => {
    for (const domain of ["northwind-furniture.myshopify.com", "a.myshopify.com", "shop2.myshopify.com"]) expect(isShopDomain(domain), domain).toBe(true);
    for (const domain of [
      "evil.example",
      "A.myshopify.com",
      "a.myshopify.com.evil.example",
      "-a.myshopify.com",
      "a_b.myshopify.com",
      "myshopify.com",
      "",
      42,
      null,
    ]) {
      expect(isShopDomain(domain), String(domain)).toBe(false);
    }
  });
});

describe("shopOfTokenDestination", () => {
  it("reads the shop from https://<shop>, and nothing from any other dest", () => {
    expect(shopOfTokenDestination("https://northwind-furniture.myshopify.com")).toBe("northwind-furniture.myshopify.com");
    expect(shopOfTokenDestination("https://northwind-furniture.myshopify.com/")).toBe("northwind-furniture.myshopify.com");
    for (const dest of [
      "not a url",
      "https://evil.example",
      "http://a.myshopify.com",
      "https://a.myshopify.com:444",
      "https://a.myshopify.com/admin",
      "https://user@a.myshopify.com",
      7,
      undefined,
    ]) {
      expect(shopOfTokenDestination(dest), String(dest)).toBeNull();
    }
  });
});

describe("refuseTokenNamingNoShop", () => {
  it("refuses (401) a bearer or id_token whose payload names no shop; leaves verifying (and tokens that are no JWT) to Shopify's library", () => {
    const bearer = (value: string) => new Request("https://tranche.test/api/attach/options", { headers: { Authorization: `Bearer ${value}` } });
    expect(statusOf(bearer(token({ dest: "https://a.myshopify.com" })))).toBe(0);
    expect(statusOf(bearer(token({ dest: "not a url" })))).toBe(401);
    expect(statusOf(bearer(token({ dest: "https://evil.example" })))).toBe(401);
    expect(statusOf(bearer(token({})))).toBe(401);
    expect(statusOf(new Request(`https://tranche.test/app?id_token=${token({ dest: "https://evil.example" })}`))).toBe(401);
    expect(statusOf(bearer("not-a-jwt"))).toBe(0);
    expect(statusOf(new Request("https://tranche.test/app"))).toBe(0);
  });
});
