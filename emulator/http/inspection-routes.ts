import type { EmulatorStore } from "../state/emulator-store";
import type { ShopPlan } from "../state/model";
import type { ShopFixture } from "../state/seed";
import { json, type Route } from "./router";

const DAY_MS = 86_400_000;
const PLANS: Readonly<Record<ShopPlan, true>> = { basic: true, shopify: true, advanced: true, plus: true, enterprise: true };

/**
 * The emulator's own API for tests and the demo (`/_emulator/...`): read the outbox and a shop's state, move
 * the clock. Not part of Shopify's API.
 */
export function inspectionRoutes(store: EmulatorStore): Route[] {
  return [
    { method: "GET", path: "/_emulator/outbox", handler: () => json(200, store.outbox) },
    {
      method: "GET",
      path: "/_emulator/shops/:domain",
      handler: ({ params }) => {
        const shop = store.shops.get(params.domain ?? "");
        return shop ? json(200, shop) : json(404, { error: `no shop ${params.domain}` });
      },
    },
    {
      method: "POST",
      path: "/_emulator/shops",
      handler: ({ body }) => {
        const fixture = JSON.parse(body || "{}") as ShopFixture;
        if (typeof fixture.domain !== "string" || !fixture.domain.endsWith(".myshopify.com")) {
          return json(400, { error: "a shop fixture needs a domain ending in .myshopify.com" });
        }
        if (store.shops.has(fixture.domain)) return json(409, { error: `shop ${fixture.domain} exists` });
        return json(201, store.addShop(fixture));
      },
    },
    {
      method: "POST",
      path: "/_emulator/shops/:domain/plan",
      handler: ({ params, body }) => {
        const shop = store.shops.get(params.domain ?? "");
        if (!shop) return json(404, { error: `no shop ${params.domain}` });
        const { plan } = JSON.parse(body || "{}") as { plan?: ShopPlan };
        if (!plan || !(plan in PLANS)) return json(400, { error: `plan must be one of ${Object.keys(PLANS).join(", ")}` });
        shop.settings.plan = plan;
        return json(200, { domain: shop.settings.domain, plan });
      },
    },
    { method: "GET", path: "/_emulator/clock", handler: () => json(200, { now: store.clock.nowIso() }) },
    {
      method: "POST",
      path: "/_emulator/clock/advance",
      handler: ({ body }) => {
        const { days, seconds, to } = JSON.parse(body || "{}") as { days?: number; seconds?: number; to?: string };
        if (to !== undefined) {
          const instant = new Date(to);
          if (Number.isNaN(instant.getTime())) return json(400, { error: `"to" is not an ISO 8601 instant: ${to}` });
          if (instant.getTime() < store.clock.now().getTime()) return json(400, { error: "the clock only moves forward" });
          return json(200, { now: store.clock.advanceTo(instant).toISOString() });
        }
        const ms = (days ?? 0) * DAY_MS + (seconds ?? 0) * 1000;
        if (!Number.isFinite(ms) || ms < 0) return json(400, { error: "give days or seconds, not negative" });
        return json(200, { now: store.clock.advance(ms).toISOString() });
      },
    },
  ];
}
