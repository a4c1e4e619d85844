import type { EmulatorStore } from "../state/emulator-store";
import type { ShopPlan } from "../state/model";
import type { ShopFixture } from "../state/seed";
import { advanceClock, type ClockAdvanceRequest } from "./clock-advance";
import { json, type Route } from "./router";

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
        const result = advanceClock(store.clock, JSON.parse(body || "{}") as ClockAdvanceRequest);
        return result.ok ? json(200, { now: result.now.toISOString() }) : json(400, { error: result.error });
      },
    },
  ];
}
