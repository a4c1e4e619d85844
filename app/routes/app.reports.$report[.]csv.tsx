import type { LoaderFunctionArgs } from "@remix-run/node";

import { isReportKind, readReportQuery, type ReportKind } from "../components/reports/report-query";
import { calendarDateAt, type CalendarDate } from "../domain/dates/calendar-date";
import { shopTimeZone } from "../models/contracts.server";
import { agingReport } from "../models/reports/aging.server";
import { collectedReport } from "../models/reports/collected.server";
import { expectedCollections } from "../models/reports/expected-collections.server";
import { agingCsv, collectedCsv, collectionsCsv, deferredRevenueCsv } from "../models/reports/report-csv.server";
import { deferredRevenueRollForward } from "../services/books/deferred-revenue.server";
import type { ServiceDeps } from "../services/service-deps.server";
import { requireStaff } from "../staff-context.server";

interface CsvRequest {
  readonly db: ServiceDeps["db"];
  readonly shop: string;
  readonly search: URLSearchParams;
  readonly today: CalendarDate;
  readonly timeZone: string;
}

type CsvAnswer = { readonly ok: true; readonly csv: string } | { readonly ok: false; readonly errors: readonly string[] };

/**
 * `/app/reports/<report>.csv` with the report page's own parameters: the report as CSV (app/models/reports/
 * report-csv.server.ts says how it is written). Parameters that cannot be read are refused with what is wrong, rather
 * than a file of some other dates. The `[.]` keeps the dot in the URL.
 */
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop, deps } = await requireStaff(request);
  const kind = params.report ?? "";
  if (!isReportKind(kind)) return plainText(404, `There is no report called "${kind}": the reports are aging, collections, collected and deferred-revenue.`);
  const timeZone = await shopTimeZone(deps.db, shop);
  const today = calendarDateAt(deps.now(), timeZone);
  const answer = await csvFor(kind, { db: deps.db, shop, search: new URL(request.url).searchParams, today, timeZone });
  if (!answer.ok) return plainText(400, `The report could not be made: ${answer.errors.join("; ")}.`);
  return new Response(answer.csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${kind}-${today}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
};

async function csvFor(kind: ReportKind, { db, shop, search, today, timeZone }: CsvRequest): Promise<CsvAnswer> {
  switch (kind) {
    case "aging": {
      const read = readReportQuery(kind, search, today);
      return read.ok ? { ok: true, csv: agingCsv(await agingReport(db, shop, read.query.asOf)) } : read;
    }
    case "collections": {
      const read = readReportQuery(kind, search, today);
      return read.ok ? { ok: true, csv: collectionsCsv(await expectedCollections(db, shop, { today, ...read.query })) } : read;
    }
    case "collected": {
      const read = readReportQuery(kind, search, today);
      return read.ok ? { ok: true, csv: collectedCsv(await collectedReport(db, shop, { ...read.query, timeZone })) } : read;
    }
    case "deferred-revenue": {
      const read = readReportQuery(kind, search, today);
      return read.ok ? { ok: true, csv: deferredRevenueCsv(await deferredRevenueRollForward(db, shop, read.query)) } : read;
    }
  }
}

function plainText(status: number, message: string): Response {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
