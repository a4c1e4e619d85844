import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Text } from "@shopify/polaris";
import vizStyles from "@shopify/polaris-viz/build/esm/styles.css?url";

import { ReportChart } from "../components/reports/ReportChart";
import { StackingTable } from "../components/StackingTable";
import { CurrencySection, EmptyReport, ReportFrame } from "../components/reports/ReportFrame";
import { readReportQuery, reportSearch } from "../components/reports/report-query";
import { PERIOD_OPTIONS, periodWords } from "../components/reports/report-words";
import { useShopFormat } from "../components/shop-format-context";
import { calendarDateAt } from "../domain/dates/calendar-date";
import { shopTimeZone } from "../models/contracts.server";
import { DEFERRED_REVENUE_COLUMNS } from "../models/reports/deferred-revenue-columns";
import { decimalIn } from "../models/reports/report-money";
import { deferredRevenueRollForward } from "../services/books/deferred-revenue.server";
import { requireStaff } from "../staff-context.server";

export const links = () => [{ rel: "stylesheet", href: vizStyles }];

export const meta: MetaFunction = () => [{ title: "Deferred and recognised revenue · Tranche" }];

/**
 * `/app/reports/deferred-revenue?period=month&from=…&to=…`: the contract liability (deposits and stages invoiced
 * before the goods shipped) rolled forward per period, beside the revenue recognised; the journal computes it
 * (app/services/books), so it equals the accounting export.
 */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, deps } = await requireStaff(request);
  const timeZone = await shopTimeZone(deps.db, shop);
  const read = readReportQuery("deferred-revenue", new URL(request.url).searchParams, calendarDateAt(deps.now(), timeZone));
  const rows = await deferredRevenueRollForward(deps.db, shop, read.query);
  const currencies = [...new Set(rows.map((row) => row.currency))];
  return json({
    query: read.query,
    errors: read.ok ? [] : read.errors,
    csvUrl: `/app/reports/deferred-revenue.csv?${reportSearch(read.query)}`,
    currencies: currencies.map((currency) => {
      const money = decimalIn(currency);
      return {
        currency,
        periods: rows
          .filter((row) => row.currency === currency)
          .map((row) => ({ start: row.periodStart, amounts: DEFERRED_REVENUE_COLUMNS.map(({ key }) => money(row[key])) })),
      };
    }),
  });
};

const CLOSING = DEFERRED_REVENUE_COLUMNS.findIndex(({ key }) => key === "closingMinor");
const RECOGNISED = DEFERRED_REVENUE_COLUMNS.findIndex(({ key }) => key === "revenueRecognisedMinor");

export default function DeferredRevenueReport() {
  const { query, errors, csvUrl, currencies } = useLoaderData<typeof loader>();
  const format = useShopFormat();
  return (
    <ReportFrame
      title="Deferred and recognised revenue"
      subtitle={`Money invoiced before the goods shipped is owed to the customer until they ship (ASC 606, IFRS 15): from ${format.date(query.from)} to ${format.date(query.to)}`}
      fields={[
        { kind: "select", name: "period", label: "Period", value: query.period, options: PERIOD_OPTIONS },
        { kind: "date", name: "from", label: "From", value: query.from },
        { kind: "date", name: "to", label: "To", value: query.to },
      ]}
      errors={errors}
      csvUrl={csvUrl}
    >
      {currencies.length === 0 ? <EmptyReport text="Nothing was invoiced, recognised or refunded in these dates." /> : null}
      {currencies.map(({ currency, periods }) => {
        const money = (amount: string) => format.money(amount, currency);
        const label = (start: string) => periodWords(start, query.period, format.date, format.format.locale);
        const axisLabel = (start: string) => periodWords(start, query.period, format.date, format.format.locale, true);
        const last = periods[periods.length - 1];
        return (
          <CurrencySection key={currency} currency={currency} heading="Deferred revenue">
            <ReportChart
              title={`Deferred and recognised revenue in ${currency}`}
              currency={currency}
              shape={{
                kind: "columnsAndLine",
                columns: [{ name: "Revenue recognised", points: periods.map((row) => ({ label: axisLabel(row.start), amount: row.amounts[RECOGNISED]! })) }],
                line: [
                  {
                    name: "Deferred balance",
                    points: periods.map((row) => ({ label: axisLabel(row.start), amount: row.amounts[CLOSING]! })),
                  },
                ],
              }}
            />
            {last ? (
              <Text as="p" tone="subdued">
                {`Deferred revenue at the end of ${label(last.start)}: ${money(last.amounts[CLOSING]!)}.`}
              </Text>
            ) : null}
            {/* Nine figures a period do not fit a card's width: the table scrolls sideways, in a region the keyboard reaches. */}
            <div role="region" aria-label={`Deferred revenue roll-forward in ${currency}, scrolls sideways`} tabIndex={0} style={{ overflowX: "auto" }}>
              <StackingTable
                label={`Deferred revenue roll-forward in ${currency}`}
                rows={periods}
                rowKey={(row) => row.start}
                columns={[
                  { heading: "Period", cell: (row) => label(row.start) },
                  ...DEFERRED_REVENUE_COLUMNS.map(({ label: heading }, index) => ({
                    heading,
                    align: "numeric" as const,
                    cell: (row: (typeof periods)[number]) => money(row.amounts[index]!),
                  })),
                ]}
              />
            </div>
          </CurrencySection>
        );
      })}
    </ReportFrame>
  );
}
