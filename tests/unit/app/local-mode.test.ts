import { describe, expect, it } from "vitest";

import { assertLoopbackRequest, LocalModeRefusedError, localModeConfig, nodeEnvRefusal } from "../../../app/local-mode.server";

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
    [{ NODE_ENV: "production" }, /NODE_ENV is "production"/],
    [{ NODE_ENV: "Production" }, /NODE_ENV is "Production"/],
    [{ NODE_ENV: "PRODUCTION" }, /NODE_ENV is "PRODUCTION"/],
    [{ NODE_ENV: "staging" }, /NODE_ENV is "staging"/],
    [{ NODE_ENV: "Development" }, /NODE_ENV is "Development"/],
    [{ NODE_ENV: "" }, /NODE_ENV is ""/],
    [{ SHOPIFY_ADMIN_API_URL: "https://northwind-furniture.myshopify.com/admin/api/2026-10/graphql.json" }, /loopback/],
    [{ SHOPIFY_ADMIN_API_URL: undefined }, /SHOPIFY_ADMIN_API_URL/],
    [{ TRANCHE_LOCAL_SHOP: undefined }, /TRANCHE_LOCAL_SHOP/],
    [{ SHOPIFY_APP_URL: "https://tranche.example.com" }, /SHOPIFY_APP_URL must be a loopback/],
  ])("refuses %j", (changes, reason) => {
    const env = { ...LOCAL, ...changes } as NodeJS.ProcessEnv;
    expect(() => localModeConfig(env)).toThrow(LocalModeRefusedError);
    expect(() => localModeConfig(env)).toThrow(reason);
  });
});

/** Remix types NODE_ENV as its three modes, always set; a deployment may set any text, or none. */
const withMode = (mode: string | undefined, env: object = {}) => ({ ...env, NODE_ENV: mode }) as unknown as NodeJS.ProcessEnv;

describe("nodeEnvRefusal (local mode and scripts/local-stack.ts)", () => {
  it("allows only an unset NODE_ENV, development and test, compared exactly", () => {
    for (const mode of [undefined, "development", "test"]) expect(nodeEnvRefusal(withMode(mode))).toBeNull();
    for (const mode of ["production", "Production", "prod", "test ", " development"]) {
      expect(nodeEnvRefusal(withMode(mode))).toMatch(/only an unset NODE_ENV, "development" or "test"/);
    }
  });

  it("starts local mode with NODE_ENV unset or test", () => {
    expect(localModeConfig(withMode(undefined, LOCAL))?.shop).toBe("northwind-furniture.myshopify.com");
    expect(localModeConfig(withMode("test", LOCAL))?.shop).toBe("northwind-furniture.myshopify.com");
  });
});

describe("assertLoopbackRequest", () => {
  it("lets requests to this machine through and answers others with 403", () => {
    expect(() => assertLoopbackRequest(new Request("http://localhost:3000/app"))).not.toThrow();
    expect(() => assertLoopbackRequest(new Request("http://127.0.0.1:3000/app"))).not.toThrow();
    let refused: unknown;
    try {
      assertLoopbackRequest(new Request("http://192.168.1.20:3000/app"));
    } catch (thrown) {
      refused = thrown;
    }
    expect(refused).toBeInstanceOf(Response);
    expect((refused as Response).status).toBe(403);
  });
});
