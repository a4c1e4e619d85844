/**
 * Accounts-receivable aging: an open amount's days past its due date, as of the report's date, in five buckets.
 * Due on the report's date or later (0 days or fewer past due) is current; a stage with no due date is current too
 * (nothing is late before a date exists). The SQL of app/models/reports/aging.server.ts reads these same edges.
 */
export type AgingBucket = "current" | "days1to30" | "days31to60" | "days61to90" | "over90";

export interface AgingBucketEdges {
  readonly bucket: AgingBucket;
  /** Days past due, both ends included; null: unbounded on that side. */
  readonly fromDays: number | null;
  readonly toDays: number | null;
  readonly label: string;
}

export const AGING_BUCKETS: readonly AgingBucketEdges[] = [
  { bucket: "current", fromDays: null, toDays: 0, label: "Current" },
  { bucket: "days1to30", fromDays: 1, toDays: 30, label: "1–30 days" },
  { bucket: "days31to60", fromDays: 31, toDays: 60, label: "31–60 days" },
  { bucket: "days61to90", fromDays: 61, toDays: 90, label: "61–90 days" },
  { bucket: "over90", fromDays: 91, toDays: null, label: "Over 90 days" },
];

/** The bucket of an amount `daysPastDue` days past its due date (negative: not due yet). */
export function agingBucketOf(daysPastDue: number): AgingBucket {
  const edges = AGING_BUCKETS.find(({ fromDays, toDays }) => (fromDays === null || daysPastDue >= fromDays) && (toDays === null || daysPastDue <= toDays));
  if (!edges) throw new Error(`no aging bucket holds ${daysPastDue} days`);
  return edges.bucket;
}
