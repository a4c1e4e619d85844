import { readFileSync } from "node:fs";

import { parse } from "csv-parse/sync";
import { strFromU8, unzipSync } from "fflate";
import type { Download } from "playwright-core";
import { describe, expect, it } from "vitest";

import { Dec } from "../../app/domain/money/decimal";
import { GENERIC_JOURNAL_COLUMNS } from "../../app/services/accounting-export/generic-journal-csv.server";
import { QUICKBOOKS_INVOICE_COLUMNS, QUICKBOOKS_JOURNAL_COLUMNS } from "../../app/services/accounting-export/quickbooks.server";
import { XERO_INVOICE_COLUMNS, XERO_JOURNAL_COLUMNS } from "../../app/services/accounting-export/xero.server";
import { blockingViolations, describeAxe, hydrated, runAxe } from "./browser";
import { seededStackSuite } from "./seeded-stack";

/**
 * The reports in headless Chromium over the local stack, with contracts in every state staff meet
 * (tests/support/admin-contract-states.ts): staff open the list, then each report, see its chart drawn beside its
 * table, find no serious axe violation, and download its CSV, which parses with the report's own columns. Then the
 * accounting export: each format downloaded from the exports page's own buttons, read back, and its journal balanced.
 */

const REPORTS = [
  { path: "/app/reports/aging", heading: "Accounts receivable aging", csv: "aging", firstColumn: "Customer" },
  { path: "/app/reports/collections", heading: "Expected collections", csv: "collections", firstColumn: "Currency" },
  { path: "/app/reports/collected?from=2020-01-01&to=2029-12-31&period=month", heading: "Collected", csv: "collected", firstColumn: "Currency" },
  // The seeded deposits were invoiced before anything shipped: the roll-forward has a deferred balance to draw.
  { path: "/app/reports/deferred-revenue", heading: "Deferred and recognised revenue", csv: "deferred-revenue", firstColumn: "Currency" },
] as const;

const suite = seededStackSuite("reports", ({ seedContractStates }, stack) => seedContractStates(stack));

describe("staff read the reports", () => {
  it("lists every report with its headline figure", { timeout: 60_000 }, async () => {
    await suite.page.goto(`${suite.stack.appUrl}/app/reports`, { waitUntil: "load" });
    await hydrated(suite.page);
    for (const report of REPORTS) await expect(suite.page.getByRole("link", { name: report.heading }).count()).resolves.toBe(1);
    await expect(suite.page.getByText("Owed on invoiced stages").count()).resolves.toBe(1);
    const axe = await runAxe(suite.page, "reports");
    expect(blockingViolations(axe), describeAxe([axe])).toEqual([]);
  });

  for (const report of REPORTS) {
    it(`opens ${report.csv} with its chart and table, and downloads its CSV`, { timeout: 60_000 }, async () => {
      const response = await suite.page.goto(`${suite.stack.appUrl}${report.path}`, { waitUntil: "load" });
      expect(response?.status()).toBe(200);
      await hydrated(suite.page);
      await expect(suite.page.getByRole("heading", { name: report.heading, level: 1 }).count()).resolves.toBe(1);
      // Polaris Viz draws in the browser, from its own chunk, into the box the server kept for it.
      await suite.page.locator("[data-report-chart] svg").first().waitFor({ timeout: 15_000 });
      await expect(suite.page.locator("table").count()).resolves.toBeGreaterThan(0);
      const axe = await runAxe(suite.page, report.csv);
      expect(blockingViolations(axe), describeAxe([axe])).toEqual([]);
      await suite.screenshots.take(suite.page, report.csv);

      const [download] = await Promise.all([suite.page.waitForEvent("download"), suite.page.getByRole("button", { name: "Download CSV" }).click()]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^${report.csv}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
      const path = await download.path();
      const records = parse(readFileSync(path), { bom: true, columns: true, skip_empty_lines: true }) as Record<string, string>[];
      const header = parse(readFileSync(path), { bom: true, to_line: 1 }) as string[][];
      expect(header[0]![0]).toBe(report.firstColumn);
      expect(records.length).toBeGreaterThan(0);
    });
  }
});

// ---------------------------------------------------------------------------------------------------------
// The accounting export. Each format's header is its importer's, as the export modules declare them with their sources
// cited (app/services/accounting-export/quickbooks.server.ts and xero.server.ts); tests/fixtures/accounting-exports has
// samples the integration tests compare byte for byte.

const EXPORTS = [
  { button: "Download Journal (CSV)", file: "journal", header: GENERIC_JOURNAL_COLUMNS },
  { button: "Download QuickBooks Online: journal entries", file: "quickbooks-journal", header: QUICKBOOKS_JOURNAL_COLUMNS },
  { button: "Download QuickBooks Online: invoices", file: "quickbooks-invoices", header: QUICKBOOKS_INVOICE_COLUMNS },
  { button: "Download Xero: manual journals", file: "xero-journals", header: XERO_JOURNAL_COLUMNS },
  { button: "Download Xero: sales invoices", file: "xero-invoices", header: XERO_INVOICE_COLUMNS },
] as const;

type ExportName = (typeof EXPORTS)[number]["file"];
type CsvRow = Record<string, string>;

/** A downloaded export's rows: one CSV, or every CSV of a zip (Xero's files cut at its limits), each with its header. */
async function readExport(download: Download, header: readonly string[]): Promise<CsvRow[]> {
  const bytes = readFileSync(await download.path());
  const files = download.suggestedFilename().endsWith(".zip")
    ? Object.entries(unzipSync(new Uint8Array(bytes))).map(([name, content]) => ({ name, text: strFromU8(content) }))
    : [{ name: download.suggestedFilename(), text: bytes.toString("utf8") }];
  expect(files.length).toBeGreaterThan(0);
  return files.flatMap(({ name, text }) => {
    const [first, ...rows] = parse(text, { bom: true, skip_empty_lines: true }) as string[][];
    expect(first, `${name}'s header`).toEqual(header);
    return rows.map((row) => Object.fromEntries(header.map((column, index) => [column, row[index] ?? ""])));
  });
}

const amountOf = (text: string | undefined) => new Dec(text === undefined || text === "" ? "0" : text);

/** Debits and credits summed per group (an entry, a journal, a currency): each group must balance. */
function totalsBy(rows: readonly CsvRow[], group: (row: CsvRow) => string, debit: (row: CsvRow) => Dec, credit: (row: CsvRow) => Dec) {
  const totals = new Map<string, { debit: Dec; credit: Dec }>();
  for (const row of rows) {
    const total = totals.get(group(row)) ?? { debit: new Dec(0), credit: new Dec(0) };
    totals.set(group(row), { debit: total.debit.plus(debit(row)), credit: total.credit.plus(credit(row)) });
  }
  return [...totals].map(([key, total]) => ({ key, debit: total.debit.toFixed(2), credit: total.credit.toFixed(2) }));
}

const unbalanced = (totals: ReturnType<typeof totalsBy>) => totals.filter((total) => total.debit !== total.credit);
const sumOf = (totals: ReturnType<typeof totalsBy>, side: "debit" | "credit") => totals.reduce((sum, total) => sum.plus(total[side]), new Dec(0)).toFixed(2);

describe("staff download the accounting export in every format", () => {
  it("picks a range covering the seeded contracts and downloads each format: the importer's header, balanced journals", { timeout: 120_000 }, async () => {
    const response = await suite.page.goto(`${suite.stack.appUrl}/app/exports`, { waitUntil: "load" });
    expect(response?.status()).toBe(200);
    await hydrated(suite.page);
    await expect(suite.page.getByRole("heading", { name: "Accounting export", level: 1 }).count()).resolves.toBe(1);
    // The seed's contracts were made today and paid up to about two months on (the emulator's clock moved).
    const year = suite.stack.emulator.store.clock.now().getUTCFullYear();
    const range = { from: `${year - 1}-01-01`, to: `${year + 1}-12-31` };
    await suite.page.getByLabel("First date").fill(range.from);
    await suite.page.getByLabel("Last date").fill(range.to);
    const axe = await runAxe(suite.page, "exports");
    expect(blockingViolations(axe), describeAxe([axe])).toEqual([]);
    await suite.screenshots.take(suite.page, "exports");

    const files = new Map<ExportName, CsvRow[]>();
    for (const format of EXPORTS) {
      const [download] = await Promise.all([suite.page.waitForEvent("download"), suite.page.getByRole("button", { name: format.button }).click()]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^${format.file}-${range.from}-to-${range.to}\\.(csv|zip)$`));
      const rows = await readExport(download, format.header);
      expect(rows.length, `${format.file} has rows for the seeded contracts`).toBeGreaterThan(0);
      files.set(format.file, rows);
    }
    await expect(suite.page.getByText("The export could not be downloaded").count()).resolves.toBe(0);

    const journal = files.get("journal")!;
    const debit = (column: string) => (row: CsvRow) => amountOf(row[column]);
    const entries = totalsBy(journal, (row) => `${row["Currency"]} entry ${row["Entry no."]}`, debit("Debit"), debit("Credit"));
    expect(unbalanced(entries), "journal entries whose debits differ from their credits").toEqual([]);
    const byCurrency = totalsBy(journal, (row) => row["Currency"]!, debit("Debit"), debit("Credit"));
    expect(unbalanced(byCurrency)).toEqual([]);

    const quickBooks = totalsBy(files.get("quickbooks-journal")!, (row) => row["Journal No."]!, debit("Debits"), debit("Credits"));
    expect(unbalanced(quickBooks), "QuickBooks journal entries whose debits differ from their credits").toEqual([]);

    // Xero's Amount is a debit when positive, a credit when negative; the lines of one journal share its Narration.
    const xeroSide = (sign: 1 | -1) => (row: CsvRow) => Dec.max(0, amountOf(row["Amount"]).times(sign));
    const xero = totalsBy(files.get("xero-journals")!, (row) => `${row["Narration"]} ${row["Date"]}`, xeroSide(1), xeroSide(-1));
    expect(unbalanced(xero), "Xero manual journals whose debits differ from their credits").toEqual([]);

    // The three journals are one journal in three layouts (one currency in the seed): the same entries, the same total.
    expect(byCurrency.map((total) => total.key)).toHaveLength(1);
    expect(quickBooks).toHaveLength(entries.length);
    expect(xero).toHaveLength(entries.length);
    expect(sumOf(quickBooks, "debit")).toBe(sumOf(byCurrency, "debit"));
    expect(sumOf(xero, "debit")).toBe(sumOf(byCurrency, "debit"));

    // The two invoice files bill the same stages for the same amounts.
    const invoiceTotals = (rows: readonly CsvRow[], number: string, amount: (row: CsvRow) => Dec) =>
      totalsBy(
        rows,
        (row) => row[number]!,
        amount,
        () => new Dec(0),
      ).sort((a, b) => a.key.localeCompare(b.key));
    const quickBooksInvoices = invoiceTotals(files.get("quickbooks-invoices")!, "Invoice number", debit("Item Amount"));
    const xeroInvoices = invoiceTotals(files.get("xero-invoices")!, "*InvoiceNumber", (row) => amountOf(row["*UnitAmount"]).times(amountOf(row["*Quantity"])));
    expect(xeroInvoices).toEqual(quickBooksInvoices);
  });
});
