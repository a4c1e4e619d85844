import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { builtAppIsFresh } from "../../scripts/local/build-app";
import { startLocalStack, type LocalStack } from "../../scripts/local-stack";
import { createEmptyTestSchema } from "../integration/test-database";
import { EMAIL_KIND_LABELS } from "../../app/components/email-kind-labels";
import { savePdfWithRenders } from "../support/pdf-renders";
import { readPdf } from "../support/pdf-text";
import {
  blockingViolations,
  describeAxe,
  launchBrowser,
  readVitals,
  runAxe,
  screenshotFolder,
  vitalsTable,
  type AxeReport,
  type Browser,
  type ScreenshotFolder,
  type Vitals,
} from "./browser";

/**
 * The whole staged payment in headless Chromium, against the local stack (`npm run demo`: the built app in
 * local mode, the Shopify emulator, the job worker on the emulator's clock). Staff create a plan and attach it
 * to a seeded draft order; the buyer pays the deposit on the emulator's checkout page; the clock moves past the
 * balance's due date; the buyer finds the app's invoice email in the demo mailbox (the emulator's SMTP server) and
 * pays from its link; the contract shows every stage paid; the buyer receives the receipt, opens the portal from it
 * and downloads the statement PDF (read back, and rendered to PNG). Every buyer email template is previewed on the
 * settings page with this contract and screenshotted.
 *
 * Every page visited is saved as a full-page screenshot in tests/e2e/screenshots/staged-payment-flow/, every admin
 * page (and the emulator's control page) is checked with axe-core, and LCP and CLS are printed for each full page load.
 * Nothing here asserts on wall-clock time: the worker is waited for by reloading, with generous limits.
 */

const PLAN_NAME = "E2E deposit and balance";
const DRAFT = "#D1";
/** The balance falls due 14 days after the order; the clock moves 15. */
const BALANCE_AFTER_DAYS = 14;
const CLOCK_DAYS = 15;
const WORKER_WAIT_MS = 45_000;

let stack: LocalStack;
let database: Awaited<ReturnType<typeof createEmptyTestSchema>> | undefined;
let browser: Browser;
let page: Page;
let screenshots: ScreenshotFolder;
let contractUrl = "";
const vitals: Vitals[] = [];
const axeReports: AxeReport[] = [];
const shots: string[] = [];

beforeAll(async () => {
  // The browser first: a missing Chromium fails here, before the stack spends time building the app.
  browser = await launchBrowser();
  page = browser.page;
  screenshots = screenshotFolder("staged-payment-flow");
  const build = !builtAppIsFresh();
  const started = performance.now();
  // The test server, as every test uses (the stack migrates it): the demo's embedded server is for machines without one.
  database = await createEmptyTestSchema();
  process.env.DATABASE_URL = database.url;
  stack = await startLocalStack({ build, appPort: 0, emulatorPort: 0, log: () => undefined });
  console.info(
    `local stack started in ${Math.round(performance.now() - started)} ms (${build ? "with" : "without"} building the app): ${stack.appUrl}/app, ${stack.emulatorUrl}/_emulator`,
  );
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  await database?.drop();
  if (vitals.length) console.info(`Core Web Vitals (full page loads, headless Chromium):\n${vitalsTable(vitals)}`);
  if (axeReports.length) console.info(`axe-core (violations by page):\n${describeAxe(axeReports)}`);
  if (shots.length) console.info(`${shots.length} screenshots in ${screenshots.dir}:\n${shots.map((file) => `  ${file}`).join("\n")}`);
  if (browser?.blockedRequests.length)
    console.info(`requests off this machine the browser was refused:\n${[...new Set(browser.blockedRequests)].map((url) => `  ${url}`).join("\n")}`);
}, 60_000);

/** A full load of an admin (or emulator) page: LCP and CLS, axe, and a screenshot. */
async function visit(name: string, url: string, options: { axe?: boolean } = {}): Promise<void> {
  const response = await page.goto(url, { waitUntil: "load" });
  expect(response?.status(), `${name} (${url}) answered ${response?.status()}`).toBeLessThan(400);
  const measured = await readVitals(page, name);
  expect(Number.isFinite(measured.cls) && measured.cls >= 0, `CLS of ${name} is ${measured.cls}`).toBe(true);
  vitals.push(measured);
  if (options.axe !== false) await checkAccessibility(name);
  await shoot(name);
}

/** Runs axe on the page as it is; the reports are judged together by the last test, so one page's finding does not stop the flow. */
async function checkAccessibility(name: string): Promise<void> {
  axeReports.push(await runAxe(page, name));
}

async function shoot(name: string, on: Page = page): Promise<void> {
  shots.push(await screenshots.take(on, name));
}

/** The contract page's status of one stage (its `data-stage-status`). */
async function stageStatus(position: number): Promise<string | null> {
  const cell = page.getByLabel(`Stage ${position} status`, { exact: true });
  if ((await cell.count()) === 0) return null;
  return cell.getAttribute("data-stage-status");
}

/** Reloads the contract page until `done` holds: the worker acts on webhooks and the clock in the background. */
async function waitOnContract(what: string, done: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + WORKER_WAIT_MS;
  for (;;) {
    await page.goto(contractUrl, { waitUntil: "load" });
    if (await done()) return;
    if (Date.now() > deadline) {
      const statuses = await page
        .locator("[data-stage-status]")
        .evaluateAll((cells) => cells.map((cell) => `${cell.getAttribute("aria-label")}: ${cell.getAttribute("data-stage-status")}`));
      const timeline = await page
        .getByRole("list", { name: "Timeline" })
        .innerText()
        .catch(() => "(no timeline)");
      throw new Error(`the contract page never showed ${what} within ${WORKER_WAIT_MS / 1000} s; it shows ${statuses.join(", ")}\nTimeline:\n${timeline}`);
    }
    await page.waitForTimeout(500);
  }
}

/** The newest email from the app whose subject matches, once the worker has sent it to the emulator's SMTP server. */
async function appEmail(subject: RegExp): Promise<{ id: string; subject: string }> {
  let found: { id: string; subject: string } | undefined;
  await expect
    .poll(
      async () => {
        const emails = (await (await fetch(`${stack.emulatorUrl}/_emulator/mail`)).json()) as { id: string; subject: string }[];
        found = emails.filter((email) => subject.test(email.subject)).at(-1);
        return found ? found.subject : emails.map((email) => email.subject).join(" | ");
      },
      { timeout: WORKER_WAIT_MS, interval: 500 },
    )
    .toMatch(subject);
  return found!;
}

/** The buyer pays an invoice on the emulator's checkout page with the test card (approve). */
async function payOnCheckoutPage(payUrl: string, name: string): Promise<void> {
  const buyer = await browser.context.newPage();
  try {
    await buyer.goto(payUrl, { waitUntil: "load" });
    await expect(buyer.getByRole("heading", { level: 1 }).innerText()).resolves.toContain("invoice");
    vitals.push(await readVitals(buyer, `checkout: ${name}`));
    shots.push(await screenshots.take(buyer, `checkout-${name}`));
    await buyer.getByRole("radio", { name: "Approve" }).check();
    await buyer.getByRole("button", { name: /^(Pay|Place order)/ }).click();
    await buyer.getByRole("heading", { name: "Thank you" }).waitFor();
    await expect(buyer.getByRole("status").innerText()).resolves.toMatch(/received your order/);
    shots.push(await screenshots.take(buyer, `checkout-${name}-paid`));
  } finally {
    await buyer.close();
  }
}

describe("a staged payment in the browser, from plan to paid in full", () => {
  it("shows the dashboard and the plans list", { timeout: 60_000 }, async () => {
    await visit("dashboard", `${stack.appUrl}/app`);
    await expect(page.getByRole("heading", { name: "Dashboard", level: 1 }).isVisible()).resolves.toBe(true);
    await visit("plans", `${stack.appUrl}/app/plans`);
  });

  it("staff create a plan: 40% deposit at checkout, the balance 14 days after the order", { timeout: 60_000 }, async () => {
    await visit("plan-form", `${stack.appUrl}/app/plans/new`);
    await page.getByLabel("Plan name").fill(PLAN_NAME);
    await page.getByRole("radio", { name: /^Stages/ }).check();
    const deposit = page.getByRole("group", { name: "Stage 1" });
    await deposit.getByLabel("Kind").selectOption("deposit");
    await deposit.getByLabel("Share").selectOption("percent");
    await deposit.getByLabel("Percent").fill("40");
    await deposit.getByLabel("Due").selectOption("checkout");
    const balance = page.getByRole("group", { name: "Stage 2" });
    await balance.getByLabel("Kind").selectOption("balance");
    await balance.getByLabel("Share").selectOption("remainder");
    await balance.getByLabel("Due").selectOption("after");
    // "After" takes steps as merchants write them ("14d", "1m, end of month").
    await balance.getByLabel("After").fill(`${BALANCE_AFTER_DAYS}d`);
    await balance.getByLabel("Counted from").selectOption("orderDate");
    await expect(page.getByRole("group", { name: "Stage 3" }).count()).resolves.toBe(0);
    await shoot("plan-form-filled");

    await page.getByRole("button", { name: "Save plan" }).click();
    await page.waitForURL(/\/app\/plans\?created=/);
    await page.getByText(PLAN_NAME).first().waitFor();
    await shoot("plans-after-create");
  });

  it("staff attach the plan to a seeded draft order, which emails the deposit's invoice", { timeout: 90_000 }, async () => {
    await visit("attach", `${stack.appUrl}/app/attach`);
    await page.getByLabel("Search draft orders").fill(DRAFT);
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await page.waitForURL(/[?&]q=/);
    // Polaris draws the row's content over its link (a click anywhere on the row chooses it); the link is what
    // keyboard and screen-reader users reach, so it is chosen the way they do.
    const choose = page.getByRole("link", { name: `Choose draft order ${DRAFT}`, exact: true });
    await choose.focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/draftOrderId=/);
    const plan = page.getByLabel("Plan", { exact: true });
    await plan.waitFor();
    const offered = () =>
      plan
        .locator("option")
        .evaluateAll((options) => options.map((option) => ({ label: option.textContent ?? "", value: option.getAttribute("value") ?? "" })));
    await expect
      .poll(async () => (await offered()).map((option) => option.label), { timeout: 10_000 })
      .toContainEqual(expect.stringMatching(new RegExp(`^${PLAN_NAME}`)));
    const planValue = (await offered()).find((option) => option.label.startsWith(PLAN_NAME))?.value ?? null;
    expect(planValue, `the Plan select offers ${PLAN_NAME}`).not.toBeNull();
    await plan.selectOption(planValue!);
    await page.waitForURL((url) => url.searchParams.get("planId") === planValue);
    const previewRows = page.getByRole("table").locator("tbody tr");
    await expect.poll(() => previewRows.count(), { timeout: 20_000 }).toBe(2);
    await checkAccessibility("attach-with-preview");
    await shoot("attach-preview");

    await page.getByRole("button", { name: "Attach plan and email the first invoice" }).click();
    await page.waitForURL(/\/app\/contracts\/[^/?]+$/);
    contractUrl = page.url();
    await page.getByRole("heading", { name: `Contract for ${DRAFT}`, level: 1 }).waitFor();
    await shoot("contract-attached");
    await expect(page.getByLabel(/^Stage \d+ status$/).count()).resolves.toBe(2);
    await expect(stageStatus(2)).resolves.toBe("scheduled");
  });

  it("the buyer pays the deposit through the checkout page, and the contract shows it paid", { timeout: 120_000 }, async () => {
    await waitOnContract("stage 1's payment page", async () => (await page.getByRole("link", { name: "Payment page of stage 1" }).count()) === 1);
    await visit("contract", contractUrl);
    const payUrl = await page.getByRole("link", { name: "Payment page of stage 1" }).getAttribute("href");
    // The emulator's checkout page (its invoice URL names the loopback address or localhost: either is this machine).
    expect(new URL(payUrl!).port).toBe(new URL(stack.emulatorUrl).port);
    expect(new URL(payUrl!).pathname).toMatch(/^\/checkout\//);
    await payOnCheckoutPage(payUrl!, "deposit");

    await waitOnContract("stage 1 paid", async () => (await stageStatus(1)) === "paid");
    await expect(stageStatus(2)).resolves.toBe("scheduled");
    await shoot("contract-deposit-paid");
  });

  it("the clock moves past the balance's due date on the emulator's control page, and the balance is invoiced", { timeout: 120_000 }, async () => {
    await visit("emulator-control", `${stack.emulatorUrl}/_emulator`);
    const now = await page.locator("#emulator-now").getAttribute("datetime");
    const target = new Date(Date.parse(now!) + CLOCK_DAYS * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel(/^Move to a date/).fill(target);
    await page.getByRole("button", { name: "Move to date" }).click();
    await expect(page.getByRole("status").innerText()).resolves.toContain(`The clock moved to ${target}`);
    await shoot("emulator-clock-moved");

    await waitOnContract("stage 2 invoiced with a payment page", async () => (await page.getByRole("link", { name: "Payment page of stage 2" }).count()) === 1);
    expect(["invoiced", "overdue"]).toContain(await stageStatus(2));
    await shoot("contract-balance-invoiced");
  });

  it(
    "the buyer finds the app's invoice email in the demo mailbox and pays the balance from it; the contract is paid in full",
    { timeout: 120_000 },
    async () => {
      const contractLink = await page.getByRole("link", { name: "Payment page of stage 2" }).getAttribute("href");
      const path = new URL(contractLink!).pathname;
      const invoice = await appEmail(/^Payment 2 of 2 for order /);
      await visit("emulator-app-mailbox", `${stack.emulatorUrl}/_emulator#app-mailbox`);
      await page.locator("#app-mailbox").getByRole("link", { name: invoice.subject }).first().click();
      await page.waitForURL(/\/_emulator\/app-mailbox\//);
      await shoot("email-stage-invoice-in-mailbox");
      // The email itself, as the buyer's mail client shows it: its pay button is the link the buyer follows.
      await visit("email-stage-invoice", `${stack.emulatorUrl}/_emulator/mail/${invoice.id}.html`, { axe: false });
      const pay = page.getByRole("link", { name: /^Pay payment 2 of 2/ });
      const payHref = await pay.getAttribute("href");
      expect(new URL(payHref!).pathname, "the email's pay button is the stage's payment page").toBe(path);
      await payOnCheckoutPage(payHref!, "balance");

      await waitOnContract("every stage paid and the contract paid in full", async () => {
        const statuses = await page.locator("[data-stage-status]").evaluateAll((cells) => cells.map((cell) => cell.getAttribute("data-stage-status")));
        return statuses.length === 2 && statuses.every((status) => status === "paid") && (await page.getByText("Paid in full", { exact: true }).count()) > 0;
      });
      await visit("contract-paid-in-full", contractUrl);
      await expect(page.getByRole("list", { name: "Timeline" }).locator("li").count()).resolves.toBeGreaterThan(0);
    },
  );

  it("the buyer receives the receipt, opens the portal from it and downloads the statement PDF", { timeout: 120_000 }, async () => {
    const receipt = await appEmail(/^Payment received: .* for payment 2 of 2/);
    await visit("email-payment-received", `${stack.emulatorUrl}/_emulator/mail/${receipt.id}.html`, { axe: false });
    const portalHref = await page.getByRole("link", { name: "See your payments and invoices online" }).getAttribute("href");
    expect(portalHref, "the receipt links the buyer's portal").toMatch(/\/portal\//);
    await visit("portal", portalHref!);
    await expect(page.getByText("Paid", { exact: false }).count()).resolves.toBeGreaterThan(0);
    await page.getByRole("button", { name: "Show statement" }).click();
    await page.getByText("Closing balance").first().waitFor();
    await shoot("portal-statement");
    const statementHref = await page.getByRole("link", { name: "Download PDF" }).getAttribute("href");
    const response = await page.request.get(new URL(statementHref!, page.url()).href);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("application/pdf");
    const pdf = new Uint8Array(await response.body());
    const text = (await readPdf(pdf)).pages.join(" ");
    // Paid in full: everything invoiced was paid, so the statement closes at zero.
    expect(text).toContain("Closing balance");
    expect(text).toMatch(/Closing balance \$0\.00/);
    const rendered = await savePdfWithRenders("e2e-statement", pdf);
    expect(rendered.pngs.length).toBeGreaterThan(0);
  });

  it("previews every buyer email with this contract on the settings page", { timeout: 180_000 }, async () => {
    await visit("settings-emails", `${stack.appUrl}/app/settings`);
    for (const [kind, label] of Object.entries(EMAIL_KIND_LABELS)) {
      await page.getByLabel("Email", { exact: true }).selectOption(kind);
      await page.getByRole("button", { name: "Preview", exact: true }).click();
      const frame = page.getByTitle(`Preview of the ${label.toLowerCase()} email`);
      await frame.waitFor();
      shots.push(await screenshots.take(page, `email-template-${kind}`));
    }
  });

  it("lists the contract and shows the settings", { timeout: 60_000 }, async () => {
    await visit("contracts", `${stack.appUrl}/app/contracts`);
    await expect(page.getByText(DRAFT, { exact: true }).count()).resolves.toBeGreaterThan(0);
    await visit("settings", `${stack.appUrl}/app/settings`);
  });

  it("has no serious or critical axe violations on the admin pages and the emulator's control page", () => {
    const pages = axeReports.map((report) => report.page);
    for (const expected of [
      "dashboard",
      "plans",
      "plan-form",
      "attach",
      "attach-with-preview",
      "contract",
      "contract-paid-in-full",
      "contracts",
      "settings",
      "emulator-control",
      "emulator-app-mailbox",
      "portal",
    ]) {
      expect(pages, `axe ran on ${expected}`).toContain(expected);
    }
    const blocking = axeReports
      .map((report) => ({ page: report.page, violations: blockingViolations(report) }))
      .filter((report) => report.violations.length > 0);
    expect(blocking, `serious or critical axe violations:\n${describeAxe(blocking)}`).toEqual([]);
  });
});
