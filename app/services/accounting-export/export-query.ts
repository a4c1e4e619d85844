import { z } from "zod";

import { parseCalendarDate, type CalendarDate } from "../../domain/dates/calendar-date";
import { issueWords } from "../../locale/zod-issue-words";
import type { ExportRequest } from "./accounting-export.server";
import { EXPORT_FORMATS } from "./export-formats";

const calendarDate = (label: string) =>
  z
    .string({ required_error: `Choose the ${label} date` })
    .trim()
    .refine((text) => isCalendarDate(text), { message: `The ${label} date must be a real date in the form YYYY-MM-DD` })
    .transform((text) => text as CalendarDate);

const exportQuery = z
  .object({
    format: z.enum(EXPORT_FORMATS, { errorMap: () => ({ message: "Choose one of the export formats on the page" }) }),
    from: calendarDate("first"),
    to: calendarDate("last"),
    currency: z
      .string()
      .trim()
      .regex(/^([A-Z]{3})?$/, "The currency must be a three-letter code such as USD, or empty for every currency")
      .optional(),
    xeroNoTaxRate: z.string().trim().max(100, "Xero's tax rate name is at most 100 characters").optional(),
  })
  .refine((query) => query.from <= query.to, { message: "The last date must not be before the first", path: ["to"] });

export type ExportQueryResult = { readonly ok: true; readonly request: ExportRequest } | { readonly ok: false; readonly errors: Record<string, string> };

/** An export's format (from the address) and its query (`from`, `to`, `currency`, `xeroNoTaxRate`), checked. */
export function readExportQuery(format: string | undefined, search: URLSearchParams): ExportQueryResult {
  const parsed = exportQuery.safeParse({
    format,
    from: search.get("from") ?? undefined,
    to: search.get("to") ?? undefined,
    currency: search.get("currency") ?? undefined,
    xeroNoTaxRate: search.get("xeroNoTaxRate") ?? undefined,
  });
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "query")] ??= issueWords(issue);
    return { ok: false, errors };
  }
  const { currency, xeroNoTaxRate, ...rest } = parsed.data;
  return {
    ok: true,
    request: {
      format: rest.format,
      range: { from: rest.from, to: rest.to },
      ...(currency ? { currency } : {}),
      ...(xeroNoTaxRate ? { xeroNoTaxRate } : {}),
    },
  };
}

function isCalendarDate(text: string): boolean {
  try {
    parseCalendarDate(text, "date");
    return true;
  } catch {
    return false;
  }
}
