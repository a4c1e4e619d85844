import type { AccountChart } from "../../domain/books/accounts";
import type { CalendarDate } from "../../domain/dates/calendar-date";
import { withoutFormula } from "./csv-stream.server";
import { accountOfLine, customerOf, decimalAmount, lineDescription, type NumberedEntry } from "./numbered-entries.server";
import type { StageInvoice } from "./stage-invoices.server";

/**
 * Xero's manual journal import (Accounting → Manual journals → Import), columns and limits as Xero documents them:
 * https://help.xero.com/nz/ManualJournalsImport — up to 300 lines per file; the rows of one journal share its
 * Narration and Date; Amount is a debit when positive and a credit when negative; TaxRate is mandatory (the tax is
 * already on its own lines here, so every line carries the shop's no-tax rate, "Tax Exempt" unless told otherwise).
 */
export const XERO_JOURNAL_COLUMNS = [
  "Narration",
  "Date",
  "Description",
  "AccountCode",
  "TaxRate",
  "Amount",
  "TrackingName1",
  "TrackingOption1",
  "TrackingName2",
  "TrackingOption2",
] as const;
export const XERO_JOURNAL_LINES_PER_FILE = 300;

/**
 * Xero's sales invoice import (Sales → Invoices → Import): every column of Xero's template in its order (* marks the
 * required ones), since Xero's instructions say to leave unused columns blank and not to change or add headings;
 * dates DD/MM/YYYY; at most 500 invoices per file (Xero's guide as reproduced in https://online.flippingbook.com/view/399081/30/
 * and /31/). Amounts are tax exclusive with the no-tax rate, and each tax title is its own line coded to tax payable,
 * so an invoice totals the stage's gross exactly.
 */
export const XERO_INVOICE_COLUMNS = [
  "*ContactName",
  "EmailAddress",
  "POAddressLine1",
  "POAddressLine2",
  "POAddressLine3",
  "POAddressLine4",
  "POCity",
  "PORegion",
  "POPostalCode",
  "POCountry",
  "*InvoiceNumber",
  "Reference",
  "*InvoiceDate",
  "*DueDate",
  "InventoryItemCode",
  "*Description",
  "*Quantity",
  "*UnitAmount",
  "Discount",
  "*AccountCode",
  "*TaxType",
  "TrackingName1",
  "TrackingOption1",
  "TrackingName2",
  "TrackingOption2",
  "Currency",
  "BrandingTheme",
] as const;
export const XERO_INVOICES_PER_FILE = 500;

/** Xero's imports take DD/MM/YYYY dates. */
export function xeroDate(date: CalendarDate): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/** The journal's rows in files of at most 300 lines, a journal never split across two files; amounts signed, so text cells are quoted out one by one. */
export async function* xeroJournalFiles(entries: AsyncIterable<NumberedEntry>, chart: AccountChart, noTaxRate: string): AsyncGenerator<string[][]> {
  let file: string[][] = [];
  for await (const { number, entry } of entries) {
    if (file.length > 0 && file.length + entry.lines.length > XERO_JOURNAL_LINES_PER_FILE) {
      yield file;
      file = [];
    }
    // The entry number keeps two alike entries of one day (two payments of a stage) two journals.
    const narration = `${entry.memo} (entry ${number})`;
    for (const line of entry.lines) {
      file.push([
        withoutFormula(narration),
        xeroDate(entry.date),
        withoutFormula(lineDescription(entry, line)),
        withoutFormula(accountOfLine(chart, line).code),
        noTaxRate,
        decimalAmount(line.debitMinor - line.creditMinor, entry.currency),
        "",
        "",
        "",
        "",
      ]);
    }
  }
  if (file.length > 0) yield file;
}

/** The invoices' rows in files of at most 500 invoices. */
export async function* xeroInvoiceFiles(invoices: AsyncIterable<StageInvoice>, chart: AccountChart, noTaxRate: string): AsyncGenerator<string[][]> {
  let file: string[][] = [];
  let count = 0;
  for await (const invoice of invoices) {
    if (count === XERO_INVOICES_PER_FILE) {
      yield file;
      file = [];
      count = 0;
    }
    count += 1;
    for (const line of invoice.credits) {
      const row: Partial<Record<(typeof XERO_INVOICE_COLUMNS)[number], string>> = {
        "*ContactName": customerOf(invoice.heading),
        EmailAddress: invoice.heading.customerEmail ?? "",
        "*InvoiceNumber": invoice.invoiceNumber,
        Reference: invoice.heading.orderName ?? invoice.heading.draftName ?? "",
        "*InvoiceDate": xeroDate(invoice.date),
        "*DueDate": xeroDate(invoice.dueDate),
        "*Description": line.taxTitle ?? `${invoice.stageTitle} (stage ${invoice.stagePosition})`,
        "*Quantity": "1",
        "*UnitAmount": decimalAmount(line.creditMinor, invoice.currency),
        "*AccountCode": accountOfLine(chart, line).code,
        "*TaxType": noTaxRate,
        Currency: invoice.currency,
      };
      file.push(XERO_INVOICE_COLUMNS.map((column) => row[column] ?? ""));
    }
  }
  if (file.length > 0) yield file;
}
