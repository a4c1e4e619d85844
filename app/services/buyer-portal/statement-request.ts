import { z } from "zod";

import { addMonths, parseCalendarDate, type CalendarDate } from "../../domain/dates/calendar-date";

/** The period and currency of a buyer's statement, as the portal's form and the statement PDF's link ask for it. */
export interface StatementRequest {
  readonly from: CalendarDate;
  readonly to: CalendarDate;
  readonly currency: string;
}

export type StatementField = keyof StatementRequest;

/** What can be wrong with a field; the portal's messages say it in the buyer's language. */
export type StatementProblem = "notADate" | "endsBeforeStart" | "longerThanFiveYears" | "notABuyerCurrency";

export interface StatementIssue {
  readonly field: StatementField;
  readonly problem: StatementProblem;
}

export type StatementRequestResult =
  { readonly ok: true; readonly request: StatementRequest } | { readonly ok: false; readonly issues: readonly StatementIssue[] };

/** A statement reads at most this many months: enough for any plan, and a bound on the work one link can ask for. */
const MAX_PERIOD_MONTHS = 60;

const PROBLEMS: readonly StatementProblem[] = ["notADate", "endsBeforeStart", "longerThanFiveYears", "notABuyerCurrency"];

/** The date a field names, or null: exactly YYYY-MM-DD, and a real day. */
function calendarDateOf(text: string): CalendarDate | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  try {
    return parseCalendarDate(text, "date");
  } catch {
    return null;
  }
}

const calendarDate = z.string().refine((text) => calendarDateOf(text) !== null, "notADate");

/**
 * Reads `from`, `to` and `currency` from a query; a parameter left out (or left blank in the form) takes its default.
 * The currency must be one of the buyer's: a statement is in one currency.
 */
export function parseStatementRequest(
  query: URLSearchParams,
  options: { readonly currencies: readonly string[]; readonly defaults: StatementRequest },
): StatementRequestResult {
  const given = (field: StatementField) => query.get(field)?.trim() || options.defaults[field];
  const schema = z
    .object({
      from: calendarDate,
      to: calendarDate,
      currency: z
        .string()
        .transform((code) => code.toUpperCase())
        .refine((code) => options.currencies.includes(code), "notABuyerCurrency"),
    })
    .superRefine((period, context) => {
      // Zod runs this after a field's own check failed too: compare only two real dates.
      const from = calendarDateOf(period.from);
      const to = calendarDateOf(period.to);
      if (from === null || to === null) return;
      if (to < from) context.addIssue({ code: z.ZodIssueCode.custom, path: ["to"], message: "endsBeforeStart" });
      else if (to > addMonths(from, MAX_PERIOD_MONTHS)) context.addIssue({ code: z.ZodIssueCode.custom, path: ["to"], message: "longerThanFiveYears" });
    });
  const parsed = schema.safeParse({ from: given("from"), to: given("to"), currency: given("currency") });
  if (parsed.success) {
    const { from, to, currency } = parsed.data;
    return { ok: true, request: { from: from as CalendarDate, to: to as CalendarDate, currency } };
  }
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => ({
      field: issue.path[0] as StatementField,
      problem: PROBLEMS.find((problem) => problem === issue.message) ?? "notADate",
    })),
  };
}
