import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startEmulator, type RunningEmulator } from "../../../emulator/emulator";
import { chooseShopLocale, shopLocaleChoice, shopFormat } from "../../../app/models/shop-profile.server";
import { createAdminClient } from "../../../app/shopify/admin-client.server";
import { ShopThrottle } from "../../../app/shopify/shop-throttle";
import { createTestDatabase } from "../test-database";

const database = await createTestDatabase();
const db = database.prisma;
let emulator: RunningEmulator;

const SHOPS = [
  { domain: "berlin.myshopify.com", accessToken: "shpat_berlin", currencyCode: "EUR", ianaTimezone: "Europe/Berlin", primaryLocale: "de", countryCode: "DE" },
  { domain: "tokyo.myshopify.com", accessToken: "shpat_tokyo", currencyCode: "JPY", ianaTimezone: "Asia/Tokyo", primaryLocale: "ja", countryCode: "JP" },
  {
    domain: "lisbon.myshopify.com",
    accessToken: "shpat_lisbon",
    currencyCode: "EUR",
    ianaTimezone: "Europe/Lisbon",
    primaryLocale: "pt-BR",
    countryCode: "PT",
  },
];

beforeAll(async () => {
  emulator = await startEmulator({ shops: SHOPS });
});
afterAll(async () => {
  await emulator.close();
  await database.cleanup();
});

/** Deps whose Shopify can be made to stop answering, and whose clock can move. */
function depsAt(now: Date, options: { readonly shopifyDown?: boolean } = {}) {
  let calls = 0;
  return {
    calls: () => calls,
    deps: {
      db,
      now: () => now,
      adminFor: async (shop: string) => {
        calls += 1;
        if (options.shopifyDown) throw new Error("Shopify is not answering");
        const token = SHOPS.find((candidate) => candidate.domain === shop)!.accessToken;
        return createAdminClient({ shop, accessToken: token }, { apiUrl: emulator.adminUrl(), throttle: new ShopThrottle() });
      },
    },
  };
}

describe("the shop's format for the admin", () => {
  it("is the shop's primary language in its billing country, in its time zone, read from Shopify", async () => {
    const now = new Date("2026-12-03T12:00:00Z");
    expect(await shopFormat(depsAt(now).deps, "berlin.myshopify.com")).toEqual({ locale: "de-DE", timeZone: "Europe/Berlin" });
    expect(await shopFormat(depsAt(now).deps, "tokyo.myshopify.com")).toEqual({ locale: "ja-JP", timeZone: "Asia/Tokyo" });
    // A language that names its own region keeps it.
    expect(await shopFormat(depsAt(now).deps, "lisbon.myshopify.com")).toEqual({ locale: "pt-BR", timeZone: "Europe/Lisbon" });
  });

  it("asks Shopify at most once a day, and keeps the last answer while Shopify does not answer", async () => {
    const first = depsAt(new Date("2026-12-03T12:00:00Z"));
    await shopFormat(first.deps, "berlin.myshopify.com");
    const sameDay = depsAt(new Date("2026-12-03T20:00:00Z"));
    expect(await shopFormat(sameDay.deps, "berlin.myshopify.com")).toEqual({ locale: "de-DE", timeZone: "Europe/Berlin" });
    expect(sameDay.calls()).toBe(0);
    const nextDayDown = depsAt(new Date("2026-12-05T12:00:00Z"), { shopifyDown: true });
    expect(await shopFormat(nextDayDown.deps, "berlin.myshopify.com")).toEqual({ locale: "de-DE", timeZone: "Europe/Berlin" });
    expect(nextDayDown.calls()).toBe(1);
  });

  it("is en-US in UTC for a shop Shopify never answered for", async () => {
    const down = depsAt(new Date("2026-12-03T12:00:00Z"), { shopifyDown: true });
    expect(await shopFormat(down.deps, "unknown.myshopify.com")).toEqual({ locale: "en-US", timeZone: "UTC" });
    expect(await db.shopProfile.count({ where: { shop: "unknown.myshopify.com" } })).toBe(0);
  });

  it("follows staff's own choice of locale over Shopify's until they clear it", async () => {
    const { deps } = depsAt(new Date("2026-12-03T12:00:00Z"));
    expect(await chooseShopLocale(deps, "tokyo.myshopify.com", "en-GB")).toEqual({ locale: "en-GB", timeZone: "Asia/Tokyo" });
    expect(await shopLocaleChoice(db, "tokyo.myshopify.com")).toEqual({ chosen: "en-GB", fromShopify: "ja-JP" });
    // Refreshing from Shopify a day later keeps the choice.
    expect(await shopFormat(depsAt(new Date("2026-12-05T12:00:00Z")).deps, "tokyo.myshopify.com")).toEqual({ locale: "en-GB", timeZone: "Asia/Tokyo" });
    expect(await chooseShopLocale(deps, "tokyo.myshopify.com", null)).toEqual({ locale: "ja-JP", timeZone: "Asia/Tokyo" });
  });
});
