import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { builtAppIsFresh } from "../../scripts/local/build-app";
import { startLocalStack, type LocalStack } from "../../scripts/local-stack";
import type { SeededAdmin } from "../support/admin-contract-states";
import { createEmptyTestSchema } from "../integration/test-database";
import {
  blockingViolations,
  clippedControls,
  describeAxe,
  describeClippedControls,
  launchBrowser,
  runAxe,
  screenshotFolder,
  type Browser,
  type ScreenshotFolder,
} from "./browser";

/**
 * The customer pages in headless Chromium over the local stack, with contracts in every state staff meet
 * (tests/support/admin-contract-states.ts): from an overdue contract staff follow its customer's link to the customer
 * page (score, exposure, contracts, the history with the overdue stage), then find the customer on the customers list.
 */

let stack: LocalStack;
let database: Awaited<ReturnType<typeof createEmptyTestSchema>> | undefined;
let browser: Browser;
let page: Page;
let screenshots: ScreenshotFolder;
let seeded: SeededAdmin;

beforeAll(async () => {
  browser = await launchBrowser();
  page = browser.page;
  screenshots = screenshotFolder("customers");
  database = await createEmptyTestSchema();
  process.env.DATABASE_URL = database.url;
  stack = await startLocalStack({ build: !builtAppIsFresh(), appPort: 0, emulatorPort: 0, log: () => undefined });
  const { seedContractStates } = await import("../support/admin-contract-states");
  seeded = await seedContractStates(stack);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  await database?.drop();
}, 60_000);

async function hydrated(on: Page): Promise<void> {
  await on.waitForFunction(() =>
    [...document.querySelectorAll("a, button, input, select")].some((element) => Object.keys(element).some((key) => key.startsWith("__reactProps"))),
  );
}

describe("staff look at a customer", () => {
  let customerName = "";
  let customerUrl = "";

  it("follow an overdue contract's customer to their page: score, exposure, contracts and history", { timeout: 60_000 }, async () => {
    await page.goto(`${stack.appUrl}/app/contracts/${seeded.contracts.overdue}`, { waitUntil: "load" });
    await hydrated(page);
    const link = page.locator('a[href^="/app/customers/"]').first();
    customerName = (await link.innerText()).trim();
    expect(customerName).not.toBe("");
    await Promise.all([page.waitForURL(/\/app\/customers\/\d+$/), link.click()]);
    // A client-side navigation: the new page renders once its data has arrived.
    await page.getByRole("heading", { name: "Payment history", level: 2 }).waitFor({ timeout: 15_000 });
    expect(await page.locator("h1").allInnerTexts()).toContain(customerName);
    customerUrl = new URL(page.url()).pathname;
    for (const heading of ["Payment record", "Contracts", "Payment history", "Exposure"]) {
      await expect(page.getByRole("heading", { name: heading, level: 2 }).count()).resolves.toBe(1);
    }
    await expect(page.getByText(/\d+ days? overdue/).count()).resolves.toBeGreaterThan(0);
    await expect(page.locator(`a[href="/app/contracts/${seeded.contracts.overdue}"]`).count()).resolves.toBeGreaterThan(0);
    const axe = await runAxe(page, "customer");
    expect(blockingViolations(axe), describeAxe([axe])).toEqual([]);
    await screenshots.take(page, "customer");
  });

  it("find them on the customers list, searched by name", { timeout: 60_000 }, async () => {
    const response = await page.goto(`${stack.appUrl}/app/customers?search=${encodeURIComponent(customerName)}`, { waitUntil: "load" });
    expect(response?.status()).toBe(200);
    await hydrated(page);
    await expect(page.getByRole("heading", { name: "Customers", level: 1 }).count()).resolves.toBe(1);
    await expect(page.getByRole("link", { name: customerName }).count()).resolves.toBe(1);
    const axe = await runAxe(page, "customers");
    expect(blockingViolations(axe), describeAxe([axe])).toEqual([]);
    await screenshots.take(page, "customers");
  });

  it("shows both pages on a phone with every control wholly visible", { timeout: 60_000 }, async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [name, path] of [
      ["customer@390", customerUrl],
      ["customers@390", "/app/customers"],
    ] as const) {
      const response = await page.goto(`${stack.appUrl}${path}`, { waitUntil: "load" });
      expect(response?.status()).toBe(200);
      await hydrated(page);
      const clipped = await clippedControls(page);
      await screenshots.take(page, name);
      expect(clipped.length, `${name}: ${clipped.length} control(s) not wholly visible:\n${describeClippedControls(clipped)}\n`).toBe(0);
    }
  });
});
