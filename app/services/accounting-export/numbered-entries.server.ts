import type { AccountChart, AccountRef } from "../../domain/books/accounts";
import type { JournalEntry, JournalLine } from "../../domain/books/journal-types";
import { currencyFor } from "../../domain/money/currency";
import { formatMinorUnits } from "../../domain/money/minor-units";
import type { ContractHeading, ContractJournal } from "../books/journal-source.server";

/** A journal entry with its number in the export (1, 2, …) and the contract it belongs to. */
export interface NumberedEntry {
  readonly number: number;
  readonly heading: ContractHeading;
  readonly entry: JournalEntry;
}

/** The shop's journal entries within the range, numbered in export order: contract by contract, by date within each. */
export async function* numberedEntriesOf(journals: AsyncIterable<ContractJournal>): AsyncGenerator<NumberedEntry> {
  let number = 0;
  for await (const { heading, entries } of journals) {
    for (const entry of entries) {
      number += 1;
      yield { number, heading, entry };
    }
  }
}

/** What staff call the contract: its draft's name (#D12), as the contracts list does. */
export function contractNameOf(heading: ContractHeading): string {
  return heading.draftName ?? heading.id;
}

/**
 * Who the contract is with, as the accounting imports name a customer: their name, else their email (a draft for a
 * buyer without a name), else empty. QuickBooks asks for a Name on every receivable line.
 */
export function customerOf(heading: ContractHeading): string {
  return heading.customerName?.trim() || heading.customerEmail?.trim() || "";
}

/** An amount as a plain decimal in major units with the currency's own decimals ("1200.50", "120000" for JPY). */
export function decimalAmount(minor: bigint, currency: string): string {
  return formatMinorUnits(minor, currencyFor(currency));
}

/** The merchant's account for a line. */
export function accountOfLine(chart: AccountChart, line: JournalLine): AccountRef {
  return chart(line.account, line.taxTitle);
}

/** A line's description: the entry's memo, and the tax line's title on tax lines. */
export function lineDescription(entry: JournalEntry, line: JournalLine): string {
  return line.taxTitle ? `${entry.memo} · ${line.taxTitle}` : entry.memo;
}
