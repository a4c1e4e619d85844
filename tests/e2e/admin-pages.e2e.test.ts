import type { Dialog, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { builtAppIsFresh } from "../../scripts/local/build-app";
import { startLocalStack, type LocalStack } from "../../scripts/local-stack";
import { createEmptyTestSchema } from "../integration/test-database";
import type { SeededAdmin } from "../support/admin-contract-states";
import {
  blockingViolations,
  clippedControls,
  clippedText,
  describeAxe,
  describeClippedControls,
  describeClippedText,
  hydrated,
  launchBrowser,
  readVitals,
  runAxe,
  screenshotFolder,
  type AxeReport,
  type Browser,
  type ScreenshotFolder,
  type Vitals,
} from "./browser";

/**
 * Every admin page, at a laptop's 1280 px and a phone's 390 px, against the local stack with contracts in every state
 * staff meet (tests/support/admin-contract-states.ts): each page is loaded, its LCP and CLS printed, checked with
 * axe-core (serious and critical findings are judged together at the end), screenshotted whole into
 * tests/e2e/screenshots/admin-pages/, every visible control is checked to be wholly visible (`clippedControls`) and
 * no table header or cell text cut off (`clippedText`). Then the contract page's actions, each of which must show fresh
 * data without a reload: mark a milestone, resend a link, record an offline payment, cancel through a modal, save a
 * schedule edit, and at 390 px each stage's status and actions menu and a card charge retried from it. Last, the
 * settings' working days: the save bar after a change, and the warning before leaving with it unsaved.
 */

const VIEWPORTS = [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
] as const;

interface AdminPage {
  readonly name: string;
  readonly path: (seed: SeededAdmin) => string;
  /** What must be on screen before the page is judged, beyond its load. */
  readonly ready?: (page: Page) => Promise<void>;
}

const contractPath = (state: keyof SeededAdmin["contracts"]) => (seed: SeededAdmin) => `/app/contracts/${seed.contracts[state]}`;
/** Polaris Viz draws in the browser, from its own chunk, into the box the server kept for it. */
const chartDrawn = (page: Page) => page.locator("[data-report-chart] svg").first().waitFor({ timeout: 15_000 });

const ADMIN_PAGES: readonly AdminPage[] = [
  { name: "dashboard", path: () => "/app" },
  { name: "plans", path: () => "/app/plans" },
  { name: "plan-new", path: () => "/app/plans/new" },
  { name: "plan-edit", path: (seed) => `/app/plans/${seed.planId}` },
  { name: "attach", path: () => "/app/attach" },
  {
    name: "attach-with-preview",
    path: (seed) => `/app/attach?${new URLSearchParams({ draftOrderId: seed.unattachedDraftId, planId: seed.planId })}`,
    ready: (page) => page.getByRole("table").locator("tbody tr").first().waitFor(),
  },
  { name: "contracts", path: () => "/app/contracts" },
  { name: "contract-awaiting-deposit", path: contractPath("awaitingDeposit") },
  { name: "contract-awaiting-milestone", path: contractPath("awaitingMilestone") },
  { name: "contract-overdue", path: contractPath("overdue") },
  { name: "contract-failed-charge", path: contractPath("failedCharge") },
  { name: "contract-paid-in-full", path: contractPath("paidInFull") },
  { name: "contract-cancelled", path: contractPath("cancelled") },
  { name: "schedule-edit", path: (seed) => `/app/contracts/${seed.contracts.overdue}/schedule` },
  { name: "settings", path: () => "/app/settings" },
  { name: "settings-accounts", path: () => "/app/settings/accounts" },
  { name: "customers", path: () => "/app/customers" },
  { name: "customer-overdue", path: (seed) => `/app/customers/${seed.customerId}` },
  { name: "reports", path: () => "/app/reports" },
  { name: "report-aging", path: () => "/app/reports/aging", ready: chartDrawn },
  { name: "report-collections", path: () => "/app/reports/collections", ready: chartDrawn },
  { name: "report-collected", path: () => "/app/reports/collected?from=2020-01-01&to=2029-12-31&period=month", ready: chartDrawn },
  // The seeded deposits were invoiced before anything shipped: the roll-forward has a deferred balance to draw.
  { name: "report-deferred-revenue", path: () => "/app/reports/deferred-revenue", ready: chartDrawn },
  { name: "exports", path: () => "/app/exports" },
];

/** How long the page may take to show what an action changed (the worker acts on some of it) before it is stale. */
const FRESH_DATA_WAIT_MS = 15_000;

let stack: LocalStack;
let database: Awaited<ReturnType<typeof createEmptyTestSchema>> | undefined;
let browser: Browser;
let page: Page;
let screenshots: ScreenshotFolder;
let seed: SeededAdmin;

interface PageResult {
  readonly page: string;
  readonly width: number;
  readonly vitals: Vitals;
  readonly clipped: number;
  readonly cutText: number;
  readonly axeBlocking: number;
}
const results: PageResult[] = [];
const axeReports: AxeReport[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  page = browser.page;
  screenshots = screenshotFolder("admin-pages");
  const build = !builtAppIsFresh();
  const started = performance.now();
  database = await createEmptyTestSchema();
  process.env.DATABASE_URL = database.url;
  stack = await startLocalStack({ build, appPort: 0, emulatorPort: 0, log: () => undefined });
  // Loaded only now: the app's modules read their settings (set by the stack) when they load.
  const { seedContractStates } = await import("../support/admin-contract-states");
  seed = await seedContractStates(stack, (line) => console.info(`seed: ${line}`));
  console.info(`local stack started and seeded in ${Math.round(performance.now() - started)} ms: ${stack.appUrl}/app`);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  await database?.drop();
  if (results.length) console.info(`Admin pages (full page loads, headless Chromium):\n${resultsTable(results)}`);
  if (axeReports.length) console.info(`axe-core (violations by page):\n${describeAxe(axeReports)}`);
  console.info(`screenshots in ${screenshots?.dir}`);
}, 60_000);

function resultsTable(rows: readonly PageResult[]): string {
  const width = Math.max(4, ...rows.map((row) => row.page.length));
  const header = `${"page".padEnd(width)}  ${"width".padStart(5)}  ${"LCP ms".padStart(7)}  ${"CLS".padStart(6)}  ${"clipped".padStart(7)}  ${"cut text".padStart(8)}  ${"axe serious".padStart(11)}`;
  const lines = rows.map(
    (row) =>
      `${row.page.padEnd(width)}  ${String(row.width).padStart(5)}  ${(row.vitals.lcpMs === null ? "—" : String(row.vitals.lcpMs)).padStart(7)}  ${row.vitals.cls.toFixed(3).padStart(6)}  ${String(row.clipped).padStart(7)}  ${String(row.cutText).padStart(8)}  ${String(row.axeBlocking).padStart(11)}`,
  );
  return [header, ...lines].join("\n");
}

describe("every admin page at 1280 px and 390 px: vitals, axe, a screenshot, nothing clipped", () => {
  for (const adminPage of ADMIN_PAGES) {
    for (const viewport of VIEWPORTS) {
      it(`${adminPage.name} at ${viewport.width} px`, { timeout: 60_000 }, async () => {
        const name = `${adminPage.name}@${viewport.width}`;
        await page.setViewportSize(viewport);
        const url = `${stack.appUrl}${adminPage.path(seed)}`;
        const response = await page.goto(url, { waitUntil: "load" });
        expect(response?.status(), `${name} (${url}) answered ${response?.status()}`).toBeLessThan(400);
        await hydrated(page);
        await adminPage.ready?.(page);
        const vitals = await readVitals(page, name);
        const clipped = await clippedControls(page);
        const cutText = await clippedText(page);
        const axe = await runAxe(page, name);
        axeReports.push(axe);
        await screenshots.take(page, name);
        results.push({
          page: adminPage.name,
          width: viewport.width,
          vitals,
          clipped: clipped.length,
          cutText: cutText.length,
          axeBlocking: blockingViolations(axe).length,
        });
        expect.soft(clipped.length, `${name}: ${clipped.length} control(s) not wholly visible:\n${describeClippedControls(clipped)}\n`).toBe(0);
        expect(cutText.length, `${name}: ${cutText.length} table cell(s) with text cut off:\n${describeClippedText(cutText)}\n`).toBe(0);
      });
    }
  }

  it("has no serious or critical axe violations on any of them", () => {
    const blocking = axeReports
      .map((report) => ({ page: report.page, violations: blockingViolations(report) }))
      .filter((report) => report.violations.length > 0);
    expect.soft(blocking, `serious or critical axe violations:\n${describeAxe(blocking)}`).toEqual([]);
    const checked = new Set(axeReports.map((report) => report.page));
    const unchecked = ADMIN_PAGES.flatMap((adminPage) => VIEWPORTS.map((viewport) => `${adminPage.name}@${viewport.width}`)).filter(
      (name) => !checked.has(name),
    );
    expect(unchecked, "pages axe never checked (their page test failed before it)").toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// The contract page's actions. The names assumed (the issue's): each stage's status cell labelled "Stage N status"
// with data-stage-status; a stage's actions named "Record payment…" and "Resend (payment) link…", in its table row or
// list item, or behind a menu or details button there ("Actions…", "More…", "Details…", or any with aria-haspopup);
// "Mark milestone…"; "Cancel contract", which opens a role=dialog holding a "Cancel contract" button. A confirmation
// the page asks in a dialog is answered with its button of the action's name.

describe("the contract page shows fresh data after every action, without a reload", () => {
  /** Notes the document as it is, so that a reload (a full form post) is caught by the check it returns. */
  async function markDocument(): Promise<() => Promise<void>> {
    await page.evaluate(() => Object.assign(window, { __trancheSameDocument: true }));
    return async () =>
      expect(
        await page.evaluate(() => (window as unknown as { __trancheSameDocument?: boolean }).__trancheSameDocument === true),
        "the page was reloaded: the action must update it in place",
      ).toBe(true);
  }

  /** Opens a contract (at 1280 px unless told) and notes the document. */
  async function openContract(contractId: string, viewport: (typeof VIEWPORTS)[number] = VIEWPORTS[0]): Promise<{ stillTheSameDocument(): Promise<void> }> {
    await page.setViewportSize(viewport);
    const url = `${stack.appUrl}/app/contracts/${contractId}`;
    const response = await page.goto(url, { waitUntil: "load" });
    if ((response?.status() ?? 0) >= 400) throw new Error(`the contract page ${url} answered ${response?.status()}`);
    await hydrated(page);
    return { stillTheSameDocument: await markDocument() };
  }

  const statusCell = (position: number) => page.getByLabel(`Stage ${position} status`, { exact: true });
  const stageStatus = (position: number) => statusCell(position).getAttribute("data-stage-status");
  /** The stage's table row or list item (the innermost that holds its status). */
  const stageRow = (position: number) =>
    page
      .locator("tr, li, [role=row]")
      .filter({ has: statusCell(position) })
      .last();

  /** A stage's action: a control in its row, or behind the row's menu or details button (then anywhere on the page). */
  async function stageAction(position: number, name: RegExp): Promise<Locator | null> {
    const named = (within: Page | Locator) =>
      within.getByRole("button", { name }).or(within.getByRole("menuitem", { name })).or(within.getByRole("link", { name }));
    const inRow = named(stageRow(position)).filter({ visible: true });
    if ((await inRow.count()) > 0) return inRow.first();
    const opener = stageRow(position)
      .getByRole("button", { name: /actions|more|details|manage/i })
      .or(stageRow(position).locator("button[aria-haspopup], button[aria-expanded]"))
      .filter({ visible: true });
    if ((await opener.count()) === 0) return null;
    await opener.first().click();
    const opened = named(page).filter({ visible: true });
    return (await opened.count()) > 0 ? opened.first() : null;
  }

  /** A page-level action: a header button, or an item of the header's "More actions" menu when Polaris rolled it up. */
  async function pageAction(name: RegExp): Promise<Locator | null> {
    const direct = page.getByRole("button", { name }).filter({ visible: true });
    const more = page.getByRole("button", { name: /^More actions$/i }).filter({ visible: true });
    const shown = await direct
      .or(more)
      .first()
      .waitFor({ timeout: 10_000 })
      .then(
        () => true,
        () => false,
      );
    if (!shown) return null;
    if ((await direct.count()) > 0) return direct.first();
    await more.first().click();
    const item = page.getByRole("menuitem", { name }).or(page.getByRole("button", { name })).filter({ visible: true });
    return (await item.count()) > 0 ? item.first() : null;
  }

  /** When the page asks in a dialog, confirms with the dialog's button of the action's name. */
  async function confirmIfAsked(name: RegExp): Promise<void> {
    const dialog = page.getByRole("dialog").filter({ visible: true });
    const asked = await dialog
      .first()
      .waitFor({ timeout: 1_500 })
      .then(() => true)
      .catch(() => false);
    if (asked) await dialog.first().getByRole("button", { name }).last().click();
  }

  /**
   * What keeps staff from seeing `element` whole, or null: not visible, wider than the viewport once scrolled to, or
   * not on top at its centre (an ancestor clips it or something covers it).
   */
  async function notWhollySeen(element: Locator, what: string): Promise<string | null> {
    if (!(await element.isVisible())) return `${what} is not visible`;
    await element.scrollIntoViewIfNeeded();
    return element.evaluate((node, label) => {
      const box = node.getBoundingClientRect();
      const width = document.documentElement.clientWidth;
      if (box.width < 1 || box.height < 1) return `${label} has no size`;
      if (box.left < -1 || box.right > width + 1) return `${label} spans x ${Math.round(box.left)}–${Math.round(box.right)} of a ${width} px viewport`;
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      return hit !== null && (node.contains(hit) || hit.contains(node))
        ? null
        : `${label} is clipped or covered at its centre (by ${hit ? hit.tagName.toLowerCase() : "nothing"})`;
    }, what);
  }

  /** Waits for the page, as it is, to show `done`; fails with what it shows and what the database holds. */
  async function expectOnPage(
    what: string,
    read: () => Promise<string | null>,
    done: (shown: string | null) => boolean,
    contractId: string,
    waitMs = FRESH_DATA_WAIT_MS,
  ) {
    const deadline = Date.now() + waitMs;
    let shown = await read();
    while (!done(shown) && Date.now() < deadline) {
      await page.waitForTimeout(250);
      shown = await read();
    }
    if (done(shown)) return;
    const stored = await stack.db.stage.findMany({ where: { contractId }, orderBy: { position: "asc" }, select: { position: true, status: true } });
    throw new Error(
      `${what}: after ${waitMs / 1000} s without a reload the page still shows ${JSON.stringify(shown)}; the database has stages ${stored.map((stage) => `${stage.position} ${stage.status}`).join(", ")}`,
    );
  }

  it("at 390 px shows each stage's status and its actions menu whole, and retries a declined card from the menu", { timeout: 90_000 }, async () => {
    const contract = seed.contracts.failedCharge;
    const { stillTheSameDocument } = await openContract(contract, VIEWPORTS[1]);
    // On a phone the schedule is a list of stages, once the page has measured the screen.
    await page.getByRole("list", { name: "Stages" }).waitFor();
    const stages = await stack.db.stage.findMany({
      where: { contractId: contract },
      orderBy: { position: "asc" },
      select: { position: true, status: true, attempts: true },
    });
    expect(stages.length, "the failed-charge contract's stages").toBeGreaterThan(1);
    const unseen: string[] = [];
    for (const stage of stages) {
      const problem = await notWhollySeen(statusCell(stage.position), `stage ${stage.position}'s status`);
      if (problem) unseen.push(problem);
      await expect(stageStatus(stage.position), `stage ${stage.position}'s status on the page`).resolves.toBe(stage.status);
    }
    const declined = stages.find((stage) => stage.status === "failed");
    expect(declined, "a stage whose saved-card charge was declined").toBeDefined();
    const menu = stageRow(declined!.position).getByRole("button", { name: `Actions for stage ${declined!.position}` });
    const menuProblem = await notWhollySeen(menu, `stage ${declined!.position}'s actions menu`);
    if (menuProblem) unseen.push(menuProblem);
    expect(unseen, "what staff cannot see whole at 390 px").toEqual([]);
    await screenshots.take(page, "phone-stage-actions");

    await menu.click();
    const retry = page.getByRole("menuitem", { name: /^Retry card charge/ }).filter({ visible: true });
    await retry.first().waitFor();
    expect(await notWhollySeen(retry.first(), '"Retry card charge" in the menu')).toBeNull();
    await screenshots.take(page, "phone-stage-actions-open");
    await retry.first().click();
    await confirmIfAsked(/^(Retry|Charge)/i);
    const said = page.getByText(/saved card is charged again/i).filter({ visible: true });
    await expectOnPage(
      "a message that the card is charged again",
      async () => ((await said.count()) > 0 ? await said.first().innerText() : null),
      (text) => text !== null,
      contract,
    );
    // The worker charges the card again and the emulator's saved card declines it: the page shows the second decline
    // by itself, reloading while the charge is under way.
    const declines = new RegExp(`declined ${declined!.attempts + 1} times`);
    await expectOnPage(
      `stage ${declined!.position} after the retried charge`,
      () => stageRow(declined!.position).innerText(),
      (text) => text !== null && declines.test(text),
      contract,
      45_000,
    );
    await stillTheSameDocument();
    await screenshots.take(page, "phone-charge-retried");
  });

  it("marking a milestone moves its stage on from Scheduled", { timeout: 60_000 }, async () => {
    const contract = seed.contracts.awaitingMilestone;
    const { stillTheSameDocument } = await openContract(contract);
    await expect(stageStatus(2)).resolves.toBe("scheduled");
    const mark = await pageAction(/^Mark (the )?milestone/i);
    expect(mark, 'a "Mark milestone…" action, on the page or in its "More actions"').not.toBeNull();
    await mark!.click();
    await confirmIfAsked(/^Mark/i);
    await expectOnPage(
      "stage 2's status after marking the milestone",
      () => stageStatus(2),
      (status) => status !== null && status !== "scheduled",
      contract,
    );
    await stillTheSameDocument();
    await screenshots.take(page, "action-milestone-marked");
  });

  it("resending an overdue stage's link says it was sent", { timeout: 60_000 }, async () => {
    const contract = seed.contracts.overdue;
    const { stillTheSameDocument } = await openContract(contract);
    await expect(stageStatus(2)).resolves.toBe("overdue");
    const resend = await stageAction(2, /^Resend (payment )?link/i);
    expect(resend, 'a "Resend link" action for stage 2, in its row or its row\'s menu').not.toBeNull();
    await resend!.click();
    await confirmIfAsked(/^(Resend|Send)/i);
    const said = page.getByText(/(e-?mailed|sent)\b.*\bagain|\bre-?sent\b/i).filter({ visible: true });
    await expectOnPage(
      "a message that the link was sent",
      async () => ((await said.count()) > 0 ? await said.first().innerText() : null),
      (text) => text !== null,
      contract,
    );
    await stillTheSameDocument();
    await screenshots.take(page, "action-link-resent");
  });

  it("recording an offline payment on an overdue stage shows it paid, and its Record payment action goes", { timeout: 60_000 }, async () => {
    const contract = seed.contracts.overdue;
    const { stillTheSameDocument } = await openContract(contract);
    await expect(stageStatus(2)).resolves.toBe("overdue");
    const record = await stageAction(2, /^Record (offline )?payment/i);
    expect(record, 'a "Record payment" action for stage 2, in its row or its row\'s menu').not.toBeNull();
    await record!.click();
    await confirmIfAsked(/^Record/i);
    await expectOnPage(
      "stage 2's status after recording its payment",
      () => stageStatus(2),
      (status) => status === "paid",
      contract,
    );
    await stillTheSameDocument();
    await page.keyboard.press("Escape");
    const stillOffered = await stageAction(2, /^Record (offline )?payment/i);
    const enabled = stillOffered ? (await stillOffered.isEnabled()) && (await stillOffered.getAttribute("aria-disabled")) !== "true" : false;
    expect(enabled, "stage 2 is paid: its Record payment action is gone or disabled").toBe(false);
    await page.keyboard.press("Escape");
    await screenshots.take(page, "action-payment-recorded");
  });

  it("cancelling asks in a modal, not window.confirm, and the page then shows Cancelled", { timeout: 60_000 }, async () => {
    const contract = seed.contracts.awaitingDeposit;
    const browserDialogs: string[] = [];
    const onDialog = (dialog: Dialog) => {
      browserDialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    };
    page.on("dialog", onDialog);
    try {
      const { stillTheSameDocument } = await openContract(contract);
      const cancel = await pageAction(/^Cancel contract/);
      expect(cancel, 'a "Cancel contract" action, on the page or in its "More actions"').not.toBeNull();
      await cancel!.click();
      const modal = page.getByRole("dialog").filter({ visible: true });
      const opened = await modal
        .first()
        .waitFor({ timeout: 5_000 })
        .then(() => true)
        .catch(() => false);
      await screenshots.take(page, "action-cancel-modal");
      expect(browserDialogs, "the browser's own dialogs (window.confirm) the page opened").toEqual([]);
      expect(opened, 'a role="dialog" modal opens from "Cancel contract"').toBe(true);
      await modal
        .first()
        .getByRole("button", { name: /^Cancel contract$/ })
        .click();
      const badge = page.getByText("Cancelled", { exact: true }).filter({ visible: true });
      await expectOnPage(
        "the contract's status after cancelling",
        async () => ((await badge.count()) > 0 ? "Cancelled" : null),
        (shown) => shown !== null,
        contract,
      );
      await stillTheSameDocument();
      expect(browserDialogs).toEqual([]);
      await screenshots.take(page, "action-cancelled");
    } finally {
      page.off("dialog", onDialog);
    }
  });

  it("saving a schedule edit shows the contract with the stage's new due date", { timeout: 60_000 }, async () => {
    const contract = seed.contracts.overdue;
    await page.setViewportSize(VIEWPORTS[0]);
    await page.goto(`${stack.appUrl}/app/contracts/${contract}/schedule`, { waitUntil: "load" });
    await hydrated(page);
    const stillTheSameDocument = await markDocument();
    const dated = page.locator("[data-schedule-row]").filter({ has: page.getByLabel("Due date", { exact: true }) });
    const row = dated.last();
    await row.waitFor();
    const position = Number((await row.getByRole("heading").first().innerText()).replace(/\D+/g, ""));
    const dueField = row.getByLabel("Due date", { exact: true });
    const before = await dueField.inputValue();
    const after = new Date(Date.parse(`${before}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
    await dueField.fill(after);
    await page.getByLabel("Reason", { exact: true }).fill("The buyer asked for a week more");
    await page.getByRole("button", { name: "Save schedule" }).filter({ visible: true }).first().click();
    await page.waitForURL(new RegExp(`/app/contracts/${contract}(\\?|$)`));
    const profile = await stack.db.shopProfile.findUnique({ where: { shop: stack.shop } });
    const shown = new Intl.DateTimeFormat(profile?.locale ?? "en-US", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${after}T00:00:00Z`));
    await expectOnPage(
      `stage ${position}'s due date after the schedule edit (${after}, shown as ${shown})`,
      () => stageRow(position).innerText(),
      (text) => text !== null && text.includes(shown),
      contract,
    );
    await stillTheSameDocument();
    await screenshots.take(page, "action-schedule-saved");
  });
});

describe("unsaved working days on Settings", () => {
  it("shows the save bar after a change, warns before leaving with it unsaved, and saves from the bar", { timeout: 60_000 }, async () => {
    await page.setViewportSize(VIEWPORTS[0]);
    await page.goto(`${stack.appUrl}/app/settings`, { waitUntil: "load" });
    await hydrated(page);
    const bar = page.getByRole("region", { name: "Unsaved working days" });
    const holidays = page.getByLabel("Holidays", { exact: true });
    const saved = await holidays.inputValue();
    const changed = [saved, "2031-12-24"].filter(Boolean).join("\n");
    expect(await bar.count(), "the save bar before any change").toBe(0);

    await holidays.fill(changed);
    await bar.waitFor();
    await expect(bar.getByRole("button", { name: "Save" }).isVisible()).resolves.toBe(true);
    await screenshots.take(page, "settings-working-days-unsaved");

    // Leaving through the app's navigation is held in a modal; staying keeps the edit.
    await page.getByRole("link", { name: "Plans", exact: true }).first().click();
    const warning = page.getByRole("dialog", { name: "Leave page with unsaved changes?" });
    await warning.waitFor();
    await screenshots.take(page, "settings-leave-warning");
    await warning.getByRole("button", { name: "Stay" }).click();
    await warning.waitFor({ state: "hidden" });
    expect(new URL(page.url()).pathname).toBe("/app/settings");
    await expect(holidays.inputValue()).resolves.toBe(changed);

    // Discard puts back what is stored, and the bar goes.
    await bar.getByRole("button", { name: "Discard" }).click();
    await bar.waitFor({ state: "detached" });
    await expect(holidays.inputValue()).resolves.toBe(saved);

    // Saved from the bar: stored, the bar gone, and leaving no longer held.
    await holidays.fill(changed);
    await bar.getByRole("button", { name: "Save" }).click();
    await bar.waitFor({ state: "detached", timeout: FRESH_DATA_WAIT_MS });
    const settings = await stack.db.shopSettings.findUnique({ where: { shop: stack.shop }, select: { holidays: true } });
    expect(JSON.parse(settings?.holidays ?? "[]")).toContain("2031-12-24");
    await expect(holidays.inputValue()).resolves.toContain("2031-12-24");
    await page.getByRole("link", { name: "Plans", exact: true }).first().click();
    await page.waitForURL(/\/app\/plans(\?|$)/);
    expect(await page.getByRole("dialog", { name: "Leave page with unsaved changes?" }).count()).toBe(0);
  });
});
