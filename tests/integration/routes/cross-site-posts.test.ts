import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

import type { ActionFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { startEmulator, type RunningEmulator } from "../../../emulator/emulator";
import { seedContract } from "../models/contract-fixture";
import { createTestDatabase } from "../test-database";

/**
 * Every route module with an `action`, found on disk (a new route is covered without being named here), gets a
 * cross-site POST in local mode, where no login stands in the way: the admin's and the extensions' routes refuse it
 * with 403, the webhook routes with 401 (they take only bodies signed with the app's secret). The same POST from the
 * app's own origin gets past the check.
 */

const { SHOP, APP_ORIGIN } = vi.hoisted(() => {
  const shop = "cross-site.myshopify.com";
  const appOrigin = "http://localhost:3000";
  Object.assign(process.env, {
    TRANCHE_LOCAL_MODE: "1",
    TRANCHE_LOCAL_SHOP: shop,
    SHOPIFY_APP_URL: appOrigin,
    SHOPIFY_API_KEY: "cross-site-key",
    SHOPIFY_API_SECRET: "cross-site-secret",
  });
  return { SHOP: shop, APP_ORIGIN: appOrigin };
});

type Action = (args: ActionFunctionArgs) => Promise<Response>;

const routesDir = fileURLToPath(new URL("../../../app/routes/", import.meta.url));
const database = await createTestDatabase();
const jobs = await database.openJobQueue({ supervise: false });
let emulator: RunningEmulator;
const actions = new Map<string, Action>();

/** `app.contracts.$id.tsx` → `app.contracts.$id`; a folder route (`auth.login/route.tsx`) by its folder. */
function routeModules(): Map<string, string> {
  const modules = new Map<string, string>();
  for (const entry of readdirSync(routesDir, { withFileTypes: true })) {
    if (entry.isFile() && /\.tsx?$/.test(entry.name)) modules.set(entry.name.replace(/\.tsx?$/, ""), `${routesDir}${entry.name}`);
    const folderRoute = `${routesDir}${entry.name}/route.tsx`;
    if (entry.isDirectory() && existsSync(folderRoute)) modules.set(entry.name, folderRoute);
  }
  return modules;
}

beforeAll(async () => {
  emulator = await startEmulator();
  process.env.SHOPIFY_ADMIN_API_URL = emulator.adminUrl();
  // The routes use the app's database and queue modules, which take these globals when they load afresh.
  globalThis.prismaGlobal = database.prisma;
  globalThis.trancheJobQueue = Promise.resolve(jobs);
  vi.resetModules();
  for (const [route, file] of routeModules()) {
    const module = (await import(/* @vite-ignore */ file)) as { action?: Action };
    if (module.action) actions.set(route, module.action);
  }
});
afterAll(async () => {
  await emulator?.close();
  await database.cleanup();
});

/** A form POST to the route's own path, as a page of another site (or the app's own) would send it. */
async function post(route: string, headers: Record<string, string>, fields: Record<string, string> = {}): Promise<Response> {
  const path = `/${route
    .replace(/\./g, "/")
    .replace("$id", "c-unknown")
    .replace(/\/_index$/, "")}`;
  const request = new Request(`${APP_ORIGIN}${path}`, { method: "POST", headers, body: new URLSearchParams(fields) });
  try {
    // Remix actions may answer with plain data as well as a Response.
    const answer: unknown = await actions.get(route)!({ request, params: { id: fields.contractId ?? "c-unknown" }, context: {} });
    return answer instanceof Response ? answer : Response.json(answer);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    // Past the origin check the route ran and failed on the empty form: not a refusal by origin.
    return new Response(String(thrown), { status: 500 });
  }
}

const CROSS_SITE = { Origin: "https://evil.example" };

describe("cross-site POSTs in local mode", () => {
  it("finds the routes with an action: the admin's, the attach API, the login form and every webhook", () => {
    const routes = [...actions.keys()];
    expect(routes).toEqual(
      expect.arrayContaining([
        "app.attach",
        "app.contracts.$id",
        "app.contracts.$id_.schedule",
        "app.settings",
        "api.attach",
        "auth.login",
        "webhooks.shop.redact",
      ]),
    );
    expect(routes.every((route) => /^(app|api|auth|webhooks)\./.test(route))).toBe(true);
  });

  it("refuses a cross-site POST to every route with an action, and lets the app's own through the check", async () => {
    const nonWebhooks = [...actions.keys()].filter((route) => !route.startsWith("webhooks."));
    expect(nonWebhooks.length).toBeGreaterThanOrEqual(7);
    for (const route of actions.keys()) {
      const refused = await post(route, CROSS_SITE);
      expect(refused.status, route).toBe(route.startsWith("webhooks.") ? 401 : 403);
      if (route.startsWith("webhooks.")) continue;
      expect((await post(route, { Origin: APP_ORIGIN })).status, `${route} from the app itself`).not.toBe(403);
    }
    expect(await database.prisma.webhookEvent.count()).toBe(0);
    expect(await database.storedJobs()).toEqual([]);
  });

  it("refuses without Origin when Sec-Fetch-Site or Referer says another site sent it", async () => {
    const foreign: Record<string, string>[] = [
      { "Sec-Fetch-Site": "cross-site" },
      { "Sec-Fetch-Site": "same-site" },
      { Referer: "https://evil.example/page" },
      { Origin: "null" },
    ];
    for (const headers of foreign) {
      expect((await post("app.attach", headers)).status, JSON.stringify(headers)).toBe(403);
    }
    expect((await post("app.attach", { "Sec-Fetch-Site": "same-origin", Referer: `${APP_ORIGIN}/app/attach` })).status).not.toBe(403);
  });

  it("records no offline payment, cancels nothing and marks no milestone for a cross-site POST; the app's own gets through", async () => {
    const contract = await seedContract(database.prisma, SHOP, "gid://shopify/DraftOrder/1");
    const contractId = contract.id;
    const forged: Record<string, string>[] = [
      { contractId, intent: "offlinePayment", position: "1", method: "wire", amount: "360.00", receivedOn: "2027-01-15" },
      { contractId, intent: "cancel", reason: "forged", settlement: "close" },
      { contractId, intent: "milestone", milestone: "Ready to ship" },
    ];
    for (const fields of forged) expect((await post("app.contracts.$id", CROSS_SITE, fields)).status, fields.intent).toBe(403);
    const untouched = await database.prisma.contract.findUniqueOrThrow({ where: { id: contractId }, include: { stages: true } });
    expect(untouched.status).toBe(contract.status);
    expect(untouched.version).toBe(contract.version);
    expect(untouched.stages.map((stage) => stage.status)).toEqual(["scheduled", "scheduled", "scheduled"]);
    expect(await database.prisma.ledgerEntry.count({ where: { shop: SHOP } })).toBe(0);

    expect((await post("app.contracts.$id", { Origin: APP_ORIGIN }, { contractId, intent: "milestone", milestone: "Ready to ship" })).status).toBe(200);
    expect((await database.prisma.contract.findUniqueOrThrow({ where: { id: contractId } })).version).toBeGreaterThan(contract.version);
  });
});
