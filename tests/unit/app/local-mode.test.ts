import { describe, expect, it } from "vitest";

import { LocalModeRefusedError, localModeConfig } from "../../../app/local-mode.server";

const LOCAL: NodeJS.ProcessEnv = {
  TRANCHE_LOCAL_MODE: "1",
  TRANCHE_LOCAL_SHOP: "northwind-furniture.myshopify.com",
  SHOPIFY_ADMIN_API_URL: "http://127.0.0.1:4400/admin/api/2026-10/graphql.json",
  NODE_ENV: "development" as const,
};

describe("localModeConfig", () => {
  it("is off unless asked for", () => {
    expect(localModeConfig({ NODE_ENV: "production" })).toBeNull();
  });

  it("signs in to the named emulator shop, reading the emulator's origin from the Admin API address", () => {
    expect(localModeConfig(LOCAL)).toEqual({ shop: "northwind-furniture.myshopify.com", emulatorOrigin: "http://127.0.0.1:4400" });
  });

  it.each([
    [{ NODE_ENV: "production" }, /NODE_ENV is production/],
    [{ SHOPIFY_ADMIN_API_URL: "https://northwind-furniture.myshopify.com/admin/api/2026-10/graphql.json" }, /loopback/],
    [{ SHOPIFY_ADMIN_API_URL: undefined }, /SHOPIFY_ADMIN_API_URL/],
    [{ TRANCHE_LOCAL_SHOP: undefined }, /TRANCHE_LOCAL_SHOP/],
  ])("refuses %j", (changes, reason) => {
    const env = { ...LOCAL, ...changes } as NodeJS.ProcessEnv;
    expect(() => localModeConfig(env)).toThrow(LocalModeRefusedError);
    expect(() => localModeConfig(env)).toThrow(reason);
  });
});
