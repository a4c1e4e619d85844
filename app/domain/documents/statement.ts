import type { CalendarDate } from "../dates/calendar-date";
import { currencyFor } from "../money/currency";
import { PlanError } from "../plan-error";

/**
 * A buyer's account statement for a period, in one currency, read like an accounts-receivable ledger. The balance is
 * what the buyer owes the seller (negative: the seller owes the buyer).
 *
 * Sign convention:
 * - invoice: debit. A stage was invoiced (it has a number); the buyer owes its amount.
 * - payment: credit. Money received from the buyer.
 * - cancellation: credit. A credit note for what the buyer no longer owes on an invoiced stage: its amount less what
 *   they keep paid (paid − refunded). A stage refunded in full is credited in full.
 * - refund: debit. Money paid back to the buyer; it settles the credit a cancellation gave, so a contract cancelled
 *   and refunded closes at zero.
 */

export type StatementEventKind = "invoice" | "payment" | "refund" | "cancellation";

export interface StatementEvent {
  readonly date: CalendarDate;
  readonly kind: StatementEventKind;
  readonly contractId: string;
  /** What the buyer can look up: the invoice number (TR-000004), the payment reference, the order name. */
  readonly reference: string;
  readonly description: string;
  /** Above zero; the kind gives the sign. */
  readonly amountMinor: bigint;
  readonly currency: string;
}

/** Both days included. */
export interface StatementPeriod {
  readonly from: CalendarDate;
  readonly to: CalendarDate;
}

export interface StatementLine {
  readonly date: CalendarDate;
  readonly kind: StatementEventKind;
  readonly reference: string;
  readonly description: string;
  readonly contractId: string;
  /** Exactly one of debit and credit is above zero. */
  readonly debitMinor: bigint;
  readonly creditMinor: bigint;
  /** The running balance after this line. */
  readonly balanceMinor: bigint;
}

/** Sums of the period's lines, by kind. */
export interface StatementTotals {
  readonly invoicedMinor: bigint;
  readonly paidMinor: bigint;
  readonly refundedMinor: bigint;
  readonly cancelledMinor: bigint;
}

export interface Statement {
  readonly currency: string;
  readonly from: CalendarDate;
  readonly to: CalendarDate;
  /** The balance of every event before `from`. */
  readonly openingMinor: bigint;
  /** The period's events by date; on one day invoices, then payments, cancellations and refunds, then by reference. */
  readonly lines: readonly StatementLine[];
  readonly closingMinor: bigint;
  readonly totals: StatementTotals;
}

/** Input a caller must fix; `field` names it (`period.to`, `events[3].currency`). */
export class StatementError extends Error {
  readonly field: string;

  constructor(field: string, detail: string) {
    super(`${field}: ${detail}`);
    this.name = "StatementError";
    this.field = field;
  }
}

const DEBIT_KINDS: ReadonlySet<StatementEventKind> = new Set(["invoice", "refund"]);

/** On one day: what is owed first, then what settles it, so the running balance reads as it happened. */
const SAME_DAY_RANK: Readonly<Record<StatementEventKind, number>> = { invoice: 0, payment: 1, cancellation: 2, refund: 3 };

/** The statement of `events` (all in `currency`) for `period`: events before it open the balance, later ones are left out. */
export function buildStatement(currency: string, events: readonly StatementEvent[], period: StatementPeriod): Statement {
  checkPeriod(period);
  const code = currencyCode(currency, "currency");
  events.forEach((event, index) => checkEvent(event, index, code));

  const openingMinor = events.filter((event) => event.date < period.from).reduce((balance, event) => balance + signedAmount(event), 0n);
  const inPeriod = events.filter((event) => event.date >= period.from && event.date <= period.to).sort(byStatementOrder);

  let balance = openingMinor;
  const lines = inPeriod.map((event): StatementLine => {
    balance += signedAmount(event);
    const debit = DEBIT_KINDS.has(event.kind);
    return {
      date: event.date,
      kind: event.kind,
      reference: event.reference,
      description: event.description,
      contractId: event.contractId,
      debitMinor: debit ? event.amountMinor : 0n,
      creditMinor: debit ? 0n : event.amountMinor,
      balanceMinor: balance,
    };
  });

  const sumOf = (kind: StatementEventKind) => inPeriod.filter((event) => event.kind === kind).reduce((sum, event) => sum + event.amountMinor, 0n);
  return {
    currency: code,
    from: period.from,
    to: period.to,
    openingMinor,
    lines,
    closingMinor: balance,
    totals: { invoicedMinor: sumOf("invoice"), paidMinor: sumOf("payment"), refundedMinor: sumOf("refund"), cancelledMinor: sumOf("cancellation") },
  };
}

/** One statement per currency the events are in, by currency code; none when there are no events. */
export function statementsByCurrency(events: readonly StatementEvent[], period: StatementPeriod): Statement[] {
  checkPeriod(period);
  const byCurrency = new Map<string, StatementEvent[]>();
  events.forEach((event, index) => {
    const code = currencyCode(event.currency, `events[${index}].currency`);
    byCurrency.set(code, [...(byCurrency.get(code) ?? []), event]);
  });
  return [...byCurrency.keys()].sort().map((code) => buildStatement(code, byCurrency.get(code) ?? [], period));
}

function checkPeriod(period: StatementPeriod): void {
  if (period.from > period.to) throw new StatementError("period.to", `${period.to} is before the period's start ${period.from}`);
}

function checkEvent(event: StatementEvent, index: number, code: string): void {
  if (currencyCode(event.currency, `events[${index}].currency`) !== code) {
    throw new StatementError(`events[${index}].currency`, `${event.currency} in a ${code} statement: build one statement per currency (statementsByCurrency)`);
  }
  if (event.amountMinor <= 0n) {
    throw new StatementError(`events[${index}].amountMinor`, `must be above zero, not ${event.amountMinor} (the kind "${event.kind}" gives the sign)`);
  }
}

function currencyCode(code: string, field: string): string {
  try {
    return currencyFor(code).code;
  } catch (error) {
    if (error instanceof PlanError) throw new StatementError(field, error.detail);
    throw error;
  }
}

function signedAmount(event: StatementEvent): bigint {
  return DEBIT_KINDS.has(event.kind) ? event.amountMinor : -event.amountMinor;
}

/** Code-unit comparison, not the locale's: the same events always give the same order. */
function byStatementOrder(a: StatementEvent, b: StatementEvent): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  if (a.kind !== b.kind) return SAME_DAY_RANK[a.kind] - SAME_DAY_RANK[b.kind];
  if (a.reference !== b.reference) return a.reference < b.reference ? -1 : 1;
  return 0;
}
