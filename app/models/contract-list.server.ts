import { Prisma } from "@prisma/client";

import { contractAttention, isStillOwed, type AttentionStage, type ContractBadgeKind } from "../domain/contract/contract-attention";
import type { ContractStatus } from "../domain/contract/contract-state";
import { moneyReceived } from "../domain/contract/stage-money";
import type { StageStatus } from "../domain/contract/stage-status";
import type { CalendarDate } from "../domain/dates/calendar-date";
import type { StageKind } from "../domain/plan/plan";
import { contractConditions, OWED_STAGE, type ContractFilter } from "./contracts.server";
import { requireShop, type Database } from "./database.server";

/** What the contracts list sorts by: when a contract was made, its next due date, its total, its customer's name. */
export type ContractSortKey = "created" | "nextDue" | "total" | "customer";

export interface ContractOrder {
  readonly by: ContractSortKey;
  readonly direction: "asc" | "desc";
}

/** One stage of a list row: what the badges and the per-stage export read. Money in minor units. */
export interface ContractListStage extends AttentionStage {
  /** The part of `paidMinor` that is an early-payment discount granted, not money. */
  readonly discountMinor: bigint;
  readonly title: string;
  readonly invoiceNumber: string | null;
}

/** One contract as the list and its CSV export show it. Money in minor units of `currency`. */
export interface ContractListRow {
  readonly id: string;
  /** The source draft's name (#D12); null for a contract attached before names were kept. */
  readonly draftName: string | null;
  readonly draftOrderId: string;
  /** The main order's name (#1002), once the draft became one. */
  readonly orderName: string | null;
  readonly customerName: string | null;
  readonly customerEmail: string | null;
  readonly status: ContractStatus;
  /** Its badge on the list's day: why it needs staff when it does (contract-attention.ts), else its status. */
  readonly badge: ContractBadgeKind;
  readonly currency: string;
  readonly totalMinor: bigint;
  /** Money received on its stages, refunds not taken off; early-payment discounts are in `discountMinor`. */
  readonly paidMinor: bigint;
  /** The early-payment discounts granted on its stages: what settled them without money. */
  readonly discountMinor: bigint;
  readonly refundedMinor: bigint;
  /** What the buyer still owes on stages that expect money. */
  readonly outstandingMinor: bigint;
  /** The owed stage due first (the first owed by position when none is dated); null when nothing is owed. */
  readonly nextStage: ContractListStage | null;
  readonly createdAt: Date;
  /** By position. */
  readonly stages: readonly ContractListStage[];
}

/** Which rows: those matching `filter`, in `order`, read on the shop's `today` (overdue is a matter of the day). */
export interface ContractRowsQuery {
  readonly filter: ContractFilter;
  readonly order: ContractOrder;
  readonly today: CalendarDate;
  /** A page of them; every one when absent (the CSV export). */
  readonly page?: { readonly limit: number; readonly offset: number };
}

/** Contracts are read whole this many at a time. */
const DETAIL_BATCH = 1_000;

/**
 * The shop's contracts matching the filter as list rows, sorted by the database. The ids come first, in order (an
 * index walk for the newest or oldest, a sort of the shop's contracts otherwise); only those contracts are then
 * read with their stages, a thousand at a time, so a page costs the same at 20,000 contracts as at 50 but for the
 * sort, and the whole export stays a few queries per thousand.
 */
export async function listContractRows(db: Database, shop: string, query: ContractRowsQuery): Promise<ContractListRow[]> {
  requireShop(shop);
  const page = query.page;
  if (page && (!Number.isSafeInteger(page.limit) || page.limit < 1 || !Number.isSafeInteger(page.offset) || page.offset < 0)) {
    throw new RangeError(`a page needs a positive whole limit and an offset of 0 or more, not ${page.limit} and ${page.offset}`);
  }
  const ids = (
    await db.$queryRaw<{ id: string }[]>`
      SELECT c."id" FROM "Contract" c
      ${query.order.by === "nextDue" ? OWED_STAGES_JOIN : Prisma.empty}
      WHERE ${contractConditions(shop, query.filter)}
      ${query.order.by === "nextDue" ? Prisma.sql`GROUP BY c."id"` : Prisma.empty}
      ORDER BY ${orderBy(query.order)}
      ${page ? Prisma.sql`LIMIT ${page.limit} OFFSET ${page.offset}` : Prisma.empty}`
  ).map((row) => row.id);
  const byId = new Map<string, ContractListRow>();
  for (let start = 0; start < ids.length; start += DETAIL_BATCH) {
    for (const row of await readRows(db, shop, ids.slice(start, start + DETAIL_BATCH), query.today)) byId.set(row.id, row);
  }
  // A contract deleted between the two reads (a shop's redaction) is left out rather than failing the list.
  return ids.flatMap((id) => byId.get(id) ?? []);
}

interface ContractColumns {
  readonly id: string;
  readonly sourceDraftName: string | null;
  readonly sourceDraftOrderId: string;
  readonly mainOrderId: string | null;
  readonly mainOrderName: string | null;
  readonly customerName: string | null;
  readonly customerEmail: string | null;
  readonly status: string;
  readonly currency: string;
  readonly totalMinor: bigint;
  readonly createdAt: Date;
}

interface StageColumns {
  readonly contractId: string;
  readonly position: number;
  readonly kind: string;
  readonly title: string;
  readonly status: string;
  readonly amountMinor: bigint;
  readonly paidMinor: bigint;
  readonly discountMinor: bigint;
  readonly refundedMinor: bigint;
  readonly dueDate: string | null;
  readonly attempts: number;
  readonly chargeKey: string | null;
  readonly parkedReason: string | null;
  readonly invoiceNumber: string | null;
}

/** The contracts among `ids` with their stages, as rows. Plain SQL: Prisma's nested reads took ten times as long at 20,000. */
async function readRows(db: Database, shop: string, ids: readonly string[], today: CalendarDate): Promise<ContractListRow[]> {
  const [contracts, stages] = await Promise.all([
    db.$queryRaw<ContractColumns[]>`
      SELECT "id", "sourceDraftName", "sourceDraftOrderId", "mainOrderId", "mainOrderName", "customerName", "customerEmail",
        "status", "currency", "totalMinor", "createdAt"
      FROM "Contract" WHERE "shop" = ${shop} AND "id" IN (${Prisma.join(ids)})`,
    db.$queryRaw<StageColumns[]>`
      SELECT s."contractId", s."position", s."kind", s."title", s."status", s."amountMinor", s."paidMinor", s."discountMinor",
        s."refundedMinor", s."dueDate", s."attempts", s."chargeKey", s."parkedReason", s."invoiceNumber"
      FROM "Stage" s JOIN "Contract" c ON c."id" = s."contractId"
      WHERE c."shop" = ${shop} AND c."id" IN (${Prisma.join(ids)})
      ORDER BY s."contractId", s."position"`,
  ]);
  const stagesOf = new Map<string, ContractListStage[]>();
  for (const { contractId, ...stage } of stages) {
    const list = stagesOf.get(contractId) ?? [];
    // Kinds and statuses are written by this app only, from their union types.
    list.push({ ...stage, kind: stage.kind as StageKind, status: stage.status as StageStatus, dueDate: stage.dueDate as CalendarDate | null });
    stagesOf.set(contractId, list);
  }
  return contracts.map((contract) => toListRow(contract, stagesOf.get(contract.id) ?? [], today));
}

function toListRow(contract: ContractColumns, stages: readonly ContractListStage[], today: CalendarDate): ContractListRow {
  const status = contract.status as ContractStatus;
  const owed = stages.filter(isStillOwed);
  const sum = (amounts: bigint[]) => amounts.reduce((total, amount) => total + amount, 0n);
  return {
    id: contract.id,
    draftName: contract.sourceDraftName,
    draftOrderId: contract.sourceDraftOrderId,
    orderName: contract.mainOrderName,
    customerName: contract.customerName,
    customerEmail: contract.customerEmail,
    status,
    badge: contractAttention({ status, mainOrderId: contract.mainOrderId, stages }, today),
    currency: contract.currency,
    totalMinor: contract.totalMinor,
    paidMinor: sum(stages.map(moneyReceived)),
    discountMinor: sum(stages.map((stage) => stage.discountMinor)),
    refundedMinor: sum(stages.map((stage) => stage.refundedMinor)),
    outstandingMinor: sum(owed.map((stage) => stage.amountMinor - stage.paidMinor)),
    nextStage: [...owed].sort(dueFirst)[0] ?? null,
    createdAt: contract.createdAt,
    stages,
  };
}

/** By due date, an undated stage after every dated one; then by position. YYYY-MM-DD dates sort as text. */
function dueFirst(a: ContractListStage, b: ContractListStage): number {
  if (a.dueDate !== b.dueDate) return a.dueDate === null ? 1 : b.dueDate === null ? -1 : a.dueDate < b.dueDate ? -1 : 1;
  return a.position - b.position;
}

/**
 * Every order ends on the newest contract first, so equal keys (two contracts due the same day) keep one order from
 * page to page. Amounts in different currencies do not compare: a sort by total keeps each currency's contracts
 * together. A contract owing nothing has no next due date and comes last either way.
 */
function orderBy(order: ContractOrder): Prisma.Sql {
  const direction = Prisma.raw(order.direction === "asc" ? "ASC" : "DESC");
  const newestFirst = Prisma.sql`c."createdAt" DESC, c."id" DESC`;
  switch (order.by) {
    case "created":
      return Prisma.sql`c."createdAt" ${direction}, c."id" ${direction}`;
    case "nextDue":
      return Prisma.sql`MIN(s."dueDate") ${direction} NULLS LAST, ${newestFirst}`;
    case "total":
      return Prisma.sql`c."currency" ASC, c."totalMinor" ${direction}, ${newestFirst}`;
    case "customer":
      return Prisma.sql`lower(COALESCE(c."customerName", c."customerEmail")) ${direction} NULLS LAST, ${newestFirst}`;
  }
}

/**
 * The owed stages of each matching contract, as `s`, for a sort by the earliest due date among them: one grouped
 * join over the matching contracts' stages, which measured faster than a subquery per contract or a grouping of all
 * the shop's stages first (bench/contract-list.bench.ts).
 */
const OWED_STAGES_JOIN = Prisma.sql`LEFT JOIN "Stage" s ON s."contractId" = c."id" AND ${OWED_STAGE}`;
