import { describe, expect, it } from "vitest";

import { blockingViolations, clippedControls, describeAxe, describeClippedControls, hydrated, runAxe } from "./browser";
import { seededStackSuite } from "./seeded-stack";

/**
 * The company terms page (issue 14) in headless Chromium over the local stack: a B2B company with a contract for one
 * of its two locations (tests/support/admin-contract-states.ts `seedCompanyContract`). Staff change a location's terms,
 * the save bar says so, Discard puts the saved values back, and Save stores them (payment days ascending).
 */

const suite = seededStackSuite("company-terms", async ({ seedCompanyContract, SEEDED_COMPANY }, stack) => ({
  companyId: await seedCompanyContract(stack),
  locationName: SEEDED_COMPANY.locations[1].name,
}));

describe("staff set a company's terms", () => {
  it("see the company's and each location's terms, score and exposure", { timeout: 60_000 }, async () => {
    const response = await suite.page.goto(`${suite.stack.appUrl}/app/companies/${suite.seeded.companyId}`, { waitUntil: "load" });
    expect(response?.status()).toBe(200);
    await hydrated(suite.page);
    await expect(suite.page.locator("h1").allInnerTexts()).resolves.toContain("Harbor Supply Co.");
    for (const heading of [
      "Company terms and credit limit",
      "Exposure (every location)",
      "Main warehouse: terms and credit limit",
      `${suite.seeded.locationName}: exposure`,
    ]) {
      await expect(suite.page.getByRole("heading", { name: heading, level: 2 }).count(), heading).resolves.toBe(1);
    }
    const axe = await runAxe(suite.page, "company");
    expect(blockingViolations(axe), describeAxe([axe])).toEqual([]);
    await suite.screenshots.take(suite.page, "company");
  });

  it("change a location's net days: the save bar offers Discard and Save, and Save keeps them", { timeout: 60_000 }, async () => {
    const netDays = suite.page.locator("#location-2-terms-net-days");
    const saveBar = suite.page.getByRole("region", { name: `Unsaved terms for Harbor Supply Co. (${suite.seeded.locationName})` });
    await netDays.fill("45");
    await saveBar.waitFor();
    await saveBar.getByRole("button", { name: "Discard" }).click();
    await saveBar.waitFor({ state: "detached" });
    await expect(netDays.inputValue()).resolves.toBe("");

    await netDays.fill("45");
    await saveBar.getByRole("button", { name: "Save" }).click();
    await saveBar.waitFor({ state: "detached", timeout: 15_000 });
    await suite.page
      .getByText(/^Terms saved/)
      .first()
      .waitFor();
    await suite.page.reload({ waitUntil: "load" });
    await hydrated(suite.page);
    await expect(suite.page.locator("#location-2-terms-net-days").inputValue()).resolves.toBe("45");
    await expect(suite.page.locator("#company-terms-net-days").inputValue()).resolves.toBe("");
  });

  it("give a location payment days in any order: they are kept ascending", { timeout: 60_000 }, async () => {
    const paymentDays = suite.page.locator("#location-2-terms-payment-days");
    const saveBar = suite.page.getByRole("region", { name: `Unsaved terms for Harbor Supply Co. (${suite.seeded.locationName})` });
    await paymentDays.fill("20, 5");
    await saveBar.getByRole("button", { name: "Save" }).click();
    await saveBar.waitFor({ state: "detached", timeout: 15_000 });
    await suite.page
      .getByText(/^Terms saved/)
      .first()
      .waitFor();
    await suite.page.reload({ waitUntil: "load" });
    await hydrated(suite.page);
    await expect(suite.page.locator("#location-2-terms-payment-days").inputValue()).resolves.toBe("5, 20");
    await expect(suite.page.locator("#location-2-terms-net-days").inputValue()).resolves.toBe("45");
  });

  it("shows the page on a phone with every control wholly visible", { timeout: 60_000 }, async () => {
    await suite.page.setViewportSize({ width: 390, height: 844 });
    const response = await suite.page.goto(`${suite.stack.appUrl}/app/companies/${suite.seeded.companyId}`, { waitUntil: "load" });
    expect(response?.status()).toBe(200);
    await hydrated(suite.page);
    const clipped = await clippedControls(suite.page);
    await suite.screenshots.take(suite.page, "company@390");
    expect(clipped.length, `company@390: ${clipped.length} control(s) not wholly visible:\n${describeClippedControls(clipped)}\n`).toBe(0);
  });
});
