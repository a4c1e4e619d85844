import { z, type ZodIssue } from "zod";

import { addMonths, firstOfMonth, isBefore, parseCalendarDate, type CalendarDate } from "../../domain/dates/calendar-date";
import { periodCount, type ReportPeriod } from "../../domain/reports/report-periods";
import { issueSentence } from "../../locale/zod-issue-words";

/** The reports, by the name their URLs and CSV files use. */
export const REPORT_KINDS = ["aging", "collections", "collected", "deferred-revenue"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export interface AgingQuery {
  readonly asOf: CalendarDate;
}

export interface CollectionsQuery {
  readonly period: ReportPeriod;
  /** Periods ahead, the current one first. */
  readonly count: number;
}

export interface RangeQuery {
  readonly period: ReportPeriod;
  readonly from: CalendarDate;
  readonly to: CalendarDate;
}

export type ReportQuery<K extends ReportKind> = K extends "aging" ? AgingQuery : K extends "collections" ? CollectionsQuery : RangeQuery;

/** What a report was asked for, or what is wrong with its URL in plain words (the page then shows its defaults). */
export type ReadQuery<K extends ReportKind> =
  { readonly ok: true; readonly query: ReportQuery<K> } | { readonly ok: false; readonly errors: readonly string[]; readonly query: ReportQuery<K> };

/** Collections look up to a year ahead; a range report spans at most ten years of months (or two of weeks). */
const MAX_AHEAD: Readonly<Record<ReportPeriod, number>> = { week: 52, month: 24 };
const MAX_RANGE: Readonly<Record<ReportPeriod, number>> = { week: 104, month: 120 };
const DEFAULT_AHEAD: Readonly<Record<ReportPeriod, number>> = { week: 12, month: 6 };

const LABELS: Readonly<Record<string, string>> = { asOf: "As of", period: "Period", count: "Periods ahead", from: "From", to: "To" };

const calendarDate = (label: string) =>
  z
    .string()
    .trim()
    .transform((text, context) => {
      try {
        return parseCalendarDate(text, label);
      } catch {
        context.addIssue({ code: z.ZodIssueCode.custom, message: `${label}: "${text}" is not a date in the form YYYY-MM-DD, like 2027-03-31` });
        return z.NEVER;
      }
    });

const periodInput = z.enum(["week", "month"], { errorMap: () => ({ message: 'Period: choose "week" or "month"' }) });

/** Reads a report's parameters from its URL; an absent one takes its default (today in the shop's zone, a year back). */
export function readReportQuery<K extends ReportKind>(kind: K, search: URLSearchParams, today: CalendarDate): ReadQuery<K> {
  const given = (name: string) => {
    const value = search.get(name);
    return value === null || value.trim() === "" ? undefined : value;
  };
  const fallback = defaultQuery(kind, today, given("period") === "week" ? "week" : given("period") === "month" ? "month" : undefined);
  const schema = schemaFor(kind, today);
  const parsed = schema.safeParse(Object.fromEntries(["asOf", "period", "count", "from", "to"].map((name) => [name, given(name)])));
  if (parsed.success) return { ok: true, query: parsed.data as ReportQuery<K> };
  return { ok: false, errors: parsed.error.issues.map((issue: ZodIssue) => issueSentence(issue, LABELS)), query: fallback };
}

function schemaFor(kind: ReportKind, today: CalendarDate) {
  switch (kind) {
    case "aging":
      return z.object({ asOf: calendarDate("As of").default(today) });
    case "collections":
      return z
        .object({ period: periodInput.default("week"), count: z.coerce.number().int().min(1).optional() })
        .transform(({ period, count }) => ({ period, count: count ?? DEFAULT_AHEAD[period] }))
        .superRefine(({ period, count }, context) => {
          if (count > MAX_AHEAD[period]) {
            context.addIssue({ code: z.ZodIssueCode.custom, path: ["count"], message: `Periods ahead: at most ${MAX_AHEAD[period]} ${period}s` });
          }
        });
    case "collected":
    case "deferred-revenue":
      return z
        .object({ period: periodInput.default("month"), from: calendarDate("From").optional(), to: calendarDate("To").default(today) })
        .transform(({ period, from, to }) => ({ period, to, from: from ?? yearBefore(to) }))
        .superRefine(({ period, from, to }, context) => {
          if (isBefore(to, from)) {
            context.addIssue({ code: z.ZodIssueCode.custom, path: ["to"], message: "To: choose a day on or after From" });
          } else if (periodCount(from, to, period) > MAX_RANGE[period]) {
            context.addIssue({ code: z.ZodIssueCode.custom, path: ["from"], message: `From: a report spans at most ${MAX_RANGE[period]} ${period}s` });
          }
        });
  }
}

function defaultQuery<K extends ReportKind>(kind: K, today: CalendarDate, period: ReportPeriod | undefined): ReportQuery<K> {
  switch (kind) {
    case "aging":
      return { asOf: today } as ReportQuery<K>;
    case "collections": {
      const chosen = period ?? "week";
      return { period: chosen, count: DEFAULT_AHEAD[chosen] } as ReportQuery<K>;
    }
    default:
      return { period: period ?? "month", from: yearBefore(today), to: today } as ReportQuery<K>;
  }
}

/** The first day of the month eleven months before `to`'s: twelve whole months up to `to`. */
function yearBefore(to: CalendarDate): CalendarDate {
  return firstOfMonth(addMonths(to, -11));
}

/** The URL search of a report's query, for links and the CSV download. */
export function reportSearch(query: AgingQuery | CollectionsQuery | RangeQuery): string {
  return new URLSearchParams(Object.entries(query).map(([name, value]) => [name, String(value)])).toString();
}

export function isReportKind(value: string): value is ReportKind {
  return (REPORT_KINDS as readonly string[]).includes(value);
}
