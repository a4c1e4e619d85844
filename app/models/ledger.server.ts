import type { LedgerEntry as LedgerRow, Prisma } from "@prisma/client";
import { queueMoneyEmails } from "./money-emails.server";
import { writeAudit, type AuditActor } from "./audit-log.server";
import { inTransaction, isUniqueViolation, requireShop, type Database } from "./database.server";
import { NotFoundError } from "./model-errors.server";
import type { PaymentCard } from "../domain/contract/observation";
import { UNPAID_STAGE_STATUSES, type StageStatus } from "../domain/contract/stage-status";
import { moneyHeld } from "../domain/contract/stage-money";

/**
 * "payment": collected through Shopify; "manualPayment": wire or cheque recorded by staff; "refund": money back;
 * "earlyPaymentDiscount": the part of a stage its buyer was let off for paying in time (no money: it settles the
 * stage with the payments that earned it).
 */
export type LedgerKind = "payment" | "manualPayment" | "refund" | "earlyPaymentDiscount";

/** Money that came in: a payment through Shopify or one staff recorded. */
export function isMoneyIn(kind: LedgerKind): boolean {
  return kind === "payment" || kind === "manualPayment";
}

/** The ledger key of a stage's early-payment discount: granted once per stage. */
export function earlyPaymentDiscountRef(stageId: string): string {
  return `early-payment-discount:${stageId}`;
}

export interface LedgerEntry extends Omit<LedgerRow, "kind"> {
  readonly kind: LedgerKind;
}

/** A money movement that cannot be right for its contract: recording it would make the ledger lie. */
export class LedgerEntryRejectedError extends Error {
  constructor(detail: string) {
    super(`ledger entry refused: ${detail}`);
    this.name = "LedgerEntryRejectedError";
  }
}

/** An offline payment's ledger key: it moved outside Shopify, so the ledger names it itself. */
export function offlinePaymentRef(id: string): string {
  return `offline:${id}`;
}

/** The key of the `sequence`th refund given back outside Shopify on a contract (offline money no order shows). */
export function outsideRefundRef(contractId: string, sequence: number): string {
  return `outside-refund:${contractId}:${sequence}`;
}

export function isRefundOutsideShopify(ref: string): boolean {
  return ref.startsWith("outside-refund:");
}

export interface LedgerEntryInput {
  readonly contractId: string;
  /** The stage the money is for; absent for money not (yet) allocated to a stage. */
  readonly stageId?: string;
  readonly kind: LedgerKind;
  /** Always positive; `kind` says which way the money moved. */
  readonly amountMinor: bigint;
  readonly currency: string;
  /** The order transaction, mandate payment or offline-payment id: one entry per reference per shop, ever. */
  readonly shopifyRef: string;
  readonly occurredAt: Date;
  /** Offline money only: how it moved ("Wire transfer") and the buyer's reference (a cheque or transfer number). */
  readonly method?: string;
  readonly reference?: string;
  /** The card that paid it through Shopify (brand and last digits only), when a card did. */
  readonly card?: PaymentCard;
  readonly actor: AuditActor;
}

export interface RecordedLedgerEntry {
  readonly entry: LedgerEntry;
  /** false when the reference was already recorded: the existing entry is returned and nothing changed. */
  readonly created: boolean;
  /** The contract's version after the call (a new entry changes the stage and bumps it). */
  readonly contractVersion: number;
}

/**
 * Records a money movement exactly once. Webhooks arrive more than once and jobs rerun, so the same reference
 * comes back: the entry already stored under [shop, shopifyRef] is returned with `created: false` (and a
 * different movement under a known reference is refused). The stage's `paidMinor` and the audit row change in the
 * same transaction as the insert, so they too happen once.
 */
export async function recordLedgerEntry(db: Database, shop: string, input: LedgerEntryInput): Promise<RecordedLedgerEntry> {
  requireShop(shop);
  assertAboveZero(input);
  return recordAll(db, shop, [input]).then(([recorded]) => recorded!);
}

/** Records several movements all or none (the parts of one split payment), so that a crash never leaves half a split recorded. */
export async function recordLedgerEntries(db: Database, shop: string, inputs: readonly LedgerEntryInput[]): Promise<RecordedLedgerEntry[]> {
  requireShop(shop);
  inputs.forEach(assertAboveZero);
  return recordAll(db, shop, inputs);
}

async function recordAll(db: Database, shop: string, inputs: readonly LedgerEntryInput[]): Promise<RecordedLedgerEntry[]> {
  const record = async (tx: Prisma.TransactionClient) => {
    const recorded = await sequentially(inputs, (input) => recordOnce(tx, shop, input));
    // What the buyer is told of the money commits with it (and only for movements new to the ledger).
    await queueMoneyEmails(
      tx,
      shop,
      recorded.filter((result) => result.created).map((result) => result.entry),
    );
    return recorded;
  };
  try {
    return await inTransaction(db, record);
  } catch (error) {
    // Another transaction stored one of the references between this one's look-up and its insert; it is there now.
    // Inside a caller's transaction the error goes up: PostgreSQL has aborted that transaction.
    if (!isUniqueViolation(error) || !("$transaction" in db)) throw error;
    return inTransaction(db, record);
  }
}

async function sequentially<T, R>(items: readonly T[], run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (const item of items) results.push(await run(item));
  return results;
}

async function recordOnce(tx: Prisma.TransactionClient, shop: string, input: LedgerEntryInput): Promise<RecordedLedgerEntry> {
  const existing = await tx.ledgerEntry.findUnique({ where: { shop_shopifyRef: { shop, shopifyRef: input.shopifyRef } } });
  if (!existing) return insertEntry(tx, shop, input);
  // The same reference must mean the same movement: a clash between different payments is refused, not merged.
  const differs =
    existing.contractId !== input.contractId ||
    (existing.stageId ?? null) !== (input.stageId ?? null) ||
    existing.kind !== input.kind ||
    existing.amountMinor !== input.amountMinor ||
    existing.currency !== input.currency;
  if (differs) {
    throw new LedgerEntryRejectedError(
      `reference ${input.shopifyRef} is already recorded for a different ${existing.kind} of ${existing.amountMinor} ${existing.currency}`,
    );
  }
  const contract = await tx.contract.findFirstOrThrow({ where: { id: existing.contractId, shop }, select: { version: true } });
  return { entry: toLedgerEntry(existing), created: false, contractVersion: contract.version };
}

function assertAboveZero(input: LedgerEntryInput): void {
  if (input.amountMinor <= 0n) throw new LedgerEntryRejectedError(`the amount must be above zero (the kind says the direction), got ${input.amountMinor}`);
}

async function insertEntry(tx: Prisma.TransactionClient, shop: string, input: LedgerEntryInput): Promise<RecordedLedgerEntry> {
  const contract = await tx.contract.findFirst({ where: { id: input.contractId, shop }, select: { currency: true } });
  if (!contract) throw new NotFoundError("contract", input.contractId);
  if (input.currency !== contract.currency) {
    throw new LedgerEntryRejectedError(`the contract is in ${contract.currency}, the ${input.kind} in ${input.currency}`);
  }
  const row = await tx.ledgerEntry.create({
    data: {
      shop,
      contractId: input.contractId,
      stageId: input.stageId ?? null,
      kind: input.kind,
      amountMinor: input.amountMinor,
      currency: input.currency,
      shopifyRef: input.shopifyRef,
      occurredAt: input.occurredAt,
      method: input.method ?? null,
      reference: input.reference ?? null,
      cardBrand: input.card?.brand ?? null,
      cardLastDigits: input.card?.lastDigits ?? null,
    },
  });
  if (input.stageId !== undefined) await applyToStage(tx, input.contractId, input.stageId, input);
  // Any stage or payment change invalidates what a staff member or job read before it.
  const { version } = await tx.contract.update({ where: { id: input.contractId }, data: { version: { increment: 1 } }, select: { version: true } });
  await writeAudit(tx, shop, {
    actor: input.actor,
    action: "ledger.recorded",
    contractId: input.contractId,
    details: {
      entryId: row.id,
      stageId: input.stageId ?? null,
      kind: input.kind,
      amountMinor: input.amountMinor,
      shopifyRef: input.shopifyRef,
      ...(input.method ? { method: input.method } : {}),
      ...(input.reference ? { reference: input.reference } : {}),
    },
  });
  return { entry: toLedgerEntry(row), created: true, contractVersion: version };
}

async function applyToStage(tx: Prisma.TransactionClient, contractId: string, stageId: string, input: LedgerEntryInput): Promise<void> {
  const stage = await tx.stage.findFirst({ where: { id: stageId, contractId }, select: { paidMinor: true, discountMinor: true, refundedMinor: true } });
  if (!stage) throw new NotFoundError("stage", stageId);
  if (input.kind === "earlyPaymentDiscount") {
    await tx.stage.update({ where: { id: stageId }, data: { paidMinor: { increment: input.amountMinor }, discountMinor: { increment: input.amountMinor } } });
    return;
  }
  if (input.kind !== "refund") {
    await tx.stage.update({ where: { id: stageId }, data: { paidMinor: { increment: input.amountMinor } } });
    return;
  }
  // A granted discount settled the stage but is no money to give back.
  const holds = moneyHeld(stage);
  if (input.amountMinor > holds) {
    throw new LedgerEntryRejectedError(`a refund of ${input.amountMinor} is more than the ${holds} stage ${stageId} holds; allocate it across stages`);
  }
  await tx.stage.update({ where: { id: stageId }, data: { refundedMinor: { increment: input.amountMinor } } });
}

/** Whether the shop's ledger already holds a movement under this reference. */
export async function hasLedgerEntry(db: Database, shop: string, shopifyRef: string): Promise<boolean> {
  requireShop(shop);
  return (await db.ledgerEntry.count({ where: { shop, shopifyRef } })) > 0;
}

/** The contract's entries, oldest first; empty for an unknown id or another shop's. */
export async function listLedgerEntries(db: Database, shop: string, contractId: string): Promise<LedgerEntry[]> {
  requireShop(shop);
  const rows = await db.ledgerEntry.findMany({ where: { shop, contractId }, orderBy: [{ occurredAt: "asc" }, { id: "asc" }] });
  return rows.map(toLedgerEntry);
}

export interface LedgerTotals {
  /** Payments and manual payments. */
  readonly receivedMinor: bigint;
  readonly refundedMinor: bigint;
  /** Received minus refunded. */
  readonly netMinor: bigint;
  /** Early-payment discounts granted: no money, but they settle what the stages asked for with it. */
  readonly discountedMinor: bigint;
}

/** Sums for a contract, or for one of its stages; zero for an unknown id or another shop's. */
export async function ledgerTotals(db: Database, shop: string, scope: { readonly contractId: string; readonly stageId?: string }): Promise<LedgerTotals> {
  requireShop(shop);
  const groups = await db.ledgerEntry.groupBy({
    by: ["kind"],
    where: { shop, contractId: scope.contractId, ...(scope.stageId === undefined ? {} : { stageId: scope.stageId }) },
    _sum: { amountMinor: true },
  });
  let receivedMinor = 0n;
  let refundedMinor = 0n;
  let discountedMinor = 0n;
  for (const group of groups) {
    const sum = group._sum.amountMinor ?? 0n;
    if (group.kind === "refund") refundedMinor += sum;
    else if (group.kind === "earlyPaymentDiscount") discountedMinor += sum;
    else receivedMinor += sum;
  }
  return { receivedMinor, refundedMinor, netMinor: receivedMinor - refundedMinor, discountedMinor };
}

export interface ContractBalance extends LedgerTotals {
  readonly totalMinor: bigint;
  /**
   * What the buyer still owes: the unpaid part of every stage still collected. A refund does not add to it (it gives
   * back money for something no longer owed), and a cancelled stage is owed nothing.
   */
  readonly outstandingMinor: bigint;
  /** Received on stages that were cancelled afterwards, or before they were due in full: money staff must settle. */
  readonly receivedOnCancelledMinor: bigint;
  /**
   * Every stage still collected was received in full, and none keeps more than its amount (an overpayment refunded
   * back is fine): the end state of every collected contract.
   */
  readonly settled: boolean;
}

/** The contract's total against its ledger; null for an unknown id or another shop's. */
export async function contractBalance(db: Database, shop: string, contractId: string): Promise<ContractBalance | null> {
  requireShop(shop);
  const contract = await db.contract.findFirst({
    where: { id: contractId, shop },
    select: { totalMinor: true, stages: { select: { status: true, amountMinor: true, paidMinor: true, discountMinor: true, refundedMinor: true } } },
  });
  if (!contract) return null;
  const totals = await ledgerTotals(db, shop, { contractId });
  let outstandingMinor = 0n;
  let receivedOnCancelledMinor = 0n;
  let settled = true;
  for (const stage of contract.stages) {
    if (UNPAID_STAGE_STATUSES.includes(stage.status as StageStatus) && stage.amountMinor > stage.paidMinor)
      outstandingMinor += stage.amountMinor - stage.paidMinor;
    if (stage.status === "cancelled") receivedOnCancelledMinor += moneyHeld(stage);
    else if (stage.paidMinor < stage.amountMinor || stage.paidMinor - stage.refundedMinor > stage.amountMinor) settled = false;
  }
  return { ...totals, totalMinor: contract.totalMinor, outstandingMinor, receivedOnCancelledMinor, settled };
}

function toLedgerEntry(row: LedgerRow): LedgerEntry {
  // Only recordLedgerEntry writes `kind`, from the LedgerKind union.
  return { ...row, kind: row.kind as LedgerKind };
}
