import type { Contract, LedgerEntry, Prisma, Stage } from "@prisma/client";

import { journalOfContract } from "../../domain/books/journal";
import type { AccountKey, ContractFacts, JournalEntry, LedgerFact, SettlementKind } from "../../domain/books/journal-types";
import { addDays, calendarDateAt, type CalendarDate } from "../../domain/dates/calendar-date";
import { cancellationFromColumn, taxSharesFromColumn } from "../../models/contract-columns.server";
import type { Database } from "../../models/database.server";

/** Contracts read at once: their stages and ledger come along, so memory stays bounded whatever the shop's size. */
const CONTRACTS_PER_PAGE = 200;

/** Who and what a contract's entries are about, for the export columns. */
export interface ContractHeading {
  readonly id: string;
  readonly currency: string;
  readonly orderName: string | null;
  readonly draftName: string | null;
  readonly customerName: string | null;
  readonly customerEmail: string | null;
}

/** One contract's journal entries dated within the range, with its facts (the invoice exports read the stages). */
export interface ContractJournal {
  readonly heading: ContractHeading;
  readonly facts: ContractFacts;
  readonly entries: readonly JournalEntry[];
}

export interface DateRange {
  readonly from: CalendarDate;
  readonly to: CalendarDate;
}

type ContractWithFacts = Contract & { stages: Stage[]; ledger: LedgerEntry[] };

/**
 * Every contract of the shop with journal entries dated within [from, to], in contract id order, each with its
 * entries in date order. The journal of a contract depends on all its history (revenue recognised on shipping takes
 * the balance left until then), so each contract's journal is built whole and then cut to the range.
 */
export async function* contractJournalsOf(db: Database, shop: string, range: DateRange): AsyncGenerator<ContractJournal> {
  for await (const { heading, facts } of contractFactsOf(db, shop, mayHaveEntriesWithin(range))) {
    const entries = journalOfContract(facts).filter((entry) => entry.date >= range.from && entry.date <= range.to);
    if (entries.length > 0) yield { heading, facts, entries };
  }
}

/**
 * The currencies of the contracts with journal entries dated within the range, sorted. The contracts that may have
 * some are asked first; only when they hold more than one currency are their journals built to be sure.
 */
export async function currenciesWithin(db: Database, shop: string, range: DateRange): Promise<string[]> {
  const candidates = await db.contract.findMany({ where: { shop, ...mayHaveEntriesWithin(range) }, distinct: ["currency"], select: { currency: true } });
  if (candidates.length <= 1) return candidates.map((row) => row.currency);
  const found = new Set<string>();
  for await (const { heading } of contractJournalsOf(db, shop, range)) found.add(heading.currency);
  return [...found].sort();
}

/** Every journal entry of the shop dated on or before `through` (all of them without), contract by contract. */
export async function* journalEntriesThrough(db: Database, shop: string, through?: CalendarDate): AsyncGenerator<JournalEntry> {
  for await (const { facts } of contractFactsOf(db, shop)) {
    for (const entry of journalOfContract(facts)) if (through === undefined || entry.date <= through) yield entry;
  }
}

/**
 * The journal entries a roll-forward of the contract liability over the range needs: every entry dated on or before
 * the range's end of the contracts `rollForwardContracts` picks. The others' entries before the range add nothing
 * to the opening balance and they have none within it, so the roll-forward is the same as over the whole history.
 */
export async function* rollForwardEntriesOf(db: Database, shop: string, range: DateRange): AsyncGenerator<JournalEntry> {
  for await (const { facts } of contractFactsOf(db, shop, await rollForwardContracts(db, shop, range))) {
    for (const entry of journalOfContract(facts)) if (entry.date <= range.to) yield entry;
  }
}

/**
 * The contracts that may move the contract liability within the range or hold some at its start, by the journal's
 * policy (app/domain/books/journal.ts): those that may have an entry within it, and those neither shipped nor
 * cancelled before it. Shipping turns the liability into revenue, and every later invoice, refund or cancellation
 * posts to revenue or sales returns; a cancellation settles it, and only a stage invoiced afterwards (or a
 * discount granted afterwards) moves it again, so a contract cancelled before the range is read only when a stage
 * of it is dated or paid after its cancellation day. A view reads the range's contracts and the open ones, not the
 * shop's whole history.
 */
export async function rollForwardContracts(db: Database, shop: string, range: DateRange): Promise<Prisma.ContractWhereInput> {
  // A stage is invoiced on its issue date (its due date without one) or its first payment's day; a ledger day in the
  // contract's zone after the cancellation day starts after that day's midnight UTC (zones run to UTC+14).
  const movedAfterCancellation = await db.$queryRaw<{ id: string }[]>`
    SELECT c."id" FROM "Contract" c
    WHERE c."shop" = ${shop} AND c."cancelledOn" < ${range.from}
      AND (EXISTS (SELECT 1 FROM "Stage" s WHERE s."contractId" = c."id" AND COALESCE(s."issueDate", s."dueDate") > c."cancelledOn")
        OR EXISTS (SELECT 1 FROM "LedgerEntry" l WHERE l."contractId" = c."id" AND l."kind" <> 'refund' AND l."occurredAt" >= c."cancelledOn"::date))`;
  return {
    OR: [
      mayHaveEntriesWithin(range),
      { fulfilledOn: null, cancelledOn: null },
      { fulfilledOn: { gte: range.from } },
      { cancelledOn: { gte: range.from } },
      { status: "cancelled", cancelledOn: null },
      { id: { in: movedAfterCancellation.map((row) => row.id) } },
    ],
  };
}

export interface AccountBalance {
  readonly currency: string;
  readonly account: AccountKey;
  readonly taxTitle: string | null;
  /** Debits less credits: positive for cash and receivables, negative for liabilities and revenue. */
  readonly balanceMinor: bigint;
}

/** Each account's balance at the end of `at`, per currency and tax title, sorted by currency, account, title. */
export async function accountBalancesAt(db: Database, shop: string, at: CalendarDate): Promise<AccountBalance[]> {
  const balances = new Map<string, AccountBalance>();
  for await (const entry of journalEntriesThrough(db, shop, at)) {
    for (const line of entry.lines) {
      const taxTitle = line.taxTitle ?? null;
      const key = [entry.currency, line.account, taxTitle ?? ""].join("\u0000");
      const balanceMinor = (balances.get(key)?.balanceMinor ?? 0n) + line.debitMinor - line.creditMinor;
      balances.set(key, { currency: entry.currency, account: line.account, taxTitle, balanceMinor });
    }
  }
  return [...balances.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, balance]) => balance);
}

/**
 * The contracts that may have an entry dated within the range, so a month's export reads a month's contracts, not the
 * shop's whole history. Entries fall only on a stage's issue or due date, a ledger entry's day in the contract's zone
 * (within a day of its UTC date: zones run from UTC−12 to UTC+14), the shipping day or the cancellation day (the last
 * change's day for a contract cancelled before that day was recorded). A superset: each journal is still cut to the range.
 */
function mayHaveEntriesWithin(range: DateRange): Prisma.ContractWhereInput {
  const dates = { gte: range.from, lte: range.to };
  const instants = { gte: new Date(`${addDays(range.from, -1)}T00:00:00Z`), lt: new Date(`${addDays(range.to, 2)}T00:00:00Z`) };
  return {
    OR: [
      { fulfilledOn: dates },
      { cancelledOn: dates },
      { status: "cancelled", cancelledOn: null },
      { stages: { some: { OR: [{ issueDate: dates }, { dueDate: dates }] } } },
      { ledger: { some: { occurredAt: instants } } },
    ],
  };
}

/** The shop's contracts (those matching `where`) as journal facts, a page at a time by id (keyset), stages and ledger included. */
async function* contractFactsOf(
  db: Database,
  shop: string,
  where: Prisma.ContractWhereInput = {},
): AsyncGenerator<{ heading: ContractHeading; facts: ContractFacts }> {
  let after: string | undefined;
  for (;;) {
    const page: ContractWithFacts[] = await db.contract.findMany({
      where: { ...where, shop, ...(after === undefined ? {} : { id: { gt: after } }) },
      orderBy: { id: "asc" },
      take: CONTRACTS_PER_PAGE,
      include: { stages: { orderBy: { position: "asc" } }, ledger: { orderBy: [{ occurredAt: "asc" }, { id: "asc" }] } },
    });
    for (const contract of page) yield { heading: headingOf(contract), facts: factsOf(contract) };
    if (page.length < CONTRACTS_PER_PAGE) return;
    after = page.at(-1)?.id;
  }
}

function headingOf(contract: ContractWithFacts): ContractHeading {
  return {
    id: contract.id,
    currency: contract.currency,
    orderName: contract.mainOrderName,
    draftName: contract.sourceDraftName,
    customerName: contract.customerName,
    customerEmail: contract.customerEmail,
  };
}

function factsOf(contract: ContractWithFacts): ContractFacts {
  return {
    id: contract.id,
    currency: contract.currency,
    timeZone: contract.timeZone,
    label: contract.mainOrderName ?? contract.sourceDraftName ?? contract.id,
    fulfilledOn: contract.fulfilledOn as CalendarDate | null,
    cancelledOn: cancelledOnOf(contract),
    settlement: settlementOf(contract.cancellation),
    stages: contract.stages.map((stage) => ({
      id: stage.id,
      position: stage.position,
      title: stage.title,
      amountMinor: stage.amountMinor,
      taxShares: taxSharesFromColumn(stage.taxShares).map((share) => ({ title: share.title, amountMinor: share.amount })),
      issueDate: stage.issueDate as CalendarDate | null,
      dueDate: stage.dueDate as CalendarDate | null,
      status: stage.status,
      invoiceNumber: stage.invoiceNumber,
      ...(stage.kind === "lateFee" ? { lateFee: true, waivedOn: stage.waivedOn as CalendarDate | null } : {}),
    })),
    ledger: contract.ledger.map((entry): LedgerFact => ({
      id: entry.id,
      kind: ledgerKindOf(entry.kind),
      amountMinor: entry.amountMinor,
      stageId: entry.stageId,
      occurredAt: entry.occurredAt,
    })),
  };
}

/**
 * The day the contract was cancelled. A contract cancelled before the books recorded that day has none: its last
 * change (in its zone) stands for it, so its unpaid invoices are still credited back.
 */
function cancelledOnOf(contract: Contract): CalendarDate | null {
  if (contract.cancelledOn !== null) return contract.cancelledOn as CalendarDate;
  return contract.status === "cancelled" ? calendarDateAt(contract.updatedAt, contract.timeZone) : null;
}

function settlementOf(column: string | null): SettlementKind | null {
  return cancellationFromColumn(column)?.settlement ?? null;
}

function ledgerKindOf(kind: string): LedgerFact["kind"] {
  if (kind === "payment" || kind === "manualPayment" || kind === "refund" || kind === "earlyPaymentDiscount") return kind;
  throw new RangeError(`ledger entry kind "${kind}" is not one the books know (payment, manualPayment, refund, earlyPaymentDiscount)`);
}
