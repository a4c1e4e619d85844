import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { builtAppIsFresh } from "../../scripts/local/build-app";
import { startLocalStack, type LocalStack } from "../../scripts/local-stack";
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
 * The company terms page (issue 14) in headless Chromium over the local stack: a B2B company with a contract for one
 * of its two locations (tests/support/admin-contract-states.ts `seedCompanyContract`). Staff change a location's terms,
 * the save bar says so, Discard puts the saved values back, and Save stores them (payment days ascending).
 */

let stack: LocalStack;
let database: Awaited<ReturnType<typeof createEmptyTestSchema>> | undefined;
let browser: Browser;
let page: Page;
let screenshots: ScreenshotFolder;
let companyId: string;
let locationName: string;

beforeAll(async () => {
  browser = await launchBrowser();
  page = browser.page;
  screenshots = screenshotFolder("company-terms");
  database = await createEmptyTestSchema();
  process.env.DATABASE_URL = database.url;
  stack = await startLocalStack({ build: !builtAppIsFresh(), appPort: 0, emulatorPort: 0, log: () => undefined });
  const { seedCompanyContract, SEEDED_COMPANY } = await import("../support/admin-contract-states");
  companyId = await seedCompanyContract(stack);
  locationName = SEEDED_COMPANY.locations[1].name;
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

describe("staff set a company's terms", () => {
  it("see the company's and each location's terms, score and exposure", { timeout: 60_000 }, async () => {
    const response = await page.goto(`${stack.appUrl}/app/companies/${companyId}`, { waitUntil: "load" });
    expect(response?.status()).toBe(200);
    await hydrated(page);
    await expect(page.locator("h1").allInnerTexts()).resolves.toContain("Harbor Supply Co.");
    for (const heading of [
      "Company terms and credit limit",
      "Exposure (every location)",
      "Main warehouse: terms and credit limit",
      `${locationName}: exposure`,
    ]) {
      await expect(page.getByRole("heading", { name: heading, level: 2 }).count(), heading).resolves.toBe(1);
    }
    const axe = await runAxe(page, "company");
    expect(blockingViolations(axe), describeAxe([axe])).toEqual([]);
    await screenshots.take(page, "company");
  });

  it("change a location's net days: the save bar offers Discard and Save, and Save keeps them", { timeout: 60_000 }, async () => {
    const netDays = page.locator("#location-2-terms-net-days");
    const saveBar = page.getByRole("region", { name: `Unsaved terms for Harbor Supply Co. (${locationName})` });
    await netDays.fill("45");
    await saveBar.waitFor();
    await saveBar.getByRole("button", { name: "Discard" }).click();
    await saveBar.waitFor({ state: "detached" });
    await expect(netDays.inputValue()).resolves.toBe("");

    await netDays.fill("45");
    await saveBar.getByRole("button", { name: "Save" }).click();
    await saveBar.waitFor({ state: "detached", timeout: 15_000 });
    await page
      .getByText(/^Terms saved/)
      .first()
      .waitFor();
    await page.reload({ waitUntil: "load" });
    await hydrated(page);
    await expect(page.locator("#location-2-terms-net-days").inputValue()).resolves.toBe("45");
    await expect(page.locator("#company-terms-net-days").inputValue()).resolves.toBe("");
  });

  it("give a location payment days in any order: they are kept ascending", { timeout: 60_000 }, async () => {
    const paymentDays = page.locator("#location-2-terms-payment-days");
    const saveBar = page.getByRole("region", { name: `Unsaved terms for Harbor Supply Co. (${locationName})` });
    await paymentDays.fill("20, 5");
    await saveBar.getByRole("button", { name: "Save" }).click();
    await saveBar.waitFor({ state: "detached", timeout: 15_000 });
    await page
      .getByText(/^Terms saved/)
      .first()
      .waitFor();
    await page.reload({ waitUntil: "load" });
    await hydrated(page);
    await expect(page.locator("#location-2-terms-payment-days").inputValue()).resolves.toBe("5, 20");
    await expect(page.locator("#location-2-terms-net-days").inputValue()).resolves.toBe("45");
  });

  it("shows the page on a phone with every control wholly visible", { timeout: 60_000 }, async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const response = await page.goto(`${stack.appUrl}/app/companies/${companyId}`, { waitUntil: "load" });
    expect(response?.status()).toBe(200);
    await hydrated(page);
    const clipped = await clippedControls(page);
    await screenshots.take(page, "company@390");
    expect(clipped.length, `company@390: ${clipped.length} control(s) not wholly visible:\n${describeClippedControls(clipped)}\n`).toBe(0);
  });
});
