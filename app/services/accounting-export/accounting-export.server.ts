import { Zip, ZipDeflate } from "fflate";
import { stringify } from "csv-stringify/sync";

import { readAccountChart } from "../../models/account-mapping.server";
import type { Database } from "../../models/database.server";
import { contractJournalsOf, currenciesWithin, type ContractJournal, type DateRange } from "../books/journal-source.server";
import { csvChunks } from "./csv-stream.server";
import { mixedCurrencyWords, SINGLE_CURRENCY_FORMATS, type ExportFormat } from "./export-formats";
import { GENERIC_JOURNAL_COLUMNS, genericJournalRows } from "./generic-journal-csv.server";
import { numberedEntriesOf } from "./numbered-entries.server";
import { QUICKBOOKS_INVOICE_COLUMNS, QUICKBOOKS_JOURNAL_COLUMNS, quickBooksInvoiceRows, quickBooksJournalRows } from "./quickbooks.server";
import { stageInvoicesOf } from "./stage-invoices.server";
import { XERO_INVOICE_COLUMNS, XERO_JOURNAL_COLUMNS, xeroInvoiceFiles, xeroJournalFiles } from "./xero.server";

export interface ExportRequest {
  readonly format: ExportFormat;
  readonly range: DateRange;
  /** Only contracts in this currency (QuickBooks and Xero journals are in the books' home currency); every currency without. */
  readonly currency?: string;
  /** The Xero tax rate that means no tax, by its name in the shop's Xero ("Tax Exempt", "No VAT", "BAS Excluded"). */
  readonly xeroNoTaxRate?: string;
}

export interface ExportFile {
  readonly filename: string;
  readonly contentType: string;
  readonly body: ReadableStream<Uint8Array>;
}

const CSV_TYPE = "text/csv; charset=utf-8";

/** An export of several currencies into a file with no currency column: its amounts would be read as one currency. */
export class MixedCurrencyExportError extends Error {
  constructor(
    readonly format: ExportFormat,
    readonly currencies: readonly string[],
  ) {
    super(mixedCurrencyWords(format, currencies));
    this.name = "MixedCurrencyExportError";
  }
}

/**
 * The accounting export of the shop's journal for a date range, streamed: contracts are read a page at a time and the
 * file is written as they come. Xero's files are cut at its import limits; several files come as one zip. A format with
 * no currency column is refused (MixedCurrencyExportError) when no currency is chosen and the range holds several.
 */
export async function accountingExport(db: Database, shop: string, request: ExportRequest): Promise<ExportFile> {
  if (request.currency === undefined && SINGLE_CURRENCY_FORMATS.includes(request.format)) {
    const currencies = await currenciesWithin(db, shop, request.range);
    if (currencies.length > 1) throw new MixedCurrencyExportError(request.format, currencies);
  }
  const chart = await readAccountChart(db, shop);
  const journals = () => inCurrency(contractJournalsOf(db, shop, request.range), request.currency);
  const stem = `${request.format}-${request.range.from}-to-${request.range.to}${request.currency ? `-${request.currency}` : ""}`;
  const noTaxRate = request.xeroNoTaxRate?.trim() || "Tax Exempt";
  switch (request.format) {
    case "journal":
      return csvFile(`${stem}.csv`, csvChunks({ columns: GENERIC_JOURNAL_COLUMNS, bom: true }, genericJournalRows(numberedEntriesOf(journals()), chart)));
    case "quickbooks-journal":
      return csvFile(
        `${stem}.csv`,
        csvChunks({ columns: QUICKBOOKS_JOURNAL_COLUMNS, bom: false }, quickBooksJournalRows(numberedEntriesOf(journals()), chart)),
      );
    case "quickbooks-invoices":
      return csvFile(`${stem}.csv`, csvChunks({ columns: QUICKBOOKS_INVOICE_COLUMNS, bom: false }, quickBooksInvoiceRows(stageInvoicesOf(journals()), chart)));
    case "xero-journals":
      return splitFiles(stem, XERO_JOURNAL_COLUMNS, xeroJournalFiles(numberedEntriesOf(journals()), chart, noTaxRate), false);
    case "xero-invoices":
      return splitFiles(stem, XERO_INVOICE_COLUMNS, xeroInvoiceFiles(stageInvoicesOf(journals()), chart, noTaxRate), true);
  }
}

async function* inCurrency(journals: AsyncIterable<ContractJournal>, currency: string | undefined): AsyncGenerator<ContractJournal> {
  for await (const journal of journals) if (currency === undefined || journal.heading.currency === currency) yield journal;
}

function csvFile(filename: string, chunks: AsyncGenerator<string>): ExportFile {
  return { filename, contentType: CSV_TYPE, body: streamOf(chunks) };
}

function streamOf(chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

/** One CSV when everything fits in one file; otherwise a zip of numbered CSVs (name-1.csv, name-2.csv, …). */
async function splitFiles(stem: string, columns: readonly string[], files: AsyncGenerator<string[][]>, escapeFormulas: boolean): Promise<ExportFile> {
  const first = await files.next();
  const second = first.done ? first : await files.next();
  const csvOf = (rows: string[][]) => stringify([[...columns], ...rows], { escape_formulas: escapeFormulas });
  if (first.done || second.done) return csvFile(`${stem}.csv`, single(csvOf(first.done ? [] : first.value)));
  const encoder = new TextEncoder();
  return {
    filename: `${stem}.zip`,
    contentType: "application/zip",
    body: new ReadableStream<Uint8Array>({
      async start(controller) {
        const zip = new Zip((error, chunk, final) => {
          if (error) controller.error(error);
          else {
            controller.enqueue(chunk);
            if (final) controller.close();
          }
        });
        let index = 0;
        const add = (rows: string[][]) => {
          index += 1;
          const file = new ZipDeflate(`${stem}-${index}.csv`, { level: 6 });
          zip.add(file);
          file.push(encoder.encode(csvOf(rows)), true);
        };
        add(first.value);
        add(second.value);
        for await (const rows of files) add(rows);
        zip.end();
      },
    }),
  };
}

async function* single(text: string): AsyncGenerator<string> {
  yield text;
}
