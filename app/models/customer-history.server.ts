import { Prisma } from "@prisma/client";

import { UNPAID_STAGE_STATUSES, type StageStatus } from "../domain/contract/stage-status";
import type { CalendarDate } from "../domain/dates/calendar-date";
import { stageOutcome, type DatedStage, type StageOutcome } from "../domain/customers/payment-history";
import { reliabilityScore, type ReliabilityScore } from "../domain/customers/reliability-score";
import { subjectColumn, subjectId, type CustomerSubject } from "./customer-exposure.server";
import { requireShop, type Database } from "./database.server";

/** A customer's Admin API id from the numeric part the admin's URLs carry (`/app/customers/4501`). */
export function customerGid(numericId: string): string | null {
  return /^[1-9]\d{0,19}$/.test(numericId) ? `gid://shopify/Customer/${numericId}` : null;
}

/** The numeric part of a Customer GID, for the customer page's URL; null for anything else. */
export function customerNumericId(gid: string | null): string | null {
  const match = gid === null ? null : /^gid:\/\/shopify\/Customer\/(\d+)$/.exec(gid);
  return match?.[1] ?? null;
}

/** The customer page of a Customer GID; null for a contract with no Shopify customer. */
export function customerPageUrl(gid: string | null): string | null {
  const id = customerNumericId(gid);
  return id === null ? null : `/app/customers/${id}`;
}

/** One stage of the customer's history: where it belongs, and how it stands. Money in minor units of `currency`. */
export interface HistoryStage extends DatedStage {
  readonly stageId: string;
  readonly contractId: string;
  /** The source draft's name (#D12), or null for a contract attached before names were kept. */
  readonly draftName: string | null;
  readonly position: number;
  readonly title: string;
  readonly status: StageStatus;
}

interface HistoryRow {
  readonly stageId: string;
  readonly contractId: string;
  readonly customerId: string;
  readonly draftName: string | null;
  readonly position: number;
  readonly title: string;
  readonly status: string;
  readonly currency: string;
  readonly amountMinor: bigint;
  readonly paidMinor: bigint;
  readonly dueDate: string;
  readonly paidOn: string | null;
}

/**
 * The dated stages of the customers' contracts as history rows. A stage's paid day is the calendar day, in its
 * contract's zone, of the payment (card or offline, refunds not taken off) with which its payments, summed in the
 * order they happened, first reached its amount. A stage marked paid with no such payments in the ledger is taken
 * as paid on its due date. Left out: stages of nothing, and unpaid stages no longer owed (cancelled, or on a
 * cancelled contract); a stage paid and later cancelled or refunded keeps its place.
 */
function historySql(shop: string, contracts: Prisma.Sql, where: Prisma.Sql, tail: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    WITH running AS (
      SELECT le."stageId", le."occurredAt",
        SUM(le."amountMinor") OVER (PARTITION BY le."stageId" ORDER BY le."occurredAt", le."id" ROWS UNBOUNDED PRECEDING) AS "received"
      FROM "LedgerEntry" le JOIN "Contract" c ON c."id" = le."contractId"
      WHERE le."shop" = ${shop} AND c."shop" = ${shop} AND ${contracts}
        AND le."stageId" IS NOT NULL AND le."kind" IN ('payment', 'manualPayment')
    ),
    settled AS (
      SELECT r."stageId", MIN(r."occurredAt") AS "paidAt"
      FROM running r JOIN "Stage" s ON s."id" = r."stageId"
      WHERE r."received" >= s."amountMinor"
      GROUP BY r."stageId"
    )
    SELECT s."id" AS "stageId", c."id" AS "contractId", c."customerId", c."sourceDraftName" AS "draftName", s."position", s."title",
      s."status", c."currency", s."amountMinor", s."paidMinor", s."dueDate",
      COALESCE(
        to_char((settled."paidAt" AT TIME ZONE 'UTC') AT TIME ZONE c."timeZone", 'YYYY-MM-DD'),
        CASE WHEN s."status" IN ('paid', 'refunded') THEN s."dueDate" END
      ) AS "paidOn"
    FROM "Stage" s
    JOIN "Contract" c ON c."id" = s."contractId"
    LEFT JOIN settled ON settled."stageId" = s."id"
    WHERE c."shop" = ${shop} AND ${contracts}
      AND s."dueDate" IS NOT NULL AND s."amountMinor" > 0
      AND (settled."paidAt" IS NOT NULL OR s."status" IN ('paid', 'refunded')
        OR (c."status" <> 'cancelled' AND s."status" IN (${Prisma.join(UNPAID_STAGE_STATUSES)})))
      AND ${where}
    ${tail}`;
}

function toHistoryStage(row: HistoryRow): HistoryStage {
  return {
    stageId: row.stageId,
    contractId: row.contractId,
    draftName: row.draftName,
    position: row.position,
    title: row.title,
    // Statuses are written by this app only, from their union type; dates are YYYY-MM-DD text.
    status: row.status as StageStatus,
    currency: row.currency,
    amountMinor: row.amountMinor,
    paidMinor: row.paidMinor,
    dueDate: row.dueDate as CalendarDate,
    paidOn: row.paidOn as CalendarDate | null,
  };
}

/** The contracts of these customers, as historySql's condition on `c`. */
function ofCustomers(customerIds: readonly string[]): Prisma.Sql {
  return Prisma.sql`c."customerId" IN (${Prisma.join(customerIds)})`;
}

/** Every dated stage of each customer's contracts (what the score reads), by customer id; customers with none are absent. */
export async function customersDatedStages(db: Database, shop: string, customerIds: readonly string[]): Promise<Map<string, HistoryStage[]>> {
  requireShop(shop);
  const byCustomer = new Map<string, HistoryStage[]>();
  if (customerIds.length === 0) return byCustomer;
  const rows = await db.$queryRaw<HistoryRow[]>(historySql(shop, ofCustomers(customerIds), Prisma.sql`TRUE`, Prisma.sql`ORDER BY s."dueDate", s."id"`));
  for (const row of rows) {
    const list = byCustomer.get(row.customerId) ?? [];
    list.push(toHistoryStage(row));
    byCustomer.set(row.customerId, list);
  }
  return byCustomer;
}

/** Where a history page starts: after the stage with this due date and id, in the list's order (latest due first). */
export interface HistoryCursor {
  readonly dueDate: CalendarDate;
  readonly stageId: string;
}

export const HISTORY_PAGE_SIZE = 25;

export interface HistoryPage {
  readonly stages: readonly (HistoryStage & { readonly outcome: StageOutcome })[];
  /** Where the next page starts; null on the last one. */
  readonly next: HistoryCursor | null;
}

/** "2027-01-31~clx…" ↔ a cursor; anything else is no cursor (the first page). */
export function cursorText(cursor: HistoryCursor): string {
  return `${cursor.dueDate}~${cursor.stageId}`;
}

export function parseCursor(text: string | null): HistoryCursor | null {
  const match = text === null ? null : /^(\d{4}-\d{2}-\d{2})~([A-Za-z0-9_-]{1,64})$/.exec(text);
  return match ? { dueDate: match[1] as CalendarDate, stageId: match[2] as string } : null;
}

/**
 * One page of a customer's payment history, latest due date first, each stage with how it stands on `today`. Keyset
 * paging on (due date, stage id): a page costs the same deep in a long history as at its start.
 */
export async function customerHistoryPage(
  db: Database,
  shop: string,
  customerId: string,
  today: CalendarDate,
  after: HistoryCursor | null,
  limit = HISTORY_PAGE_SIZE,
): Promise<HistoryPage> {
  requireShop(shop);
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`a history page needs a positive whole limit, not ${limit}`);
  const where = after ? Prisma.sql`(s."dueDate", s."id") < (${after.dueDate}, ${after.stageId})` : Prisma.sql`TRUE`;
  const rows = await db.$queryRaw<HistoryRow[]>(
    historySql(shop, ofCustomers([customerId]), where, Prisma.sql`ORDER BY s."dueDate" DESC, s."id" DESC LIMIT ${limit + 1}`),
  );
  const stages = rows.slice(0, limit).map((row) => {
    const stage = toHistoryStage(row);
    return { ...stage, outcome: stageOutcome(stage, today) };
  });
  const last = stages[stages.length - 1];
  return { stages, next: rows.length > limit && last ? { dueDate: last.dueDate, stageId: last.stageId } : null };
}

/** How a customer stands on `today`: their reliability score and its parts (the attach page's summary reads it). */
export async function customerStanding(db: Database, shop: string, customerId: string, today: CalendarDate): Promise<ReliabilityScore> {
  const stages = await customersDatedStages(db, shop, [customerId]);
  return reliabilityScore(stages.get(customerId) ?? [], today);
}

/**
 * How a customer, B2B company or company location stands on `today`, scored over every contract it is named on (a
 * company's across all its locations and buyers), as a customer is.
 */
export async function subjectStanding(db: Database, shop: string, subject: CustomerSubject, today: CalendarDate): Promise<ReliabilityScore> {
  requireShop(shop);
  const contracts = Prisma.sql`${subjectColumn(subject)} = ${subjectId(subject)}`;
  const rows = await db.$queryRaw<HistoryRow[]>(historySql(shop, contracts, Prisma.sql`TRUE`, Prisma.sql`ORDER BY s."dueDate", s."id"`));
  return reliabilityScore(rows.map(toHistoryStage), today);
}

/** The score of each of the customers on `today`, by customer id. */
export async function customersStanding(
  db: Database,
  shop: string,
  customerIds: readonly string[],
  today: CalendarDate,
): Promise<Map<string, ReliabilityScore>> {
  const stages = await customersDatedStages(db, shop, customerIds);
  return new Map(customerIds.map((id) => [id, reliabilityScore(stages.get(id) ?? [], today)]));
}

/** What the customers list sorts by: name, number of contracts, latest contract, or who is overdue longest. */
export type CustomerSortKey = "name" | "contracts" | "latest" | "overdue";

export interface CustomerListQuery {
  /** Part of a name or email any of the customer's contracts carries. */
  readonly search: string;
  readonly sort: CustomerSortKey;
  readonly direction: "asc" | "desc";
  readonly today: CalendarDate;
  readonly page: { readonly limit: number; readonly offset: number };
}

/** A customer with contracts in the shop, as the latest of them names them. */
export interface CustomerListRow {
  readonly customerId: string;
  readonly name: string | null;
  readonly email: string | null;
  readonly contracts: number;
  readonly latestContractAt: Date;
  /** The earliest due date among their overdue stages; null when nothing is overdue. */
  readonly oldestOverdue: CalendarDate | null;
}

export const CUSTOMER_PAGE_SIZE = 50;

function customerConditions(shop: string): Prisma.Sql {
  return Prisma.sql`c."shop" = ${shop} AND c."customerId" IS NOT NULL`;
}

/** LIKE's wildcards typed by staff are matched as themselves. */
function searchHaving(search: string): Prisma.Sql {
  if (search.trim() === "") return Prisma.empty;
  const pattern = `%${search.trim().replace(/[\\%_]/g, "\\$&")}%`;
  return Prisma.sql`HAVING bool_or(c."customerName" ILIKE ${pattern} OR c."customerEmail" ILIKE ${pattern})`;
}

/** How many customers with contracts match the search. */
export async function countCustomers(db: Database, shop: string, search: string): Promise<number> {
  requireShop(shop);
  const [row] = await db.$queryRaw<{ count: number }[]>`
    SELECT COUNT(*)::int AS "count" FROM (
      SELECT c."customerId" FROM "Contract" c WHERE ${customerConditions(shop)}
      GROUP BY c."customerId" ${searchHaving(search)}
    ) matching`;
  return row?.count ?? 0;
}

/**
 * A page of the shop's customers with contracts, sorted by the database; equal keys fall back to the customer id so a
 * customer never shows on two pages. Overdue as the due sweep sees it: a stage still owed, due before `today`, on a
 * contract not cancelled.
 */
export async function listCustomers(db: Database, shop: string, query: CustomerListQuery): Promise<CustomerListRow[]> {
  requireShop(shop);
  const { limit, offset } = query.page;
  if (!Number.isSafeInteger(limit) || limit < 1 || !Number.isSafeInteger(offset) || offset < 0) {
    throw new RangeError(`a page needs a positive whole limit and an offset of 0 or more, not ${limit} and ${offset}`);
  }
  const direction = Prisma.raw(query.direction === "asc" ? "ASC" : "DESC");
  const order = {
    name: Prisma.sql`lower(COALESCE("name", "email")) ${direction} NULLS LAST`,
    contracts: Prisma.sql`"contracts" ${direction}`,
    latest: Prisma.sql`"latestContractAt" ${direction}`,
    // Longest overdue first when descending: the earliest overdue date; customers with nothing overdue last.
    overdue: Prisma.sql`"oldestOverdue" ${Prisma.raw(query.direction === "asc" ? "DESC" : "ASC")} NULLS LAST`,
  }[query.sort];
  return db.$queryRaw<CustomerListRow[]>`
    WITH matching AS (
      SELECT c."customerId",
        (array_agg(c."customerName" ORDER BY c."createdAt" DESC) FILTER (WHERE c."customerName" IS NOT NULL))[1] AS "name",
        (array_agg(c."customerEmail" ORDER BY c."createdAt" DESC) FILTER (WHERE c."customerEmail" IS NOT NULL))[1] AS "email",
        COUNT(*)::int AS "contracts",
        MAX(c."createdAt") AS "latestContractAt"
      FROM "Contract" c
      WHERE ${customerConditions(shop)}
      GROUP BY c."customerId" ${searchHaving(query.search)}
    ),
    overdue AS (
      SELECT c."customerId", MIN(s."dueDate") AS "oldestOverdue"
      FROM "Contract" c JOIN "Stage" s ON s."contractId" = c."id"
      WHERE c."shop" = ${shop} AND c."customerId" IN (SELECT "customerId" FROM matching)
        AND c."status" <> 'cancelled' AND s."status" IN (${Prisma.join(UNPAID_STAGE_STATUSES)})
        AND s."amountMinor" > s."paidMinor" AND s."dueDate" < ${query.today}
      GROUP BY c."customerId"
    )
    SELECT m."customerId", m."name", m."email", m."contracts", m."latestContractAt", o."oldestOverdue"
    FROM matching m LEFT JOIN overdue o ON o."customerId" = m."customerId"
    ORDER BY ${order}, m."customerId" ${direction}
    LIMIT ${limit} OFFSET ${offset}`;
}
