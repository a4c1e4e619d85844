import type { AccountChart } from "../../domain/books/accounts";
import type { CalendarDate } from "../../domain/dates/calendar-date";
import { accountOfLine, customerOf, decimalAmount, lineDescription, type NumberedEntry } from "./numbered-entries.server";
import type { StageInvoice } from "./stage-invoices.server";

/**
 * QuickBooks Online's journal entry import (Settings → Import data → Journal entries), columns as Intuit documents them:
 * https://quickbooks.intuit.com/learn-support/en-au/help-article/import-export-files/import-journal-entries-quickbooks-online/L4tQBwbs7_AU_en_AU
 * Lines of one entry share a Journal No.; accounts go by name (QuickBooks asks for account numbers to be off while
 * importing); a receivable line needs the customer in Name ("the system will request the Name column"), so a contract
 * without a customer name goes by their email. The article states no limit on lines or entries per file, so the file is
 * not split (the 100 invoices / 1,000 rows third-party guides quote are for the invoice import, and not Intuit's words).
 */
export const QUICKBOOKS_JOURNAL_COLUMNS = ["Journal No.", "Journal Date", "Account Name", "Description", "Debits", "Credits", "Name"] as const;

/**
 * QuickBooks Online's invoice import (Settings → Import data → Invoices), with the column names it maps by itself:
 * https://quickbooks.intuit.com/learn-support/en-ca/help-articles/import-invoices-in-batches/01/338729
 * Required: Invoice number, Customer, Invoice date, Due date, Item Amount. QuickBooks would compute tax from a tax code;
 * our tax is already split to the cent per stage, so each tax title is its own non-taxable line and the invoice totals
 * the stage's gross exactly.
 */
export const QUICKBOOKS_INVOICE_COLUMNS = [
  "Invoice number",
  "Customer",
  "Invoice date",
  "Due date",
  "Memo",
  "Item (Product/Service)",
  "Item Description",
  "Item Quantity",
  "Item Rate",
  "Item Amount",
  "Item tax code",
] as const;

/** QuickBooks Online's import takes MM/DD/YYYY dates. */
export function quickBooksDate(date: CalendarDate): string {
  return `${date.slice(5, 7)}/${date.slice(8, 10)}/${date.slice(0, 4)}`;
}

export async function* quickBooksJournalRows(entries: AsyncIterable<NumberedEntry>, chart: AccountChart): AsyncGenerator<string[]> {
  for await (const { number, heading, entry } of entries) {
    for (const line of entry.lines) {
      yield [
        String(number),
        quickBooksDate(entry.date),
        accountOfLine(chart, line).name,
        lineDescription(entry, line),
        line.debitMinor > 0n ? decimalAmount(line.debitMinor, entry.currency) : "",
        line.creditMinor > 0n ? decimalAmount(line.creditMinor, entry.currency) : "",
        customerOf(heading),
      ];
    }
  }
}

/** One row per invoice line: the stage's net as the product/service named after its account, then its tax lines. */
export async function* quickBooksInvoiceRows(invoices: AsyncIterable<StageInvoice>, chart: AccountChart): AsyncGenerator<string[]> {
  for await (const invoice of invoices) {
    for (const line of invoice.credits) {
      const amount = decimalAmount(line.creditMinor, invoice.currency);
      yield [
        invoice.invoiceNumber,
        customerOf(invoice.heading),
        quickBooksDate(invoice.date),
        quickBooksDate(invoice.dueDate),
        `${invoice.heading.orderName ?? invoice.heading.draftName ?? ""} stage ${invoice.stagePosition}`.trim(),
        accountOfLine(chart, line).name,
        line.taxTitle ?? `${invoice.stageTitle} (stage ${invoice.stagePosition})`,
        "1",
        amount,
        amount,
        "NON",
      ];
    }
  }
}
