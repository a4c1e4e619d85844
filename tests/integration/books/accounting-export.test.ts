import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { unzipSync, strFromU8 } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { calendarDateAt, type CalendarDate } from "../../../app/domain/dates/calendar-date";
import { currencyFor } from "../../../app/domain/money/currency";
import { toMinorUnits } from "../../../app/domain/money/minor-units";
import { saveAccountMappings } from "../../../app/models/account-mapping.server";
import { accountingExport, MixedCurrencyExportError } from "../../../app/services/accounting-export/accounting-export.server";
import { EXPORT_FORMATS, SINGLE_CURRENCY_FORMATS, type ExportFormat } from "../../../app/services/accounting-export/export-formats";
import { accountBalancesAt } from "../../../app/services/books/journal-source.server";
import { deferredRevenueRollForward } from "../../../app/services/books/deferred-revenue.server";
import { createTestDatabase } from "../test-database";
import { seedBooksShop, seedContract } from "./books-seed";

const database = await createTestDatabase();
const db = database.prisma;
afterAll(() => database.cleanup());
const SHOP = "books.myshopify.com";
const FIRST_QUARTER = { from: "2027-01-01" as CalendarDate, to: "2027-03-31" as CalendarDate };
const FEBRUARY = { from: "2027-02-01" as CalendarDate, to: "2027-02-28" as CalendarDate };

beforeAll(async () => {
  await seedBooksShop(db, SHOP);
  // The merchant's own code for revenue; the other accounts keep their defaults.
  await saveAccountMappings(db, SHOP, [{ account: "revenue", taxTitle: "", code: "400", name: "Sales - equipment" }], "staff:1");
});

async function exported(format: ExportFormat, range = FIRST_QUARTER, currency?: string): Promise<{ filename: string; text: string }> {
  const file = await accountingExport(db, SHOP, { format, range, ...(currency ? { currency } : {}) });
  return { filename: file.filename, text: await new Response(file.body).text() };
}

type Row = Record<string, string>;
const rowsOf = (text: string): Row[] => parse(text, { columns: true, bom: true }) as Row[];
const minor = (text: string, currency: string) => (text === "" ? 0n : toMinorUnits(text, currencyFor(currency), "amount"));
const sum = (amounts: bigint[]) => amounts.reduce((total, amount) => total + amount, 0n);

/** Payments less refunds of the ledger dated within the range (in each contract's zone), per currency: what cash must total. */
async function ledgerCash(range: { from: CalendarDate; to: CalendarDate }): Promise<Record<string, bigint>> {
  const entries = await db.ledgerEntry.findMany({ where: { shop: SHOP }, include: { contract: true } });
  const cash: Record<string, bigint> = {};
  for (const entry of entries) {
    const date = calendarDateAt(entry.occurredAt, entry.contract.timeZone);
    if (date < range.from || date > range.to) continue;
    cash[entry.currency] = (cash[entry.currency] ?? 0n) + (entry.kind === "refund" ? -entry.amountMinor : entry.amountMinor);
  }
  return cash;
}

function groupBy(rows: Row[], key: string): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) groups.set(row[key]!, [...(groups.get(row[key]!) ?? []), row]);
  return groups;
}

describe("the generic journal CSV", () => {
  it("balances entry by entry, and its cash lines are the ledger's payments less refunds", async () => {
    for (const range of [FIRST_QUARTER, FEBRUARY]) {
      const rows = rowsOf((await exported("journal", range)).text);
      for (const [, lines] of groupBy(rows, "Entry no.")) {
        const currency = lines[0]!.Currency!;
        expect(sum(lines.map((line) => minor(line.Debit!, currency)))).toBe(sum(lines.map((line) => minor(line.Credit!, currency))));
      }
      const cash: Record<string, bigint> = {};
      for (const row of rows.filter((line) => line["Account code"] === "1210")) {
        cash[row.Currency!] = (cash[row.Currency!] ?? 0n) + minor(row.Debit!, row.Currency!) - minor(row.Credit!, row.Currency!);
      }
      expect(cash).toEqual(await ledgerCash(range));
    }
  });

  it("uses the merchant's mapping, and quotes out a customer name a spreadsheet would run", async () => {
    const rows = rowsOf((await exported("journal")).text);
    expect(rows.some((row) => row["Account code"] === "400" && row["Account name"] === "Sales - equipment")).toBe(true);
    expect(rows.some((row) => row["Account code"] === "4000")).toBe(false);
    expect(rows.find((row) => row.Contract === "#D2")?.Customer).toBe("'=Formula Buyer");
  });

  it("writes the currency's own decimals: yen without any", async () => {
    const rows = rowsOf((await exported("journal", FEBRUARY, "JPY")).text);
    expect(rows.map((row) => row.Currency)).toEqual(rows.map(() => "JPY"));
    expect(rows[0]).toMatchObject({ Date: "2027-02-02", "Account code": "1200", Debit: "33000", Contract: "#D3", Customer: "Tanaka Kōgyō" });
  });
});

describe("QuickBooks Online files", () => {
  it("the journal balances per Journal No. and its cash lines are the ledger's", async () => {
    const rows = rowsOf((await exported("quickbooks-journal", FEBRUARY, "USD")).text);
    for (const [, lines] of groupBy(rows, "Journal No.")) {
      expect(sum(lines.map((line) => minor(line.Debits!, "USD")))).toBe(sum(lines.map((line) => minor(line.Credits!, "USD"))));
    }
    const cash = rows.filter((row) => row["Account Name"] === "Shopify clearing").map((row) => minor(row.Debits!, "USD") - minor(row.Credits!, "USD"));
    expect(sum(cash)).toBe((await ledgerCash(FEBRUARY)).USD);
    expect(rows[0]?.["Journal Date"]).toBe("02/01/2027");
  });

  it("the invoices total the gross invoiced in the range, per invoice", async () => {
    const rows = rowsOf((await exported("quickbooks-invoices", FIRST_QUARTER, "USD")).text);
    const totals = [...groupBy(rows, "Invoice number")].map(([number, lines]) => [number, sum(lines.map((line) => minor(line["Item Amount"]!, "USD")))]);
    expect(totals).toEqual([
      ["T-1", 33_000n],
      ["T-2", 55_000n],
      ["T-3", 22_000n],
      ["T-4", 33_000n],
      ["T-5", 55_000n],
    ]);
  });
});

describe("Xero files", () => {
  it("each manual journal sums to zero and the cash lines are the ledger's", async () => {
    const rows = rowsOf((await exported("xero-journals", FIRST_QUARTER, "USD")).text);
    for (const [, lines] of groupBy(rows, "Narration")) expect(sum(lines.map((line) => minor(line.Amount!, "USD")))).toBe(0n);
    const cash = rows.filter((row) => row.AccountCode === "1210").map((row) => minor(row.Amount!, "USD"));
    expect(sum(cash)).toBe((await ledgerCash(FIRST_QUARTER)).USD);
    expect(rows.every((row) => row.TaxRate === "Tax Exempt")).toBe(true);
  });

  it("the sales invoices total the gross invoiced in the range", async () => {
    const rows = rowsOf((await exported("xero-invoices", FEBRUARY)).text);
    const byCurrency: Record<string, bigint> = {};
    for (const row of rows) byCurrency[row.Currency!] = (byCurrency[row.Currency!] ?? 0n) + minor(row["*UnitAmount"]!, row.Currency!);
    // February: stages 2 and 3 of #D1 (55 000 + 22 000 cents) and the yen deposit of #D3.
    expect(byCurrency).toEqual({ USD: 77_000n, JPY: 33_000n });
  });

  it("more than 300 journal lines come as a zip of files, no journal split across two", async () => {
    const shop = "many-journals.myshopify.com";
    for (let index = 0; index < 40; index += 1) {
      await seedContract(db, shop, {
        id: `many-${String(index).padStart(2, "0")}`,
        currency: "USD",
        draftName: `#D${100 + index}`,
        customerName: `Buyer ${index}`,
        stages: [{ title: "Deposit", amountMinor: 11_000n, taxShares: [{ title: "VAT", amountMinor: 1_000n }], status: "paid", issueDate: "2027-01-10" }],
        ledger: [
          { kind: "payment", stage: 1, amountMinor: 11_000n, at: "2027-01-10T10:00:00Z" },
          { kind: "refund", stage: 1, amountMinor: 1_100n, at: "2027-01-12T10:00:00Z" },
        ],
      });
    }
    const file = await accountingExport(db, shop, { format: "xero-journals", range: FIRST_QUARTER });
    expect(file.filename).toBe("xero-journals-2027-01-01-to-2027-03-31.zip");
    const files = unzipSync(new Uint8Array(await new Response(file.body).arrayBuffer()));
    const names = Object.keys(files).sort();
    expect(names).toEqual(["xero-journals-2027-01-01-to-2027-03-31-1.csv", "xero-journals-2027-01-01-to-2027-03-31-2.csv"]);
    const parts = names.map((name) => rowsOf(strFromU8(files[name]!)));
    // 40 contracts × (invoice 3 lines + payment 2 + refund 3) = 320 lines: 37 contracts and the next invoice fill 299, its payment would make 301.
    expect(parts.map((rows) => rows.length)).toEqual([299, 21]);
    const narrations = parts.map((rows) => new Set(rows.map((row) => row.Narration)));
    expect([...narrations[0]!].some((narration) => narrations[1]!.has(narration))).toBe(false);
  });
});

describe("samples of each format", () => {
  it.each(EXPORT_FORMATS)("%s matches tests/fixtures/accounting-exports/", async (format) => {
    // A file without a currency column holds one currency: the sample is the USD one.
    const { text } = await exported(format, FIRST_QUARTER, SINGLE_CURRENCY_FORMATS.includes(format) ? "USD" : undefined);
    expect(text).toBe(readFileSync(new URL(`../../fixtures/accounting-exports/${format}.csv`, import.meta.url), "utf8"));
  });
});

describe("formats without a currency column", () => {
  it.each(SINGLE_CURRENCY_FORMATS)("%s refuses every currency when the range has several, naming them and the way out", async (format) => {
    const refused = accountingExport(db, SHOP, { format, range: FIRST_QUARTER });
    await expect(refused).rejects.toThrow(MixedCurrencyExportError);
    await expect(refused).rejects.toThrow(/has no currency column, and this range has entries in JPY and USD: choose one currency/);
  });

  it("exports every currency when the range holds one, though a contract in another currency is near its edge", async () => {
    // #D3's yen payment is at 16:00 UTC on 1 February, 2 February in Tokyo: near January's end, but February's.
    const { text } = await exported("quickbooks-journal", { from: "2027-01-01" as CalendarDate, to: "2027-01-31" as CalendarDate });
    expect(rowsOf(text).map((row) => row["Journal No."])).toEqual(["1", "1", "1", "1", "2", "2", "3", "3", "3", "3", "4", "4"]);
  });

  it("names a contract's customer by email in QuickBooks when it has no name, as receivable lines need one", async () => {
    const shop = "nameless.myshopify.com";
    await seedContract(db, shop, {
      id: "nameless",
      currency: "USD",
      draftName: "#D9",
      customerName: "",
      stages: [{ title: "Deposit", amountMinor: 11_000n, taxShares: [], status: "invoiced", issueDate: "2027-01-10" }],
      ledger: [],
    });
    const journal = await accountingExport(db, shop, { format: "quickbooks-journal", range: FIRST_QUARTER });
    expect(rowsOf(await new Response(journal.body).text()).map((row) => row.Name)).toEqual(["nameless@example.com", "nameless@example.com"]);
    const invoices = await accountingExport(db, shop, { format: "quickbooks-invoices", range: FIRST_QUARTER });
    expect(rowsOf(await new Response(invoices.body).text()).map((row) => row.Customer)).toEqual(["nameless@example.com"]);
  });
});

describe("the books' reports agree with the journal", () => {
  it("the roll-forward's closing liability is the journal's balance, and the February figures are the hand-computed ones", async () => {
    const rows = await deferredRevenueRollForward(db, SHOP, { ...FIRST_QUARTER, period: "month" });
    const balances = await accountBalancesAt(db, SHOP, FIRST_QUARTER.to);
    for (const currency of ["USD", "JPY"]) {
      const liability = balances.find((balance) => balance.currency === currency && balance.account === "contractLiability")?.balanceMinor ?? 0n;
      expect(rows.filter((row) => row.currency === currency).at(-1)?.closingMinor).toBe(-liability);
    }
    const february = rows.find((row) => row.currency === "USD" && row.periodStart === "2027-02-01");
    // Opening: #D1's deposit (30 000) and #D2's (30 000). #D1 ships on the 10th: 30 000 + 50 000 recognised.
    expect(february).toMatchObject({
      openingMinor: 60_000n,
      invoicedBeforeShippingMinor: 50_000n,
      recognisedOnShippingMinor: 80_000n,
      closingMinor: 30_000n,
      revenueRecognisedMinor: 100_000n,
    });
    const yen = rows.find((row) => row.currency === "JPY" && row.periodStart === "2027-02-01");
    // ¥30 000 net invoiced, ¥10 000 refunded of which ¥9 091 net.
    expect(yen).toMatchObject({ invoicedBeforeShippingMinor: 30_000n, refundsAndCreditsMinor: 9_091n, closingMinor: 20_909n });
  });
});
