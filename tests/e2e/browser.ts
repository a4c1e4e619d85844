import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

/**
 * Headless Chromium for the end-to-end tests (Debian's package, driven by playwright-core), and what the tests
 * take from each page: a full-page screenshot, an axe-core accessibility report, LCP and CLS, and the controls that
 * are not wholly visible.
 */

export const CHROMIUM = process.env.TRANCHE_CHROMIUM ?? "/usr/bin/chromium";
const SCREENSHOT_ROOT = path.resolve("tests", "e2e", "screenshots");
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

export interface ScreenshotFolder {
  readonly dir: string;
  /** A full-page screenshot, numbered in the order the run took them; returns its file name. */
  take(page: Page, name: string): Promise<string>;
}

/** A suite's own folder under tests/e2e/screenshots/, emptied first: suites that run at once keep each other's shots. */
export function screenshotFolder(suite: string): ScreenshotFolder {
  const dir = path.join(SCREENSHOT_ROOT, suite);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let shots = 0;
  return {
    dir,
    take: async (page, name) => {
      shots += 1;
      const file = `${String(shots).padStart(2, "0")}-${name}.png`;
      await page.screenshot({ path: path.join(dir, file), fullPage: true });
      return file;
    },
  };
}

/**
 * Waits until React has hydrated the page (it marks each element it owns): a click before that does nothing, and
 * Polaris lays some things out again once it runs (a page's actions rolled into "More actions").
 */
export async function hydrated(on: Page): Promise<void> {
  await on.waitForFunction(() =>
    [...document.querySelectorAll("a, button, input, select")].some((element) => Object.keys(element).some((key) => key.startsWith("__reactProps"))),
  );
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

// ---------------------------------------------------------------------------------------------------------
// Clipped controls: a control staff cannot fully see is one they cannot act on without doubt.

/** Every kind of element staff act on (hidden inputs have no box and are never visible). */
const CONTROL_SELECTOR =
  'button, a[href], input:not([type="hidden"]), select, textarea, [role="button"], [role="link"], [role="checkbox"], [role="radio"], summary';

export interface ClippedControl {
  /** The accessible name, as near as the page gives it (aria-label, labelledby, label, text, title). */
  readonly name: string;
  /** `button`, `a`, `input[type=radio]`, `div[role=button]`. */
  readonly tag: string;
  /** The box judged, in page coordinates (its label's for a visually hidden input), rounded to the pixel. */
  readonly rect: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
  readonly viewportWidth: number;
  /** What cuts it, in words: the viewport's edge, a clipping or scrolling ancestor (named), or an ellipsis on its label. */
  readonly problem: string;
}

export interface ClippedControlOptions {
  /**
   * CSS selectors of scroll containers whose horizontal scrolling is by design: a control scrolled out of view in one
   * of them is not clipped. None by default: at 1280 px nothing may be clipped and at 390 px nothing hidden.
   */
  readonly meantToScroll?: readonly string[];
}

/**
 * Every visible control whose box is not wholly inside the viewport horizontally, or is cut by an ancestor that clips
 * (overflow hidden or clip on either axis, paint containment) or scrolls sideways (overflow-x auto or scroll: a control
 * scrolled out of a wide table's view counts, unless the table is `meantToScroll`), or whose label is cut short by an
 * ellipsis (scrollWidth above clientWidth on the control or an element inside it: "Payment pag…"). A vertically
 * scrolling box is not judged on its height: it scrolls like the page does. Ancestors are the control's containing
 * blocks, so an absolutely positioned popover is judged against what really clips it.
 */
export async function clippedControls(page: Page, options: ClippedControlOptions = {}): Promise<ClippedControl[]> {
  return (await page.evaluate(findClipped, { selector: CONTROL_SELECTOR, cellSelector: CELL_SELECTOR, meantToScroll: [...(options.meantToScroll ?? [])] }))
    .controls;
}

/** Table headers and cells, as tables and grids mark them. */
const CELL_SELECTOR = 'th, td, [role="columnheader"], [role="rowheader"], [role="cell"], [role="gridcell"]';

export interface ClippedText {
  /** The cell's text as staff would read it whole. */
  readonly text: string;
  /** `th`, `td`, `div[role=cell]`. */
  readonly tag: string;
  /** The cell's text, in page coordinates, rounded to the pixel. */
  readonly rect: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
  readonly viewportWidth: number;
  /** What cuts it, in words: the viewport's edge, or a clipping element (named), with an ellipsis or without. */
  readonly problem: string;
}

/**
 * The text of every visible table header and cell that is cut off where no scrolling brings it into view: by the
 * viewport's edge, or by an element that clips (overflow hidden or clip, paint containment, an ellipsis), the cell's
 * own or an ancestor's ("Tax in…", a column cut by a card). Text inside a sideways-scrolling box is not judged past
 * that box: staff scroll it into view. Only the text is judged, not the cell's box: a wide empty cell is no loss.
 */
export async function clippedText(page: Page): Promise<ClippedText[]> {
  return (await page.evaluate(findClipped, { selector: CONTROL_SELECTOR, cellSelector: CELL_SELECTOR, meantToScroll: [] })).texts;
}

export function describeClippedText(texts: readonly ClippedText[]): string {
  return texts
    .map(
      (text) =>
        `  ${text.tag} "${text.text}" at x ${text.rect.x}, y ${text.rect.y}, ${text.rect.width}×${text.rect.height} (viewport ${text.viewportWidth} px wide): ${text.problem}`,
    )
    .join("\n");
}

export function describeClippedControls(controls: readonly ClippedControl[]): string {
  return controls
    .map(
      (control) =>
        `  ${control.tag} "${control.name}" at x ${control.rect.x}, y ${control.rect.y}, ${control.rect.width}×${control.rect.height} (viewport ${control.viewportWidth} px wide): ${control.problem}`,
    )
    .join("\n");
}

/**
 * Runs in the page (serialised by Playwright): it may use nothing from this module. Helpers are arrow functions
 * in its body for the same reason.
 */
function findClipped({ selector, cellSelector, meantToScroll }: { selector: string; cellSelector: string; meantToScroll: string[] }): {
  controls: ClippedControl[];
  texts: ClippedText[];
} {
  /** Sub-pixel layout rounds either way: a pixel is not a cut. */
  const TOLERANCE = 1;
  /** A line's glyphs may reach a little past a box of a tight line height without being cut. */
  const TEXT_TOLERANCE_Y = 4;
  const viewportWidth = document.documentElement.clientWidth;
  const clipping = new Set(["hidden", "clip"]);
  const scrolling = new Set(["auto", "scroll"]);

  const describeElement = (element: Element): string => {
    const role = element.getAttribute("role");
    const type = element.tagName === "INPUT" ? element.getAttribute("type") : null;
    const classes = [...element.classList]
      .slice(0, 2)
      .map((name) => `.${name}`)
      .join("");
    return `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""}${classes}${role ? `[role=${role}]` : ""}${type ? `[type=${type}]` : ""}`;
  };
  const textOf = (element: Element | null): string =>
    element ? ((element as HTMLElement).innerText ?? element.textContent ?? "").replace(/\s+/g, " ").trim() : "";
  const nameOf = (element: Element): string => {
    const label = element.getAttribute("aria-label");
    if (label) return label;
    const labelledBy = element.getAttribute("aria-labelledby");
    if (labelledBy) {
      const text = labelledBy
        .split(/\s+/)
        .map((id) => textOf(document.getElementById(id)))
        .join(" ")
        .trim();
      if (text) return text;
    }
    const labels = (element as HTMLInputElement).labels;
    if (labels && labels.length > 0) return [...labels].map((candidate) => textOf(candidate)).join(" ");
    return textOf(element) || element.getAttribute("title") || element.getAttribute("placeholder") || (element as HTMLInputElement).value || "(no name)";
  };
  const visuallyHidden = (element: Element, rect: DOMRect): boolean =>
    rect.width <= 1 || rect.height <= 1 || getComputedStyle(element).clipPath === "inset(50%)";
  const isVisible = (element: Element): boolean =>
    element.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true }) && element.closest("[inert]") === null;
  /** The box staff see: a visually hidden input (Polaris' radio buttons and checkboxes) is seen as its label. */
  const seenAs = (control: Element): Element | null => {
    if (!visuallyHidden(control, control.getBoundingClientRect())) return control;
    const label = [...((control as HTMLInputElement).labels ?? [])].find((candidate) => isVisible(candidate));
    return label && !visuallyHidden(label, label.getBoundingClientRect()) ? label : null;
  };
  /** Clipping and scrolling ancestors that can cut the element: its containing blocks up to the body. */
  const clippers = (element: Element): Element[] => {
    const found: Element[] = [];
    let position = getComputedStyle(element).position;
    for (let node = element.parentElement; node && node !== document.body && node !== document.documentElement; node = node.parentElement) {
      const style = getComputedStyle(node);
      const transformed =
        style.transform !== "none" || style.filter !== "none" || style.perspective !== "none" || /paint|layout|strict|content/.test(style.contain);
      const containsIt = position === "fixed" ? transformed : position === "absolute" ? style.position !== "static" || transformed : true;
      if (!containsIt) continue;
      position = style.position;
      if (clipping.has(style.overflowX) || clipping.has(style.overflowY) || scrolling.has(style.overflowX) || /paint|strict|content/.test(style.contain))
        found.push(node);
    }
    return found;
  };
  const cutBy = (box: DOMRect, ancestor: Element): string | null => {
    const style = getComputedStyle(ancestor);
    const outer = ancestor.getBoundingClientRect();
    const left = outer.left + ancestor.clientLeft;
    const right = left + ancestor.clientWidth;
    const top = outer.top + ancestor.clientTop;
    const bottom = top + ancestor.clientHeight;
    const paintContained = /paint|strict|content/.test(style.contain);
    const clipsX =
      paintContained || clipping.has(style.overflowX) || (scrolling.has(style.overflowX) && !meantToScroll.some((scroller) => ancestor.matches(scroller)));
    const clipsY = paintContained || clipping.has(style.overflowY);
    const outX = clipsX && (box.left < left - TOLERANCE || box.right > right + TOLERANCE);
    const outY = clipsY && (box.top < top - TOLERANCE || box.bottom > bottom + TOLERANCE);
    if (!outX && !outY) return null;
    const how =
      scrolling.has(style.overflowX) && outX ? `scrolls sideways (overflow-x ${style.overflowX})` : `clips (overflow ${style.overflowX} ${style.overflowY})`;
    const wholly = box.right <= left || box.left >= right || box.bottom <= top || box.top >= bottom;
    return `${wholly ? "wholly hidden" : "cut"} by ${describeElement(ancestor)}, which ${how} to x ${Math.round(left)}–${Math.round(right)}, y ${Math.round(top + scrollY)}–${Math.round(bottom + scrollY)}`;
  };
  /** An element inside the control (or the control) whose text runs past its box: an ellipsis or a hard cut. */
  const cutLabel = (control: Element): string | null => {
    // A transparent native select laid over its own picture (Polaris' Select) shows its value in its siblings.
    const overlay = control.tagName === "SELECT" && getComputedStyle(control).opacity === "0";
    const root = overlay ? control.parentElement : control;
    if (!root) return null;
    const candidates = [root, ...root.querySelectorAll("*")].filter(
      (element): element is HTMLElement => element instanceof HTMLElement && !["INPUT", "TEXTAREA", "SELECT"].includes(element.tagName),
    );
    for (const element of candidates) {
      const style = getComputedStyle(element);
      if (style.display === "inline" || style.display === "contents" || style.overflowX === "visible") continue;
      if (visuallyHidden(element, element.getBoundingClientRect()) || !isVisible(element)) continue;
      if (element.scrollWidth > element.clientWidth + TOLERANCE) {
        const ellipsis = style.textOverflow === "ellipsis" ? "ellipsized" : "cut";
        return `its label is ${ellipsis}: "${textOf(element)}" shows in ${element.clientWidth} px of the ${element.scrollWidth} px it needs (${describeElement(element)})`;
      }
    }
    return null;
  };

  const found: ClippedControl[] = [];
  for (const control of document.querySelectorAll(selector)) {
    if (!isVisible(control)) continue;
    const seen = seenAs(control);
    if (!seen) continue;
    const box = seen.getBoundingClientRect();
    const pageLeft = box.left + scrollX;
    const problems: string[] = [];
    if (pageLeft < -TOLERANCE) problems.push(`starts ${Math.round(-pageLeft)} px left of the viewport`);
    if (pageLeft + box.width > viewportWidth + TOLERANCE)
      problems.push(`ends ${Math.round(pageLeft + box.width - viewportWidth)} px past the viewport's right edge`);
    const cut = clippers(seen)
      .map((ancestor) => cutBy(box, ancestor))
      .find((problem) => problem !== null);
    if (cut) problems.push(cut);
    const label = cutLabel(control);
    if (label) problems.push(label);
    if (problems.length === 0) continue;
    const type = control.tagName === "INPUT" ? control.getAttribute("type") : null;
    const role = control.getAttribute("role");
    found.push({
      name: nameOf(control).slice(0, 120),
      tag: `${control.tagName.toLowerCase()}${type ? `[type=${type}]` : ""}${role ? `[role=${role}]` : ""}`,
      rect: { x: Math.round(pageLeft), y: Math.round(box.top + scrollY), width: Math.round(box.width), height: Math.round(box.height) },
      viewportWidth,
      problem: problems.join("; "),
    });
  }
  return { controls: found, texts: clippedCellTexts() };

  /** Each visible cell's text cut where scrolling cannot bring it into view (see `clippedText`). */
  function clippedCellTexts(): ClippedText[] {
    const clipsText = (element: Element): boolean => {
      const style = getComputedStyle(element);
      return clipping.has(style.overflowX) || clipping.has(style.overflowY) || /paint|strict|content/.test(style.contain);
    };
    const scrollsSideways = (element: Element): boolean => scrolling.has(getComputedStyle(element).overflowX);
    /** The boxes that can cut text in `parent`: itself and its containing blocks, up to the first that scrolls sideways. */
    const textClippers = (parent: Element): { readonly clippers: Element[]; readonly inScroller: boolean } => {
      const cutters: Element[] = [];
      for (const candidate of [parent, ...clippers(parent)]) {
        if (scrollsSideways(candidate)) return { clippers: cutters, inScroller: true };
        if (clipsText(candidate)) cutters.push(candidate);
      }
      return { clippers: cutters, inScroller: false };
    };
    const textCut = (box: DOMRect, ancestor: Element): string | null => {
      const style = getComputedStyle(ancestor);
      const outer = ancestor.getBoundingClientRect();
      const left = outer.left + ancestor.clientLeft;
      const right = left + ancestor.clientWidth;
      const top = outer.top + ancestor.clientTop;
      const bottom = top + ancestor.clientHeight;
      const paintContained = /paint|strict|content/.test(style.contain);
      const outX = (paintContained || clipping.has(style.overflowX)) && (box.left < left - TOLERANCE || box.right > right + TOLERANCE);
      const outY = (paintContained || clipping.has(style.overflowY)) && (box.top < top - TEXT_TOLERANCE_Y || box.bottom > bottom + TEXT_TOLERANCE_Y);
      if (!outX && !outY) return null;
      const how = style.textOverflow === "ellipsis" && outX ? "ellipsized" : "cut";
      return `${how} by ${describeElement(ancestor)}, which clips (overflow ${style.overflowX} ${style.overflowY}) to x ${Math.round(left + scrollX)}–${Math.round(right + scrollX)}, y ${Math.round(top + scrollY)}–${Math.round(bottom + scrollY)}`;
    };

    const texts: ClippedText[] = [];
    for (const cell of document.querySelectorAll(cellSelector)) {
      if (!isVisible(cell)) continue;
      const problems = new Set<string>();
      let union: { left: number; top: number; right: number; bottom: number } | null = null;
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || !node.textContent?.trim() || !isVisible(parent) || visuallyHidden(parent, parent.getBoundingClientRect())) continue;
        // A cell nested in this one (a table in a cell) is judged on its own.
        if (parent.closest(cellSelector) !== cell) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const box = range.getBoundingClientRect();
        if (box.width === 0 && box.height === 0) continue;
        union = union
          ? {
              left: Math.min(union.left, box.left),
              top: Math.min(union.top, box.top),
              right: Math.max(union.right, box.right),
              bottom: Math.max(union.bottom, box.bottom),
            }
          : { left: box.left, top: box.top, right: box.right, bottom: box.bottom };
        const { clippers: cutters, inScroller } = textClippers(parent);
        // A box of a pixel that clips is there to hide its text for the eye and keep it for screen readers (a
        // stacked table's header, a checkbox's label): hidden on purpose, not cut.
        if (cutters.some((cutter) => cutter.clientWidth <= TOLERANCE || cutter.clientHeight <= TOLERANCE)) continue;
        if (!inScroller) {
          if (box.left + scrollX < -TOLERANCE) problems.add(`starts ${Math.round(-(box.left + scrollX))} px left of the viewport`);
          if (box.right + scrollX > viewportWidth + TOLERANCE)
            problems.add(`ends ${Math.round(box.right + scrollX - viewportWidth)} px past the viewport's right edge`);
        }
        const cut = cutters.map((ancestor) => textCut(box, ancestor)).find((problem) => problem !== null);
        if (cut) problems.add(cut);
      }
      if (problems.size === 0 || !union) continue;
      const role = cell.getAttribute("role");
      texts.push({
        text: textOf(cell).slice(0, 120),
        tag: `${cell.tagName.toLowerCase()}${role ? `[role=${role}]` : ""}`,
        rect: {
          x: Math.round(union.left + scrollX),
          y: Math.round(union.top + scrollY),
          width: Math.round(union.right - union.left),
          height: Math.round(union.bottom - union.top),
        },
        viewportWidth,
        problem: [...problems].join("; "),
      });
    }
    return texts;
  }
}
