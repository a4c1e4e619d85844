import { isBefore, type CalendarDate } from "../dates/calendar-date";
import { periodStartOf, type ReportPeriod } from "./report-periods";

/**
 * Where an open amount falls in expected collections, on `today` with periods up to `horizonEnd`: overdue (due
 * before today, whatever period that was), the period its due date is in, later (after the horizon), or undated
 * (a stage waiting for a milestone or shipping has no due date yet). Every open amount lands in exactly one, so the
 * buckets add up to the whole amount owed. The SQL of app/models/reports/expected-collections.server.ts does the same.
 */
export type CollectionBucket =
  { readonly kind: "overdue" } | { readonly kind: "period"; readonly start: CalendarDate } | { readonly kind: "later" } | { readonly kind: "undated" };

export function collectionBucketOf(dueDate: CalendarDate | null, today: CalendarDate, horizonEnd: CalendarDate, period: ReportPeriod): CollectionBucket {
  if (dueDate === null) return { kind: "undated" };
  if (isBefore(dueDate, today)) return { kind: "overdue" };
  if (isBefore(horizonEnd, dueDate)) return { kind: "later" };
  return { kind: "period", start: periodStartOf(dueDate, period) };
}
