import type { AccountChart } from "../../domain/books/accounts";
import { accountOfLine, contractNameOf, decimalAmount, lineDescription, type NumberedEntry } from "./numbered-entries.server";

/** Our own journal layout: one row per line, every entry's rows together and balanced. */
export const GENERIC_JOURNAL_COLUMNS = [
  "Date",
  "Entry no.",
  "Contract",
  "Order",
  "Customer",
  "Account code",
  "Account name",
  "Description",
  "Debit",
  "Credit",
  "Currency",
] as const;

/** Rows of the generic journal CSV: dates YYYY-MM-DD in the contract's zone, amounts as decimals, the other side blank. */
export async function* genericJournalRows(entries: AsyncIterable<NumberedEntry>, chart: AccountChart): AsyncGenerator<string[]> {
  for await (const { number, heading, entry } of entries) {
    for (const line of entry.lines) {
      const account = accountOfLine(chart, line);
      yield [
        entry.date,
        String(number),
        contractNameOf(heading),
        heading.orderName ?? "",
        heading.customerName ?? "",
        account.code,
        account.name,
        lineDescription(entry, line),
        line.debitMinor > 0n ? decimalAmount(line.debitMinor, entry.currency) : "",
        line.creditMinor > 0n ? decimalAmount(line.creditMinor, entry.currency) : "",
        entry.currency,
      ];
    }
  }
}
