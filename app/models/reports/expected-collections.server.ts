import { UNPAID_STAGE_STATUSES } from "../../domain/contract/stage-status";
import type { CalendarDate } from "../../domain/dates/calendar-date";
import { periodsAhead, type PeriodRange, type ReportPeriod } from "../../domain/reports/report-periods";
import { minorUnitsFromSum, requireShop, type Database } from "../database.server";
import { openStageConditions, stageStatusIn } from "./report-stages.server";

export interface CollectionBucketRow {
  /** "overdue", a period, "later" (after the last period) or "undated" (waiting for a milestone or shipping). */
  readonly bucket: { readonly kind: "overdue" | "later" | "undated" } | ({ readonly kind: "period" } & PeriodRange);
  readonly amountMinor: bigint;
  readonly stages: number;
}

export interface CurrencyCollections {
  readonly currency: string;
  /** Overdue first, then every period ahead (empty ones too), later, undated. */
  readonly buckets: readonly CollectionBucketRow[];
  readonly totalMinor: bigint;
}

export interface ExpectedCollections {
  readonly today: CalendarDate;
  readonly period: ReportPeriod;
  readonly periods: readonly PeriodRange[];
  readonly byCurrency: readonly CurrencyCollections[];
}

interface SqlRow {
  readonly currency: string;
  readonly bucket: string;
  readonly amount: string | null;
  readonly stages: number;
}

/**
 * What the shop expects to collect: the open amount (amount − paid) of every stage that still expects money
 * (scheduled ones too: they will be invoiced) of a live contract, by due date (app/domain/reports/collection-buckets.ts):
 * overdue, each of `count` weeks or months from today's, later, undated. The buckets add up to everything owed.
 */
export async function expectedCollections(
  db: Database,
  shop: string,
  request: { readonly today: CalendarDate; readonly period: ReportPeriod; readonly count: number },
): Promise<ExpectedCollections> {
  requireShop(shop);
  const periods = periodsAhead(request.today, request.period, request.count);
  const horizonEnd = periods[periods.length - 1]!.end;
  // Due dates are YYYY-MM-DD text, which sorts as the dates it names.
  const rows = await db.$queryRaw<SqlRow[]>`
    SELECT c."currency",
      CASE
        WHEN s."dueDate" IS NULL THEN 'undated'
        WHEN s."dueDate" < ${request.today} THEN 'overdue'
        WHEN s."dueDate" > ${horizonEnd} THEN 'later'
        ELSE to_char(date_trunc(${request.period}, s."dueDate"::date::timestamp), 'YYYY-MM-DD')
      END AS "bucket",
      SUM(s."amountMinor" - s."paidMinor")::text AS "amount",
      COUNT(*)::int AS "stages"
    FROM "Stage" s
    JOIN "Contract" c ON c."id" = s."contractId"
    WHERE c."shop" = ${shop} AND ${openStageConditions(stageStatusIn(UNPAID_STAGE_STATUSES))}
    GROUP BY c."currency", "bucket"
    ORDER BY c."currency"`;

  const currencies = [...new Set(rows.map((row) => row.currency))];
  return {
    today: request.today,
    period: request.period,
    periods,
    byCurrency: currencies.map((currency) => {
      const found = new Map(rows.filter((row) => row.currency === currency).map((row) => [row.bucket, row]));
      const bucket = (key: string, kind: CollectionBucketRow["bucket"]): CollectionBucketRow => {
        const row = found.get(key);
        return { bucket: kind, amountMinor: minorUnitsFromSum(row?.amount ?? null), stages: row?.stages ?? 0 };
      };
      const buckets = [
        bucket("overdue", { kind: "overdue" }),
        ...periods.map((range) => bucket(range.start, { kind: "period", ...range })),
        bucket("later", { kind: "later" }),
        bucket("undated", { kind: "undated" }),
      ];
      return { currency, buckets, totalMinor: buckets.reduce((sum, row) => sum + row.amountMinor, 0n) };
    }),
  };
}
