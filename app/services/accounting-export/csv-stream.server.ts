import { stringify } from "csv-stringify/sync";

export interface CsvOptions {
  readonly columns: readonly string[];
  /**
   * Whether a cell a spreadsheet would run as a formula ("=HYPERLINK(…)") is quoted out by csv-stringify, as the
   * contracts export does. Off for files with signed amounts ("-300.00" is a number to Xero), which quote their text
   * cells with `withoutFormula` instead.
   */
  readonly escapeFormulas?: boolean;
  /** A UTF-8 byte order mark, so Excel reads accented names right; accounting imports that do not want one say so. */
  readonly bom: boolean;
}

/**
 * CSV text of the header and the rows, chunk by chunk as the rows arrive: a large export streams instead of sitting in
 * memory.
 */
export async function* csvChunks(options: CsvOptions, rows: AsyncIterable<readonly string[]>): AsyncGenerator<string> {
  const escape_formulas = options.escapeFormulas ?? true;
  yield stringify([[...options.columns]], { bom: options.bom, escape_formulas });
  let batch: string[][] = [];
  for await (const row of rows) {
    batch.push([...row]);
    if (batch.length >= 500) {
      yield stringify(batch, { escape_formulas });
      batch = [];
    }
  }
  if (batch.length > 0) yield stringify(batch, { escape_formulas });
}

/** csv-stringify's formula rule for one text cell: a leading =, +, -, @, tab or carriage return gets a quote before it. */
export function withoutFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
