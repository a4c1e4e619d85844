import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { clippedControls, clippedText, describeClippedControls, describeClippedText, launchBrowser, type Browser } from "./browser";

/**
 * `clippedControls` on small static pages in headless Chromium at 1280 × 900: what it must find (a button past the
 * viewport's edge, a label cut by an ellipsis, a button cut by an overflow:hidden box, a control scrolled out of a
 * wide table) and what it must leave alone (a button that fits, Polaris' visually hidden radio seen as its label); and
 * `clippedText` on table headers and cells the same way.
 */

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = browser.page;
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

function show(html: string): Promise<void> {
  return page.setContent(`<!doctype html><html><body style="margin: 0; font: 16px sans-serif">${html}</body></html>`);
}

async function clippedNames(html: string, options: Parameters<typeof clippedControls>[1] = {}): Promise<string[]> {
  await show(html);
  return (await clippedControls(page, options)).map((control) => control.name);
}

describe("clippedControls", () => {
  it("finds the button past the viewport's right edge, the ellipsized one and the one an overflow:hidden box cuts; not the one that fits", async () => {
    await show(`
      <button style="width: 120px">Fits</button>
      <button style="position: absolute; left: 1220px; top: 0; width: 120px">Past the edge</button>
      <button style="display: block; width: 90px; padding: 0">
        <span style="display: block; overflow: hidden; white-space: nowrap; text-overflow: ellipsis">Payment page of stage 2</span>
      </button>
      <div style="width: 100px; overflow: hidden"><button style="width: 200px; white-space: nowrap">Cut by its box</button></div>
    `);
    const clipped = await clippedControls(page);
    expect(clipped.map((control) => control.name).sort()).toEqual(["Cut by its box", "Past the edge", "Payment page of stage 2"]);

    const byName = (name: string) => clipped.find((control) => control.name === name)!;
    expect(byName("Past the edge")).toMatchObject({ tag: "button", viewportWidth: 1280, rect: { x: 1220, width: 120 } });
    expect(byName("Past the edge").problem).toBe("ends 60 px past the viewport's right edge");
    expect(byName("Payment page of stage 2").problem).toMatch(
      /^its label is ellipsized: "Payment page of stage 2" shows in \d+ px of the \d+ px it needs \(span\)$/,
    );
    expect(byName("Cut by its box").problem).toMatch(/^cut by div, which clips \(overflow hidden hidden\) to x 0–100, y \d+–\d+$/);

    const report = describeClippedControls(clipped);
    expect(report).toContain('button "Past the edge" at x 1220, y 0, 120×');
    expect(report).toContain("(viewport 1280 px wide)");
  });

  it("counts a control scrolled out of a sideways-scrolling table, unless the table is meant to scroll", async () => {
    const table = `<div class="table-scroll" style="width: 300px; overflow-x: auto">
      <table style="width: 900px"><tr><td>Stage 1</td><td style="width: 700px"></td><td><a href="#pay">Payment page</a></td></tr></table>
    </div>`;
    const clipped = await clippedNames(table);
    expect(clipped).toEqual(["Payment page"]);
    expect((await clippedControls(page))[0]!.problem).toMatch(/^wholly hidden by div\.table-scroll, which scrolls sideways \(overflow-x auto\)/);
    await expect(clippedNames(table, { meantToScroll: [".table-scroll"] })).resolves.toEqual([]);
  });

  it("sees a visually hidden radio as its label, and a transparent select as the picture under it", async () => {
    const radio = `<label for="r" style="display: inline-block">Refund everything paid</label>
      <input id="r" type="radio" name="settlement" style="position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%)">`;
    await expect(clippedNames(radio)).resolves.toEqual([]);

    // Polaris' Select: a native select with opacity 0 over a picture of the chosen option, ellipsized when too narrow.
    const select = `<div style="position: relative; width: 80px">
      <select aria-label="How stage 2 was paid" style="position: absolute; inset: 0; width: 100%; opacity: 0"><option>Bank Deposit by wire</option></select>
      <div aria-hidden="true"><span style="display: block; overflow: hidden; white-space: nowrap; text-overflow: ellipsis">Bank Deposit by wire</span></div>
    </div>`;
    await expect(clippedNames(select)).resolves.toEqual(["How stage 2 was paid"]);
  });

  it("judges an absolutely positioned popover against its containing block, not a clipping box it escapes", async () => {
    const popover = `<div style="position: relative; width: 400px; height: 200px">
      <div style="width: 100px; height: 40px; overflow: hidden">
        <button style="position: absolute; left: 0; top: 60px; width: 300px">Record payment</button>
      </div>
    </div>`;
    await expect(clippedNames(popover)).resolves.toEqual([]);
  });
});

describe("clippedText", () => {
  it("finds a column a card cuts, an ellipsized header and a cell past the viewport's edge; not text that wraps, fits or scrolls into view", async () => {
    await show(`
      <div class="card" style="width: 360px; overflow: hidden">
        <table style="width: 600px; border-collapse: collapse">
          <thead><tr><th style="width: 200px">Stage</th><th style="width: 200px">Due</th><th style="width: 200px">Tax in it</th></tr></thead>
          <tbody><tr><td>Deposit</td><td>Dec 3, 2026</td><td>€19.17</td></tr></tbody>
        </table>
      </div>
      <table style="width: 300px; table-layout: fixed">
        <tr>
          <th style="width: 80px"><span style="display: block; overflow: hidden; white-space: nowrap; text-overflow: ellipsis">Payment page of stage 2</span></th>
          <td>A long note that wraps onto a second line inside its cell, as text should</td>
        </tr>
      </table>
      <div class="table-scroll" style="width: 300px; overflow-x: auto">
        <table style="width: 900px"><tr><td style="width: 800px">Balance</td><td>Scrolled into view</td></tr></table>
      </div>
      <table style="position: absolute; left: 1200px; top: 0"><tr><td style="white-space: nowrap">Past the edge of the page</td></tr></table>
    `);
    const clipped = await clippedText(page);
    expect(clipped.map((cell) => cell.text).sort()).toEqual(["Past the edge of the page", "Payment page of stage 2", "Tax in it", "€19.17"]);

    const byText = (text: string) => clipped.find((cell) => cell.text === text)!;
    expect(byText("Tax in it")).toMatchObject({ tag: "th", viewportWidth: 1280 });
    expect(byText("Tax in it").problem).toMatch(/^cut by div\.card, which clips \(overflow hidden hidden\) to x 0–360, y \d+–\d+$/);
    expect(byText("Payment page of stage 2").problem).toMatch(/^ellipsized by span, which clips \(overflow hidden hidden\) to x \d+–\d+, y \d+–\d+$/);
    expect(byText("Past the edge of the page").problem).toMatch(/^ends \d+ px past the viewport's right edge$/);

    const report = describeClippedText(clipped);
    expect(report).toContain('th "Tax in it" at x ');
    expect(report).toContain("(viewport 1280 px wide)");
  });

  it("judges a cell's text, not its box, and leaves a hidden or visually hidden cell alone", async () => {
    // A stacked table's header kept for screen readers (a pixel's box that clips), a checkbox's hidden label.
    const forScreenReaders = "position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap";
    await show(`
      <table style="width: 300px">
        <thead style="${forScreenReaders}"><tr><th>Stage</th><th>Amount</th><th>Tax in it</th></tr></thead>
        <tbody><tr><td>Deposit <span style="${forScreenReaders}">Select stage 1</span></td><td>€100.00</td><td>€19.17</td></tr></tbody>
      </table>
      <div style="width: 200px; overflow: hidden">
        <table style="width: 500px"><tr><td style="width: 100px">Paid</td><td style="width: 400px"></td></tr></table>
      </div>
      <table><tr>
        <td style="display: none">Hidden on a phone, with a very long text that would not fit anywhere at all</td>
        <td><span style="position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap">Actions for stage 2</span></td>
      </tr></table>
    `);
    await expect(clippedText(page)).resolves.toEqual([]);
  });

  it("finds the second line a clamp cuts from a cell", async () => {
    await show(`
      <table style="width: 240px; table-layout: fixed"><tr>
        <td><div style="display: -webkit-box; -webkit-line-clamp: 1; -webkit-box-orient: vertical; overflow: hidden">Invoice INV-2026-0042 for the balance of the kitchen order</div></td>
      </tr></table>
    `);
    const clipped = await clippedText(page);
    expect(clipped.map((cell) => cell.text)).toHaveLength(1);
    expect(clipped[0]!.problem).toMatch(/^cut by div, which clips \(overflow hidden hidden\)/);
  });
});
