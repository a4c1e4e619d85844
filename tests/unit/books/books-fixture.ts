import type { CalendarDate } from "../../../app/domain/dates/calendar-date";
import type { AccountKey, ContractFacts, JournalEntry, LedgerFact, StageFact } from "../../../app/domain/books/journal-types";

export const day = (text: string) => text as CalendarDate;

/** A stage of the 30/50/20 contract below unless told otherwise: USD 1 100.00 gross, state tax 60.00 and city tax 40.00. */
export function stageFact(position: number, overrides: Partial<StageFact> = {}): StageFact {
  const shape = THREE_STAGES[position - 1] ?? THREE_STAGES[0]!;
  return {
    id: `s${position}`,
    position,
    title: shape.title,
    amountMinor: shape.gross,
    taxShares: [
      { title: "State tax", amountMinor: shape.state },
      { title: "City tax", amountMinor: shape.city },
    ],
    issueDate: null,
    dueDate: null,
    status: "scheduled",
    invoiceNumber: null,
    ...overrides,
  };
}

const THREE_STAGES = [
  { title: "Deposit", gross: 33_000n, state: 1_800n, city: 1_200n },
  { title: "Pre-shipping", gross: 55_000n, state: 3_000n, city: 2_000n },
  { title: "Balance", gross: 22_000n, state: 1_200n, city: 800n },
];

let ledgerCounter = 0;

export function paid(stageId: string | null, amountMinor: bigint, at: string, kind: LedgerFact["kind"] = "payment"): LedgerFact {
  ledgerCounter += 1;
  return { id: `l${ledgerCounter}`, kind, amountMinor, stageId, occurredAt: new Date(at) };
}

export function refunded(stageId: string | null, amountMinor: bigint, at: string): LedgerFact {
  return paid(stageId, amountMinor, at, "refund");
}

export function contractFacts(overrides: Partial<ContractFacts> = {}): ContractFacts {
  return {
    id: "c1",
    currency: "USD",
    timeZone: "UTC",
    label: "#1001",
    fulfilledOn: null,
    cancelledOn: null,
    settlement: null,
    stages: [],
    ledger: [],
    ...overrides,
  };
}

/** An entry as a compact row: "Dr accountsReceivable 33000", "Cr taxPayable:State tax 1800". */
export function linesOf(entry: JournalEntry): string[] {
  return entry.lines.map((line) => {
    const account = line.taxTitle ? `${line.account}:${line.taxTitle}` : line.account;
    return line.debitMinor > 0n ? `Dr ${account} ${line.debitMinor}` : `Cr ${account} ${line.creditMinor}`;
  });
}

/** Debits less credits of an account over entries. */
export function balanceOf(entries: readonly JournalEntry[], account: AccountKey, taxTitle?: string): bigint {
  return entries
    .flatMap((entry) => entry.lines)
    .filter((line) => line.account === account && (taxTitle === undefined || line.taxTitle === taxTitle))
    .reduce((sum, line) => sum + line.debitMinor - line.creditMinor, 0n);
}
