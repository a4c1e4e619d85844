import { Prisma } from "@prisma/client";

import { addDays, startOfDayIn, type CalendarDate } from "../../domain/dates/calendar-date";
import { periodsCovering, type PeriodRange, type ReportPeriod } from "../../domain/reports/report-periods";
import { minorUnitsFromSum, requireShop, type Database } from "../database.server";
import type { LedgerKind } from "../ledger.server";

export interface CollectedPeriodRow extends PeriodRange {
  /** Payments through Shopify and offline payments staff recorded. */
  readonly paymentsMinor: bigint;
  readonly payments: number;
  readonly refundsMinor: bigint;
  readonly refunds: number;
  /** Payments less refunds: what the period brought in. */
  readonly netMinor: bigint;
}

export interface CurrencyCollected {
  readonly currency: string;
  /** Every period of the range, empty ones too. */
  readonly periods: readonly CollectedPeriodRow[];
  readonly total: Omit<CollectedPeriodRow, keyof PeriodRange>;
}

export interface CollectedReport {
  readonly from: CalendarDate;
  readonly to: CalendarDate;
  readonly period: ReportPeriod;
  readonly timeZone: string;
  readonly periods: readonly PeriodRange[];
  readonly byCurrency: readonly CurrencyCollected[];
}

/** Money that came in; an early-payment discount settles a stage without any money moving, so it is not collected. */
const MONEY_IN: readonly LedgerKind[] = ["payment", "manualPayment"];

interface SqlRow {
  readonly currency: string;
  readonly periodStart: string;
  readonly payments: string | null;
  readonly paymentCount: number;
  readonly refunds: string | null;
  readonly refundCount: number;
}

/**
 * Money collected per week or month from `from` to `to` (whole periods): the ledger's payments less its refunds, by
 * the calendar day each happened on in the shop's zone (a payment at 23:30 UTC on 31 January is February's in
 * Berlin, where it is already 1 February). The range is cut on the zone's midnights, so the
 * (shop, occurredAt) index reads only the range; the database groups and sums.
 */
export async function collectedReport(
  db: Database,
  shop: string,
  request: { readonly from: CalendarDate; readonly to: CalendarDate; readonly period: ReportPeriod; readonly timeZone: string },
): Promise<CollectedReport> {
  requireShop(shop);
  const { period, timeZone } = request;
  const periods = periodsCovering(request.from, request.to, period);
  if (periods.length === 0) return { ...request, periods, byCurrency: [] };
  const startsAt = startOfDayIn(periods[0]!.start, timeZone);
  const endsAt = startOfDayIn(addDays(periods[periods.length - 1]!.end, 1), timeZone);
  // occurredAt is a UTC timestamp without zone: read it as UTC, then as the shop's wall clock.
  const rows = await db.$queryRaw<SqlRow[]>`
    SELECT "currency",
      to_char(date_trunc(${period}, ("occurredAt" AT TIME ZONE 'UTC') AT TIME ZONE ${timeZone}), 'YYYY-MM-DD') AS "periodStart",
      (SUM("amountMinor") FILTER (WHERE "kind" IN (${Prisma.join(MONEY_IN)})))::text AS "payments",
      (COUNT(*) FILTER (WHERE "kind" IN (${Prisma.join(MONEY_IN)})))::int AS "paymentCount",
      (SUM("amountMinor") FILTER (WHERE "kind" = ${"refund" satisfies LedgerKind}))::text AS "refunds",
      (COUNT(*) FILTER (WHERE "kind" = ${"refund" satisfies LedgerKind}))::int AS "refundCount"
    FROM "LedgerEntry"
    WHERE "shop" = ${shop} AND "occurredAt" >= ${startsAt} AND "occurredAt" < ${endsAt}
    GROUP BY "currency", "periodStart"
    ORDER BY "currency"`;

  const currencies = [...new Set(rows.map((row) => row.currency))];
  return {
    ...request,
    periods,
    byCurrency: currencies.map((currency) => {
      const found = new Map(rows.filter((row) => row.currency === currency).map((row) => [row.periodStart, row]));
      const periodRows = periods.map((range): CollectedPeriodRow => {
        const row = found.get(range.start);
        const paymentsMinor = minorUnitsFromSum(row?.payments ?? null);
        const refundsMinor = minorUnitsFromSum(row?.refunds ?? null);
        return {
          ...range,
          paymentsMinor,
          payments: row?.paymentCount ?? 0,
          refundsMinor,
          refunds: row?.refundCount ?? 0,
          netMinor: paymentsMinor - refundsMinor,
        };
      });
      const total = periodRows.reduce(
        (sum, row) => ({
          paymentsMinor: sum.paymentsMinor + row.paymentsMinor,
          payments: sum.payments + row.payments,
          refundsMinor: sum.refundsMinor + row.refundsMinor,
          refunds: sum.refunds + row.refunds,
          netMinor: sum.netMinor + row.netMinor,
        }),
        { paymentsMinor: 0n, payments: 0, refundsMinor: 0n, refunds: 0, netMinor: 0n },
      );
      return { currency, periods: periodRows, total };
    }),
  };
}
