import type { EmulatorStore } from "../state/emulator-store";
import { json, type Route } from "./router";

const DAY_MS = 86_400_000;

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
