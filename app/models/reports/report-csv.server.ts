import { stringify } from "csv-stringify/sync";

import { AGING_BUCKETS } from "../../domain/reports/aging-buckets";
import type { RollForwardRow } from "../../services/books/deferred-revenue.server";
import type { AgingReport } from "./aging.server";
import type { CollectedReport } from "./collected.server";
import type { CollectionBucketRow, ExpectedCollections } from "./expected-collections.server";
import { DEFERRED_REVENUE_COLUMNS } from "./deferred-revenue-columns";
import { decimalIn as moneyIn } from "./report-money";

/**
 * The reports as CSV for a spreadsheet: amounts as plain decimals in major units ("12000.50", the currency's own
 * decimals, no grouping or symbol), dates as YYYY-MM-DD, a totals row per currency. A UTF-8 byte order mark lets
 * Excel read names with accents; a cell a spreadsheet would run as a formula (a customer named "=HYPERLINK(…)") is
 * quoted out, as the contracts export does.
 */
function csvOf(columns: readonly string[], records: readonly (readonly string[])[]): string {
  return stringify(records as string[][], { header: true, columns: [...columns], bom: true, escape_formulas: true });
}

export const TOTAL_LABEL = "Total";

export function agingCsv(report: AgingReport): string {
  const columns = ["Customer", "Currency", ...AGING_BUCKETS.map(({ label }) => label), "Total", "Open stages"];
  const records = report.totals.flatMap((total) => {
    const money = moneyIn(total.currency);
    const line = (customer: string, row: Omit<AgingReport["rows"][number], "customer" | "customerId">) => [
      customer,
      row.currency,
      ...AGING_BUCKETS.map(({ bucket }) => money(row.buckets[bucket])),
      money(row.totalMinor),
      String(row.stages),
    ];
    return [...report.rows.filter((row) => row.currency === total.currency).map((row) => line(row.customer, row)), line(TOTAL_LABEL, total)];
  });
  return csvOf(columns, records);
}

/** How a bucket of expected collections is named in the CSV and on the page's table. */
export function collectionBucketLabel(bucket: CollectionBucketRow["bucket"]): string {
  switch (bucket.kind) {
    case "overdue":
      return "Overdue";
    case "later":
      return "Later";
    case "undated":
      return "Undated";
    case "period":
      return `${bucket.start} to ${bucket.end}`;
  }
}

export function collectionsCsv(report: ExpectedCollections): string {
  const columns = ["Currency", "Due", "Period start", "Period end", "Amount", "Stages"];
  const records = report.byCurrency.flatMap(({ currency, buckets, totalMinor }) => {
    const money = moneyIn(currency);
    return [
      ...buckets.map(({ bucket, amountMinor, stages }) => [
        currency,
        collectionBucketLabel(bucket),
        bucket.kind === "period" ? bucket.start : "",
        bucket.kind === "period" ? bucket.end : "",
        money(amountMinor),
        String(stages),
      ]),
      [currency, TOTAL_LABEL, "", "", money(totalMinor), String(buckets.reduce((sum, row) => sum + row.stages, 0))],
    ];
  });
  return csvOf(columns, records);
}

export function collectedCsv(report: CollectedReport): string {
  const columns = ["Currency", "Period start", "Period end", "Payments", "Payment count", "Refunds", "Refund count", "Net collected"];
  const records = report.byCurrency.flatMap(({ currency, periods, total }) => {
    const money = moneyIn(currency);
    return [
      ...periods.map((row) => [
        currency,
        row.start,
        row.end,
        money(row.paymentsMinor),
        String(row.payments),
        money(row.refundsMinor),
        String(row.refunds),
        money(row.netMinor),
      ]),
      [currency, TOTAL_LABEL, "", money(total.paymentsMinor), String(total.payments), money(total.refundsMinor), String(total.refunds), money(total.netMinor)],
    ];
  });
  return csvOf(columns, records);
}

export function deferredRevenueCsv(rows: readonly RollForwardRow[]): string {
  const columns = ["Currency", "Period start", "Period end", ...DEFERRED_REVENUE_COLUMNS.map(({ label }) => label)];
  const records = rows.map((row) => {
    const money = moneyIn(row.currency);
    return [row.currency, row.periodStart, row.periodEnd, ...DEFERRED_REVENUE_COLUMNS.map(({ key }) => money(row[key]))];
  });
  return csvOf(columns, records);
}
