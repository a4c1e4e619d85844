import { Prisma } from "@prisma/client";

import type { CalendarDate } from "../../domain/dates/calendar-date";
import { AGING_BUCKETS, type AgingBucket } from "../../domain/reports/aging-buckets";
import { minorUnitsFromSum, requireShop, type Database } from "../database.server";
import { CUSTOMER_LABEL_SQL, openStageConditions, RECEIVABLE_STAGE_SQL } from "./report-stages.server";

export type AgingAmounts = Readonly<Record<AgingBucket, bigint>>;

export interface AgingCustomerRow {
  readonly currency: string;
  /** What the report calls the customer: name, email or "No customer". */
  readonly customer: string;
  readonly customerId: string | null;
  readonly buckets: AgingAmounts;
  readonly totalMinor: bigint;
  /** Open stages summed into the row. */
  readonly stages: number;
}

export interface AgingReport {
  readonly asOf: CalendarDate;
  /** Per currency, the customers owing the most first. */
  readonly rows: readonly AgingCustomerRow[];
  /** One totals row per currency (money in different currencies is never added up). */
  readonly totals: readonly Omit<AgingCustomerRow, "customer" | "customerId">[];
}

interface AgingSqlRow {
  readonly currency: string;
  readonly customer: string;
  readonly customerId: string | null;
  readonly stages: number;
  readonly current: string | null;
  readonly days1to30: string | null;
  readonly days31to60: string | null;
  readonly days61to90: string | null;
  readonly over90: string | null;
}

/**
 * Accounts-receivable aging by customer: the open amount (amount − paid) of every receivable stage of a live
 * contract (invoiced, or paid in part ahead of its invoice: report-stages.server.ts), so the total is the journal's
 * receivable, by days past its due date as of `asOf` (app/domain/reports/aging-buckets.ts). The balances are the
 * ledger's as it stands: `asOf` moves the day the ages are counted to, not the payments. Summed by the database, so
 * exact at any number of stages. A customer is their Shopify customer when the contract has one, else the name or
 * email the draft named.
 */
export async function agingReport(db: Database, shop: string, asOf: CalendarDate): Promise<AgingReport> {
  requireShop(shop);
  const daysPastDue = Prisma.sql`(${asOf}::date - s."dueDate"::date)`;
  const bucketSums = AGING_BUCKETS.map(({ bucket, fromDays, toDays }) => {
    const conditions = [
      ...(fromDays === null ? [] : [Prisma.sql`${daysPastDue} >= ${fromDays}`]),
      ...(toDays === null ? [] : [Prisma.sql`${daysPastDue} <= ${toDays}`]),
    ];
    // A stage without a due date is not late: it counts as current.
    const filter = bucket === "current" ? Prisma.sql`s."dueDate" IS NULL OR (${Prisma.join(conditions, " AND ")})` : Prisma.join(conditions, " AND ");
    return Prisma.sql`(SUM(s."amountMinor" - s."paidMinor") FILTER (WHERE ${filter}))::text AS ${Prisma.raw(`"${bucket}"`)}`;
  });
  const rows = await db.$queryRaw<AgingSqlRow[]>`
    SELECT c."currency",
      COALESCE(c."customerId", 'label:' || ${CUSTOMER_LABEL_SQL}) AS "customerKey",
      MIN(c."customerId") AS "customerId",
      MIN(${CUSTOMER_LABEL_SQL}) AS "customer",
      COUNT(*)::int AS "stages",
      ${Prisma.join(bucketSums, ", ")}
    FROM "Stage" s
    JOIN "Contract" c ON c."id" = s."contractId"
    WHERE c."shop" = ${shop} AND ${openStageConditions(RECEIVABLE_STAGE_SQL)}
    GROUP BY c."currency", "customerKey"
    ORDER BY c."currency", SUM(s."amountMinor" - s."paidMinor") DESC, "customer"`;

  const customerRows = rows.map((row): AgingCustomerRow => {
    const buckets = bucketsOf(row);
    return { currency: row.currency, customer: row.customer, customerId: row.customerId, buckets, totalMinor: sumOf(buckets), stages: row.stages };
  });
  return { asOf, rows: customerRows, totals: totalsOf(customerRows) };
}

function bucketsOf(row: AgingSqlRow): AgingAmounts {
  return Object.fromEntries(AGING_BUCKETS.map(({ bucket }) => [bucket, minorUnitsFromSum(row[bucket])])) as Record<AgingBucket, bigint>;
}

function sumOf(buckets: AgingAmounts): bigint {
  return Object.values(buckets).reduce((sum, amount) => sum + amount, 0n);
}

function totalsOf(rows: readonly AgingCustomerRow[]): AgingReport["totals"] {
  const byCurrency = new Map<string, { buckets: Record<AgingBucket, bigint>; stages: number }>();
  for (const row of rows) {
    const total = byCurrency.get(row.currency) ?? { buckets: zeroBuckets(), stages: 0 };
    for (const { bucket } of AGING_BUCKETS) total.buckets[bucket] += row.buckets[bucket];
    total.stages += row.stages;
    byCurrency.set(row.currency, total);
  }
  return [...byCurrency].map(([currency, { buckets, stages }]) => ({ currency, buckets, totalMinor: sumOf(buckets), stages }));
}

function zeroBuckets(): Record<AgingBucket, bigint> {
  return Object.fromEntries(AGING_BUCKETS.map(({ bucket }) => [bucket, 0n])) as Record<AgingBucket, bigint>;
}
