import { describe, expect, it } from "vitest";

import { blockingViolations, clippedControls, describeAxe, describeClippedControls, hydrated, runAxe } from "./browser";
import { seededStackSuite } from "./seeded-stack";

/**
 * The customer pages in headless Chromium over the local stack, with contracts in every state staff meet
 * (tests/support/admin-contract-states.ts): from an overdue contract staff follow its customer's link to the customer
 * page (score, exposure, contracts, the history with the overdue stage), then find the customer on the customers list.
 */

const suite = seededStackSuite("customers", ({ seedContractStates }, stack) => seedContractStates(stack));

describe("staff look at a customer", () => {
  let customerName = "";
  let customerUrl = "";

  it("follow an overdue contract's customer to their page: score, exposure, contracts and history", { timeout: 60_000 }, async () => {
    await suite.page.goto(`${suite.stack.appUrl}/app/contracts/${suite.seeded.contracts.overdue}`, { waitUntil: "load" });
    await hydrated(suite.page);
    const link = suite.page.locator('a[href^="/app/customers/"]').first();
    customerName = (await link.innerText()).trim();
    expect(customerName).not.toBe("");
    await Promise.all([suite.page.waitForURL(/\/app\/customers\/\d+$/), link.click()]);
    // A client-side navigation: the new page renders once its data has arrived.
    await suite.page.getByRole("heading", { name: "Payment history", level: 2 }).waitFor({ timeout: 15_000 });
    expect(await suite.page.locator("h1").allInnerTexts()).toContain(customerName);
    customerUrl = new URL(suite.page.url()).pathname;
    for (const heading of ["Payment record", "Contracts", "Payment history", "Exposure"]) {
      await expect(suite.page.getByRole("heading", { name: heading, level: 2 }).count()).resolves.toBe(1);
    }
    await expect(suite.page.getByText(/\d+ days? overdue/).count()).resolves.toBeGreaterThan(0);
    await expect(suite.page.locator(`a[href="/app/contracts/${suite.seeded.contracts.overdue}"]`).count()).resolves.toBeGreaterThan(0);
    const axe = await runAxe(suite.page, "customer");
    expect(blockingViolations(axe), describeAxe([axe])).toEqual([]);
    await suite.screenshots.take(suite.page, "customer");
  });

  it("find them on the customers list, searched by name", { timeout: 60_000 }, async () => {
    const response = await suite.page.goto(`${suite.stack.appUrl}/app/customers?search=${encodeURIComponent(customerName)}`, { waitUntil: "load" });
    expect(response?.status()).toBe(200);
    await hydrated(suite.page);
    await expect(suite.page.getByRole("heading", { name: "Customers", level: 1 }).count()).resolves.toBe(1);
    await expect(suite.page.getByRole("link", { name: customerName }).count()).resolves.toBe(1);
    const axe = await runAxe(suite.page, "customers");
    expect(blockingViolations(axe), describeAxe([axe])).toEqual([]);
    await suite.screenshots.take(suite.page, "customers");
  });

  it("shows both pages on a phone with every control wholly visible", { timeout: 60_000 }, async () => {
    await suite.page.setViewportSize({ width: 390, height: 844 });
    for (const [name, path] of [
      ["customer@390", customerUrl],
      ["customers@390", "/app/customers"],
    ] as const) {
      const response = await suite.page.goto(`${suite.stack.appUrl}${path}`, { waitUntil: "load" });
      expect(response?.status()).toBe(200);
      await hydrated(suite.page);
      const clipped = await clippedControls(suite.page);
      await suite.screenshots.take(suite.page, name);
      expect(clipped.length, `${name}: ${clipped.length} control(s) not wholly visible:\n${describeClippedControls(clipped)}\n`).toBe(0);
    }
  });
});
