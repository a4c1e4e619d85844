import type { JournalLine } from "../../domain/books/journal-types";
import type { CalendarDate } from "../../domain/dates/calendar-date";
import type { ContractHeading, ContractJournal } from "../books/journal-source.server";
import { contractNameOf } from "./numbered-entries.server";

/** A stage's invoice as the journal booked it: its gross, and what it credited (net to liability or revenue, tax lines). */
export interface StageInvoice {
  readonly heading: ContractHeading;
  readonly invoiceNumber: string;
  readonly date: CalendarDate;
  readonly dueDate: CalendarDate;
  readonly stagePosition: number;
  readonly stageTitle: string;
  readonly currency: string;
  readonly grossMinor: bigint;
  /** The invoice entry's credit lines: the net (contract liability or revenue) first, then one per tax title. */
  readonly credits: readonly JournalLine[];
}

/**
 * The stage invoices dated within the range, contract by contract. A stage with no invoice number of ours is named
 * after its contract and position (#D12-2), so every invoice of the export has a number of its own.
 */
export async function* stageInvoicesOf(journals: AsyncIterable<ContractJournal>): AsyncGenerator<StageInvoice> {
  for await (const { heading, facts, entries } of journals) {
    for (const entry of entries) {
      if (entry.kind !== "invoice") continue;
      const stage = facts.stages.find((candidate) => candidate.position === entry.stagePosition);
      if (!stage) continue;
      const credits = entry.lines.filter((line) => line.creditMinor > 0n);
      yield {
        heading,
        invoiceNumber: stage.invoiceNumber ?? `${contractNameOf(heading)}-${stage.position}`,
        date: entry.date,
        dueDate: stage.dueDate !== null && stage.dueDate > entry.date ? stage.dueDate : entry.date,
        stagePosition: stage.position,
        stageTitle: stage.title,
        currency: entry.currency,
        grossMinor: entry.lines.reduce((sum, line) => sum + line.debitMinor, 0n),
        credits,
      };
    }
  }
}
