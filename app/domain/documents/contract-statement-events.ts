import type { Cancellation, ContractStageKind } from "../contract/contract-state";
import { calendarDateAt, type CalendarDate } from "../dates/calendar-date";
import { stageNumbering } from "./stage-numbering";
import type { StatementEvent } from "./statement";

/**
 * One contract's statement events (app/domain/documents/statement.ts has the sign convention), from its stages and
 * its ledger. Read as an accounts-receivable ledger, the balance is what the buyer owes:
 *
 * - A stage is billed once it has an invoice number, on its issue date (or, lacking one, the day it was numbered, else
 *   its due date, else the contract's first day). A stage that received money without ever being invoiced (the whole
 *   balance paid at once through the main order) is billed on the day its first money arrived, under the order's name:
 *   otherwise its payment would read as a credit the buyer does not have.
 * - Every ledger payment is a payment, every ledger refund a refund, on its day in the contract's time zone. An
 *   early-payment discount is a credit note on the stage's invoice, on the day the payment that earned it arrived.
 * - A refund gives back money for something no longer owed (README: "a refund is a credit"), so a refund from a billed
 *   stage comes with a credit note of the same amount on its day, but for the part that returns an overpayment (money
 *   beyond the stage's amount was never owed). Refunds after a cancellation settle it instead (below).
 * - A cancelled contract credits each billed stage, on the cancellation's day, with its amount less what the seller
 *   keeps of it and less the refund credit notes it already had. What is kept follows the settlement staff chose:
 *   "close" (and a cancellation in Shopify, which has none) keeps what the stage holds, so the statement closes at
 *   zero; "keepAsCredit" and "refund all" keep nothing, so it closes at minus what is held, the buyer's credit or the
 *   money still to be refunded (zero once it is); "refund part" keeps what is held less the part, which closes at
 *   minus the part until it is refunded. An early-payment discount granted is kept whatever the settlement: it was
 *   credited already.
 *
 * Money recorded on no stage is a payment or refund with nothing billed against it (a credit, or a debit).
 */

export interface StatementStage {
  readonly id: string;
  readonly position: number;
  readonly kind: ContractStageKind;
  readonly title: string;
  readonly amountMinor: bigint;
  readonly invoiceNumber: string | null;
  readonly issueDate: CalendarDate | null;
  readonly dueDate: CalendarDate | null;
  /** When the stage got its invoice number (its audit row), for a stage invoiced without an issue date. */
  readonly numberedAt: Date | null;
}

export interface StatementMoney {
  readonly stageId: string | null;
  readonly kind: "payment" | "manualPayment" | "refund" | "earlyPaymentDiscount";
  readonly amountMinor: bigint;
  readonly occurredAt: Date;
  /** Offline money only: how it moved ("Wire transfer") and the buyer's own reference. */
  readonly method: string | null;
  readonly reference: string | null;
}

export interface StatementContract {
  readonly id: string;
  readonly currency: string;
  readonly timeZone: string;
  /** What the buyer calls it: the order's name, else the quote's. */
  readonly name: string | null;
  readonly createdAt: Date;
  /** Null while the contract is not cancelled; `settlement` is null for a cancellation in Shopify. */
  readonly cancelled: { readonly at: Date; readonly settlement: Cancellation | null } | null;
  /** By position. */
  readonly stages: readonly StatementStage[];
  readonly ledger: readonly StatementMoney[];
}

/** The statement's words in the buyer's language. */
export interface StatementWords {
  paymentOf(position: number, count: number): string;
  received(method: string | null): string;
  readonly refund: string;
  readonly creditNote: string;
  readonly earlyPaymentDiscount: string;
}

interface BilledStage {
  readonly stage: StatementStage;
  readonly billedOn: CalendarDate;
  readonly reference: string;
  readonly description: string;
  /** Money received on the stage. */
  readonly paidMinor: bigint;
  readonly refundedMinor: bigint;
  /** The early-payment discount granted on it (a credit note, no money). */
  readonly discountMinor: bigint;
  /** The money the stage holds towards its amount: received less refunded, within 0 and what the discount leaves. */
  readonly heldMinor: bigint;
}

export function contractStatementEvents(contract: StatementContract, words: StatementWords): StatementEvent[] {
  const dayOf = (instant: Date) => calendarDateAt(instant, contract.timeZone);
  const event = (date: CalendarDate, kind: StatementEvent["kind"], reference: string, description: string, amountMinor: bigint): StatementEvent[] =>
    amountMinor > 0n ? [{ date, kind, contractId: contract.id, reference, description, amountMinor, currency: contract.currency }] : [];
  const contractReference = contract.name ?? contract.id;
  // "Payment 2 of 3 — Balance (#1002)"; a late fee by its title alone: "Late fee on payment 2 of 3 (Balance) (#1002)".
  const stageDescription = (stage: StatementStage) => {
    const numbering = stageNumbering(stage, contract.stages);
    const name = numbering.lateFee ? stage.title : `${words.paymentOf(numbering.position, numbering.count)} — ${stage.title}`;
    return `${name}${contract.name ? ` (${contract.name})` : ""}`;
  };

  const billed = billedStages(contract, dayOf, contractReference, stageDescription);
  const billedById = new Map(billed.map((entry) => [entry.stage.id, entry]));
  const describe = (stageId: string | null) => {
    const entry = stageId === null ? undefined : billedById.get(stageId);
    return { reference: entry?.reference ?? contractReference, description: entry?.description ?? contractReference };
  };

  const invoices = billed.flatMap((entry) => event(entry.billedOn, "invoice", entry.reference, entry.description, entry.stage.amountMinor));
  const money = contract.ledger.flatMap((entry) => {
    const { reference, description } = describe(entry.stageId);
    if (entry.kind === "refund") return event(dayOf(entry.occurredAt), "refund", reference, `${words.refund}: ${description}`, entry.amountMinor);
    if (entry.kind === "earlyPaymentDiscount") {
      return event(dayOf(entry.occurredAt), "cancellation", reference, `${words.earlyPaymentDiscount}: ${description}`, entry.amountMinor);
    }
    return event(dayOf(entry.occurredAt), "payment", entry.reference ?? reference, `${words.received(entry.method)}: ${description}`, entry.amountMinor);
  });

  const { cancelled } = contract;
  const kept = cancelled === null ? new Map<string, bigint>() : keptOnCancellation(contract, cancelled.settlement, billed);
  const credits = billed.flatMap((entry) => {
    const notes = refundCreditNotes(contract, entry);
    const creditNote = (date: CalendarDate, amountMinor: bigint) =>
      event(date, "cancellation", entry.reference, `${words.creditNote}: ${entry.description}`, amountMinor);
    const ofRefunds = notes.flatMap((note) => creditNote(dayOf(note.occurredAt), note.amountMinor));
    if (cancelled === null) return ofRefunds;
    const creditedMinor = notes.reduce((sum, note) => sum + note.amountMinor, 0n);
    const keptMinor = entry.discountMinor + (kept.get(entry.stage.id) ?? 0n);
    return [...ofRefunds, ...creditNote(dayOf(cancelled.at), entry.stage.amountMinor - keptMinor - creditedMinor)];
  });

  return [...invoices, ...money, ...credits];
}

/**
 * The day an invoiced stage's invoice is dated, on the statement and on the invoice PDF alike: its issue date, else the
 * day it got its number, else its due date, else the contract's first day.
 */
export function invoiceDateOf(
  stage: Pick<StatementStage, "issueDate" | "numberedAt" | "dueDate">,
  contract: Pick<StatementContract, "createdAt" | "timeZone">,
): CalendarDate {
  return (
    stage.issueDate ??
    (stage.numberedAt ? calendarDateAt(stage.numberedAt, contract.timeZone) : null) ??
    stage.dueDate ??
    calendarDateAt(contract.createdAt, contract.timeZone)
  );
}

function billedStages(
  contract: StatementContract,
  dayOf: (instant: Date) => CalendarDate,
  contractReference: string,
  stageDescription: (stage: StatementStage) => string,
): BilledStage[] {
  return contract.stages.flatMap((stage): BilledStage[] => {
    const entries = contract.ledger.filter((entry) => entry.stageId === stage.id);
    const payments = entries.filter(isMoney);
    const paidMinor = sumOf(payments);
    const refundedMinor = sumOf(entries.filter((entry) => entry.kind === "refund"));
    const discountMinor = sumOf(entries.filter((entry) => entry.kind === "earlyPaymentDiscount"));
    const firstPayment = [...payments].sort(byOccurrence)[0];
    const billedOn = stage.invoiceNumber !== null ? invoiceDateOf(stage, contract) : firstPayment ? dayOf(firstPayment.occurredAt) : null;
    if (billedOn === null) return [];
    const heldMinor = clamp(paidMinor - refundedMinor, 0n, stage.amountMinor - discountMinor);
    const reference = stage.invoiceNumber ?? contractReference;
    return [{ stage, billedOn, reference, description: stageDescription(stage), paidMinor, refundedMinor, discountMinor, heldMinor }];
  });
}

/**
 * The credit notes that come with a billed stage's refunds (before its contract's cancellation, if any): each refund
 * first gives back what the stage received beyond its amount, which was never owed, then credits the rest.
 */
function refundCreditNotes(contract: StatementContract, billed: BilledStage): { occurredAt: Date; amountMinor: bigint }[] {
  const overpaid = billed.paidMinor + billed.discountMinor - billed.stage.amountMinor;
  let overpaidMinor = overpaid > 0n ? overpaid : 0n;
  return contract.ledger
    .filter((entry) => entry.stageId === billed.stage.id && entry.kind === "refund")
    .filter((entry) => contract.cancelled === null || entry.occurredAt < contract.cancelled.at)
    .sort(byOccurrence)
    .map((entry) => {
      const givesBackOverpayment = entry.amountMinor < overpaidMinor ? entry.amountMinor : overpaidMinor;
      overpaidMinor -= givesBackOverpayment;
      return { occurredAt: entry.occurredAt, amountMinor: entry.amountMinor - givesBackOverpayment };
    });
}

/** The money the seller keeps of each billed stage of a cancelled contract, by the settlement (see the module comment). */
function keptOnCancellation(contract: StatementContract, settlement: Cancellation | null, billed: readonly BilledStage[]): Map<string, bigint> {
  if (settlement === null || settlement.settlement === "close") return new Map(billed.map((entry) => [entry.stage.id, entry.heldMinor]));
  if (settlement.settlement === "keepAsCredit" || settlement.amount === "all") return new Map();
  // Refund part: the refund comes on top of what was refunded before the cancellation; the rest is kept.
  const receivedMinor = sumOf(contract.ledger.filter(isMoney));
  const heldMinor = receivedMinor - sumOf(contract.ledger.filter((entry) => entry.kind === "refund"));
  let keepMinor = clamp(receivedMinor - settlement.refundedBefore - settlement.amount, 0n, heldMinor > 0n ? heldMinor : 0n);
  return new Map(
    billed.map((entry) => {
      const kept = entry.heldMinor < keepMinor ? entry.heldMinor : keepMinor;
      keepMinor -= kept;
      return [entry.stage.id, kept];
    }),
  );
}

function isMoney(entry: StatementMoney): boolean {
  return entry.kind === "payment" || entry.kind === "manualPayment";
}

function sumOf(entries: readonly StatementMoney[]): bigint {
  return entries.reduce((sum, entry) => sum + entry.amountMinor, 0n);
}

function clamp(value: bigint, low: bigint, high: bigint): bigint {
  if (value < low) return low;
  return value > high ? high : value;
}

function byOccurrence(a: StatementMoney, b: StatementMoney): number {
  return a.occurredAt.getTime() - b.occurredAt.getTime();
}
