import { describe, expect, it } from "vitest";

import { DEFAULT_ACCOUNTS, accountChartOf } from "../../../app/domain/books/accounts";
import type { JournalEntry } from "../../../app/domain/books/journal-types";
import { genericJournalRows } from "../../../app/services/accounting-export/generic-journal-csv.server";
import type { NumberedEntry } from "../../../app/services/accounting-export/numbered-entries.server";
import type { StageInvoice } from "../../../app/services/accounting-export/stage-invoices.server";
import { XERO_INVOICES_PER_FILE, xeroDate, xeroInvoiceFiles } from "../../../app/services/accounting-export/xero.server";
import { quickBooksDate } from "../../../app/services/accounting-export/quickbooks.server";
import { day } from "./books-fixture";

const heading = { id: "c1", currency: "KWD", orderName: "#1001", draftName: "#D1", customerName: "Dinar Trading", customerEmail: "kwd@example.com" };

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const collected: T[] = [];
  for await (const item of items) collected.push(item);
  return collected;
}

async function* from<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}

describe("accountChartOf", () => {
  it("takes the merchant's row for a tax title, else theirs for the account, else the default", () => {
    const chart = accountChartOf([
      { account: "taxPayable", taxTitle: "", code: "2300", name: "Tax" },
      { account: "taxPayable", taxTitle: "VAT 5%", code: "2310", name: "VAT payable" },
    ]);
    expect(chart("taxPayable", "VAT 5%")).toEqual({ code: "2310", name: "VAT payable" });
    expect(chart("taxPayable", "City tax")).toEqual({ code: "2300", name: "Tax" });
    expect(chart("revenue")).toEqual(DEFAULT_ACCOUNTS.revenue);
  });
});

describe("export rows", () => {
  it("writes a 3-decimal currency's amounts with its three decimals", async () => {
    const entry: JournalEntry = {
      date: day("2027-01-07"),
      contractId: "c1",
      currency: "KWD",
      kind: "refund",
      memo: "#1001 · refund",
      stagePosition: 1,
      lines: [
        { account: "cashClearing", debitMinor: 0n, creditMinor: 10_001n },
        { account: "contractLiability", debitMinor: 9_525n, creditMinor: 0n },
        { account: "taxPayable", taxTitle: "VAT 5%", debitMinor: 476n, creditMinor: 0n },
      ],
    };
    const rows = await collect(genericJournalRows(from<NumberedEntry>([{ number: 1, heading, entry }]), accountChartOf([])));
    expect(rows.map((row) => [row[5], row[7], row[8], row[9]])).toEqual([
      ["1210", "#1001 · refund", "", "10.001"],
      ["2400", "#1001 · refund", "9.525", ""],
      ["2200", "#1001 · refund · VAT 5%", "0.476", ""],
    ]);
  });

  it("dates: QuickBooks MM/DD/YYYY, Xero DD/MM/YYYY", () => {
    expect(quickBooksDate(day("2027-02-03"))).toBe("02/03/2027");
    expect(xeroDate(day("2027-02-03"))).toBe("03/02/2027");
  });

  it("Xero invoices: at most 500 invoices a file, an invoice's lines kept together", async () => {
    const invoice = (index: number): StageInvoice => ({
      heading,
      invoiceNumber: `T-${index}`,
      date: day("2027-01-07"),
      dueDate: day("2027-02-07"),
      stagePosition: 1,
      stageTitle: "Deposit",
      currency: "KWD",
      grossMinor: 105_000n,
      credits: [
        { account: "contractLiability", debitMinor: 0n, creditMinor: 100_000n },
        { account: "taxPayable", taxTitle: "VAT 5%", debitMinor: 0n, creditMinor: 5_000n },
      ],
    });
    const invoices = Array.from({ length: XERO_INVOICES_PER_FILE + 1 }, (_, index) => invoice(index + 1));
    const files = await collect(xeroInvoiceFiles(from(invoices), accountChartOf([]), "No VAT"));
    expect(files.map((rows) => rows.length)).toEqual([1_000, 2]);
    // Xero's template columns in order, the unused ones (addresses, item code, discount, tracking, theme) blank.
    const row = (description: string, amount: string, account: string) => [
      "Dinar Trading",
      "kwd@example.com",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "T-501",
      "#1001",
      "07/01/2027",
      "07/02/2027",
      "",
      description,
      "1",
      amount,
      "",
      account,
      "No VAT",
      "",
      "",
      "",
      "",
      "KWD",
      "",
    ];
    expect(files[1]).toEqual([row("Deposit (stage 1)", "100.000", "2400"), row("VAT 5%", "5.000", "2200")]);
  });
});
