import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

/**
 * Headless Chromium for the end-to-end tests (Debian's package, driven by playwright-core), and what the tests
 * take from each page: a full-page screenshot, an axe-core accessibility report, and LCP and CLS.
 */

export const CHROMIUM = process.env.TRANCHE_CHROMIUM ?? "/usr/bin/chromium";
export const SCREENSHOT_DIR = path.resolve("tests", "e2e", "screenshots");
const AXE_SCRIPT = path.resolve("node_modules", "axe-core", "axe.min.js");

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface Browser {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Requests to anything but this machine, which the browser was not let make (the tests run offline). */
  readonly blockedRequests: string[];
  close(): Promise<void>;
}

/** Fails, never skips, when Chromium is missing: the end-to-end tests are part of `npm test`. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: the end-to-end tests need it. Install it with \`apt-get install -y chromium\` (.ci/run does), or point TRANCHE_CHROMIUM at a Chromium binary.`,
    );
  }
  const profile = mkdtempSync(path.join(tmpdir(), "tranche-e2e-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
  });
  const blockedRequests: string[] = [];
  await context.route(
    (url) => !["localhost", "127.0.0.1"].includes(url.hostname),
    (route) => {
      blockedRequests.push(route.request().url());
      return route.abort("blockedbyclient");
    },
  );
  await context.addInitScript(VITALS_OBSERVER);
  context.setDefaultTimeout(20_000);
  context.setDefaultNavigationTimeout(30_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    blockedRequests,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export function freshScreenshotDir(): void {
  rmSync(SCREENSHOT_DIR, { recursive: true, force: true });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
}

let shots = 0;
/** A full-page screenshot, numbered in the order the run took them; returns its file name. */
export async function screenshot(page: Page, name: string): Promise<string> {
  shots += 1;
  const file = `${String(shots).padStart(2, "0")}-${name}.png`;
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, file), fullPage: true });
  return file;
}

// ---------------------------------------------------------------------------------------------------------
// Core Web Vitals: observers installed before any page script runs, read after the load settles.

const VITALS_OBSERVER = `(() => {
  const vitals = { lcp: null, cls: 0 };
  Object.defineProperty(window, "__trancheVitals", { value: vitals });
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) vitals.lcp = entry.renderTime || entry.loadTime || entry.startTime;
    }).observe({ type: "largest-contentful-paint", buffered: true });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) vitals.cls += entry.value;
    }).observe({ type: "layout-shift", buffered: true });
  } catch (error) {
    vitals.error = String(error);
  }
})();`;

export interface Vitals {
  readonly page: string;
  /** Milliseconds from navigation start; null when the browser reported no LCP entry. */
  readonly lcpMs: number | null;
  readonly cls: number;
}

/** LCP and CLS of the document loaded last (a full load, not a client-side navigation). */
export async function readVitals(page: Page, name: string, settleMs = 750): Promise<Vitals> {
  await page.waitForLoadState("load");
  await page.waitForTimeout(settleMs);
  const vitals = await page.evaluate(() => {
    const read = (window as unknown as { __trancheVitals?: { lcp: number | null; cls: number; error?: string } }).__trancheVitals;
    return read ? { lcp: read.lcp, cls: read.cls, error: read.error ?? null } : { lcp: null, cls: Number.NaN, error: "the observer script did not run" };
  });
  if (vitals.error) throw new Error(`could not measure ${name}: ${vitals.error}`);
  return { page: name, lcpMs: vitals.lcp === null ? null : Math.round(vitals.lcp), cls: vitals.cls };
}

export function vitalsTable(rows: readonly Vitals[]): string {
  const width = Math.max(4, ...rows.map((row) => row.page.length));
  const header = `${"page".padEnd(width)}  ${"LCP ms".padStart(7)}  ${"CLS".padStart(6)}`;
  const lines = rows.map(
    (row) => `${row.page.padEnd(width)}  ${(row.lcpMs === null ? "—" : String(row.lcpMs)).padStart(7)}  ${row.cls.toFixed(3).padStart(6)}`,
  );
  return [header, ...lines].join("\n");
}

// ---------------------------------------------------------------------------------------------------------
// Accessibility: axe-core run in the page.

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly string[];
}

export interface AxeReport {
  readonly page: string;
  readonly violations: readonly AxeViolation[];
}

export async function runAxe(page: Page, name: string): Promise<AxeReport> {
  await page.addScriptTag({ path: AXE_SCRIPT });
  const violations = await page.evaluate(async () => {
    type AxeResult = {
      violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[]; html: string }[] }[];
    };
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResult> } }).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      nodes: violation.nodes.map((node) => `${node.target.map(String).join(" ")}  ${node.html.replace(/ class="[^"]*"/g, "").slice(0, 200)}`),
    }));
  });
  return { page: name, violations };
}

const BLOCKING = new Set(["serious", "critical"]);

export function blockingViolations(report: AxeReport): AxeViolation[] {
  return report.violations.filter((violation) => violation.impact !== null && BLOCKING.has(violation.impact));
}

export function describeAxe(reports: readonly AxeReport[]): string {
  return reports
    .map((report) => {
      if (report.violations.length === 0) return `${report.page}: no violations`;
      const items = report.violations.map(
        (violation) =>
          `  [${violation.impact ?? "?"}] ${violation.id}: ${violation.help} (${violation.nodes.length} node${violation.nodes.length === 1 ? "" : "s"})\n${violation.nodes
            .slice(0, 3)
            .map((node) => `      ${node}`)
            .join("\n")}`,
      );
      return `${report.page}:\n${items.join("\n")}`;
    })
    .join("\n");
}
