import type { CollectionBucketRow } from "../../models/reports/expected-collections.server";
import type { ReportPeriod } from "../../domain/reports/report-periods";

export const PERIOD_OPTIONS = [
  { label: "Weeks", value: "week" },
  { label: "Months", value: "month" },
];

/**
 * A period as a table's row names it ("Week of Dec 7, 2026", "December 2026"), or, `short`, as a chart's axis does
 * where a dozen must fit ("Dec 7, 2026", "Dec 2026").
 */
export function periodWords(start: string, period: ReportPeriod, date: (date: string) => string, locale = "en-US", short = false): string {
  if (period === "week") return short ? date(start) : `Week of ${date(start)}`;
  return new Intl.DateTimeFormat(locale, { month: short ? "short" : "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${start}T00:00:00Z`));
}

/** An expected-collections bucket in words. */
export function bucketWords(
  bucket: CollectionBucketRow["bucket"],
  period: ReportPeriod,
  date: (date: string) => string,
  locale?: string,
  short = false,
): string {
  switch (bucket.kind) {
    case "overdue":
      return "Overdue";
    case "later":
      return "Later";
    case "undated":
      return "Not dated yet";
    case "period":
      return periodWords(bucket.start, period, date, locale, short);
  }
}
