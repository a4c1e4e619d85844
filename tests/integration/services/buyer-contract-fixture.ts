import type { PrismaClient } from "@prisma/client";
import type { Cancellation } from "../../../app/domain/contract/contract-state";
import type { StageStatus } from "../../../app/domain/contract/stage-status";
import type { CalendarDate } from "../../../app/domain/dates/calendar-date";
import { buildStatement, type Statement, type StatementEvent } from "../../../app/domain/documents/statement";
import { cancelContractRecord, createContract, getContract, stageAt, updateStage, type StoredContract } from "../../../app/models/contracts.server";
import { assignStageInvoiceNumber } from "../../../app/models/invoice-numbers.server";
import { recordLedgerEntry, type LedgerKind } from "../../../app/models/ledger.server";
import { createPlan } from "../../../app/models/plans.server";
import { scheduledOrder } from "../models/contract-fixture";

/** The contracts the buyer's statement and portal tests stand on: created, invoiced, paid and cancelled as the app would. */

export interface BuyerContractSeed {
  readonly shop: string;
  /** The draft's name (#D7): what the buyer's documents call the contract until an order exists. */
  readonly quoteName: string;
  readonly customerId?: string;
  readonly currency?: string;
  /** 1200.00 by default: the 30/50/20 preset makes 360.00 / 600.00 / 240.00 of it. */
  readonly total?: string;
  readonly timeZone?: string;
  readonly orderDate?: string;
}

let seeded = 0;

export async function seedBuyerContract(db: PrismaClient, seed: BuyerContractSeed): Promise<StoredContract> {
  seeded += 1;
  const timeZone = seed.timeZone ?? "Europe/Berlin";
  const plan = await createPlan(db, seed.shop, { name: `Buyer plan ${seeded}`, config: { preset: "deposit-30-50-20-net30" }, actor: "system" });
  const order = { currency: seed.currency ?? "EUR", total: seed.total ?? "1200.00", timeZone, orderDate: seed.orderDate ?? "2026-10-01" };
  return createContract(db, seed.shop, {
    planId: plan.id,
    draftOrderId: `gid://shopify/DraftOrder/${9000 + seeded}`,
    sourceDraftName: seed.quoteName,
    timeZone,
    mode: "stageOrder",
    actor: "system",
    ...(seed.customerId ? { customerId: seed.customerId, customerName: "Ada Buyer", customerEmail: "ada@buyer.test" } : {}),
    ...scheduledOrder("deposit-30-50-20-net30", order),
  });
}

async function reread(db: PrismaClient, shop: string, contractId: string): Promise<StoredContract> {
  const contract = await getContract(db, shop, contractId);
  if (!contract) throw new Error(`contract ${contractId} is gone`);
  return contract;
}

/** Numbers the stage's invoice and marks it invoiced (with the dates the collection would give a dated stage). */
export async function invoiceStage(
  db: PrismaClient,
  shop: string,
  contractId: string,
  position: number,
  dates: { readonly issueDate?: CalendarDate | null; readonly dueDate?: CalendarDate | null } = {},
): Promise<StoredContract> {
  const contract = await reread(db, shop, contractId);
  const stage = stageAt(contract, position);
  await assignStageInvoiceNumber(db, shop, contractId, stage.id);
  const changes = { ...dates, ...(stage.status === "scheduled" ? { status: "invoiced" as const, payUrl: `https://pay.test/${contractId}/${position}` } : {}) };
  return updateStage(db, shop, { contractId, stageId: stage.id, version: contract.version, changes, actor: "system" });
}

export async function setStageStatus(db: PrismaClient, shop: string, contractId: string, position: number, status: StageStatus): Promise<StoredContract> {
  const contract = await reread(db, shop, contractId);
  const stageId = stageAt(contract, position).id;
  return updateStage(db, shop, { contractId, stageId, version: contract.version, changes: { status }, actor: "system" });
}

let references = 0;

/** One ledger movement on the stage at `position`; offline payments carry a method and the buyer's reference. */
export async function recordMoney(
  db: PrismaClient,
  shop: string,
  contractId: string,
  money: { readonly position: number; readonly kind: LedgerKind; readonly amountMinor: bigint; readonly at: string | Date; readonly reference?: string },
): Promise<void> {
  references += 1;
  const contract = await reread(db, shop, contractId);
  await recordLedgerEntry(db, shop, {
    contractId,
    stageId: stageAt(contract, money.position).id,
    kind: money.kind,
    amountMinor: money.amountMinor,
    currency: contract.currency,
    shopifyRef: `test-money-${references}`,
    occurredAt: new Date(money.at),
    ...(money.kind === "manualPayment" ? { method: "Wire transfer", reference: money.reference ?? `WT-${references}` } : {}),
    actor: "system",
  });
}

export async function cancelWith(db: PrismaClient, shop: string, contractId: string, cancellation: Cancellation | undefined): Promise<StoredContract> {
  const contract = await reread(db, shop, contractId);
  return cancelContractRecord(db, shop, {
    contractId,
    version: contract.version,
    reason: "test",
    at: new Date(),
    ...(cancellation ? { cancellation } : {}),
    actor: "system",
  });
}

/** Every event, from long before the first to long after the last. */
export function wholeStatement(currency: string, events: readonly StatementEvent[]): Statement {
  return buildStatement(currency, events, { from: "2020-01-01" as CalendarDate, to: "2035-12-31" as CalendarDate });
}

export function sumOfKind(events: readonly StatementEvent[], kind: StatementEvent["kind"]): bigint {
  return events.filter((event) => event.kind === kind).reduce((sum, event) => sum + event.amountMinor, 0n);
}
