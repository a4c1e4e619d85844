import { networkInterfaces } from "node:os";

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRESET_PLANS } from "../../../app/domain/plan/presets";
import { invoiceUrlOf } from "../../../emulator/commerce/draft-order-invoice-url";
import { payEmailedLink } from "../../../emulator/staff-and-buyer-actions";
import { builtAppIsFresh } from "../../../scripts/local/build-app";
import { LocalStackRefusedError, startLocalStack, type LocalStack } from "../../../scripts/local-stack";
import { createEmptyTestSchema } from "../test-database";

/**
 * `npm run demo`'s stack, started once: built unless build/ is newer than the app's sources (the build takes
 * most of the time), on free ports. What it serves is checked over HTTP.
 */

const BASIC = "northwind-furniture.myshopify.com";
let stack: LocalStack;
const progress: string[] = [];
let database: Awaited<ReturnType<typeof createEmptyTestSchema>> | undefined;

beforeAll(async () => {
  const started = performance.now();
  const build = !builtAppIsFresh();
  // The test server, as every test uses (the stack migrates it): the demo's embedded server is for machines without one.
  database = await createEmptyTestSchema();
  process.env.DATABASE_URL = database.url;
  stack = await startLocalStack({ build, appPort: 0, emulatorPort: 0, log: (line) => progress.push(line) });
  console.info(`local stack started in ${Math.round(performance.now() - started)} ms (${build ? "with" : "without"} building the app)`);
}, 240_000);
afterAll(async () => {
  await stack?.close();
  await database?.drop();
});

describe("the local stack (npm run demo)", () => {
  it("serves the emulator's control page with the demo shops' open draft orders", async () => {
    expect(stack.shop).toBe(BASIC);
    const response = await fetch(`${stack.emulatorUrl}/_emulator`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("<td>#D1</td><td>Maria Gonzalez</td>");
    expect(html).toContain("<td>#D3</td>");
    expect(html).toContain("Kessler Industrietechnik");
  });

  it("serves the app's admin in local mode, signed in to the demo shop without Shopify, with immutable assets", async () => {
    const response = await fetch(`${stack.appUrl}/app`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    const html = await response.text();
    // The admin layout's loader ran in local mode: it names the shop and the emulator.
    expect(html).toContain(`"shop":"${BASIC}"`);
    expect(html).toContain('"emulatorOrigin":"http://127.0.0.1:');
    const asset = /"(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const assetResponse = await fetch(`${stack.appUrl}${asset}`);
    expect(assetResponse.status).toBe(200);
    expect(assetResponse.headers.get("cache-control")).toContain("immutable");
  });

  it("has the offline sessions and preset plans of both demo shops in a fresh database", async () => {
    expect(await stack.db.session.count({ where: { isOnline: false } })).toBe(2);
    expect(await stack.db.plan.count({ where: { shop: BASIC } })).toBe(PRESET_PLANS.length);
    expect(await stack.db.contract.count()).toBe(0);
  });

  it("takes the emulator's signed webhooks at the app's routes, and the worker runs their jobs", async () => {
    const shop = stack.emulator.store.shop(BASIC);
    const draft = shop.draftOrders.find((candidate) => candidate.name === "#D2")!;
    expect((await payEmailedLink(stack.emulator.url, invoiceUrlOf(stack.emulator.store, draft), { card: "approve" })).status).toBe(200);
    await stack.emulator.waitForWebhooksIdle();
    const orderEvents = stack.emulator.webhooks.events.filter((event) => event.topic.startsWith("orders/"));
    expect(orderEvents.length).toBeGreaterThan(0);
    for (const event of orderEvents) expect(event.deliveries.every((delivery) => delivery.attempts.at(-1)?.status === 200)).toBe(true);
    expect(await stack.db.webhookEvent.count()).toBe(stack.emulator.webhooks.events.length);
    await expect.poll(() => stack.jobs.unfinishedJobs(), { timeout: 15_000 }).toBe(0);
    expect(await stack.db.parkedJob.count()).toBe(0);
  }, 30_000);

  it("refuses to start under any NODE_ENV but unset, development or test, whatever its case", async () => {
    const mode = process.env.NODE_ENV;
    try {
      for (const production of ["production", "Production", "staging"]) {
        Object.assign(process.env, { NODE_ENV: production });
        await expect(startLocalStack({ build: false, appPort: 0, emulatorPort: 0 })).rejects.toThrow(LocalStackRefusedError);
        await expect(startLocalStack({ build: false, appPort: 0, emulatorPort: 0 })).rejects.toThrow(`NODE_ENV is "${production}"`);
      }
    } finally {
      process.env.NODE_ENV = mode;
    }
  });

  it("listens on the loopback interface only: the machine's other addresses refuse the app and the emulator", async () => {
    const outward = Object.values(networkInterfaces())
      .flat()
      .filter((address) => address !== undefined && !address.internal && address.family === "IPv4")
      .map((address) => address!.address);
    for (const url of [stack.appUrl, stack.emulatorUrl]) {
      const { port } = new URL(url);
      expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBeLessThan(500);
      for (const address of outward) await expect(fetch(`http://${address}:${port}/`), `${address}:${port}`).rejects.toThrow();
    }
  });
});
