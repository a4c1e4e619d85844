import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Text } from "@shopify/polaris";
import vizStyles from "@shopify/polaris-viz/build/esm/styles.css?url";

import { ReportChart, type ChartSeries } from "../components/reports/ReportChart";
import { StackingTable } from "../components/StackingTable";
import { CurrencySection, EmptyReport, ReportFrame } from "../components/reports/ReportFrame";
import { readReportQuery, reportSearch } from "../components/reports/report-query";
import { useShopFormat } from "../components/shop-format-context";
import { calendarDateAt } from "../domain/dates/calendar-date";
import { AGING_BUCKETS } from "../domain/reports/aging-buckets";
import { shopTimeZone } from "../models/contracts.server";
import { agingReport, type AgingCustomerRow } from "../models/reports/aging.server";
import { decimalIn } from "../models/reports/report-money";
import { requireStaff } from "../staff-context.server";

export const links = () => [{ rel: "stylesheet", href: vizStyles }];

export const meta: MetaFunction = () => [{ title: "Accounts receivable aging · Tranche" }];

/** `/app/reports/aging?asOf=YYYY-MM-DD`: what customers owe on invoiced stages, by how late it is. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, deps } = await requireStaff(request);
  const timeZone = await shopTimeZone(deps.db, shop);
  const read = readReportQuery("aging", new URL(request.url).searchParams, calendarDateAt(deps.now(), timeZone));
  const report = await agingReport(deps.db, shop, read.query.asOf);
  return json({
    query: read.query,
    errors: read.ok ? [] : read.errors,
    csvUrl: `/app/reports/aging.csv?${reportSearch(read.query)}`,
    currencies: report.totals.map((total) => {
      const money = decimalIn(total.currency);
      const line = (row: Pick<(typeof report.rows)[number], "buckets" | "totalMinor" | "stages">) => ({
        buckets: AGING_BUCKETS.map(({ bucket }) => money(row.buckets[bucket])),
        total: money(row.totalMinor),
        stages: row.stages,
      });
      const customers = report.rows.filter((row) => row.currency === total.currency);
      return {
        currency: total.currency,
        chart: stackedByCustomer(customers, money),
        customers: customers.filter((row) => row.currency === total.currency).map((row) => ({ customer: row.customer, ...line(row) })),
        total: line(total),
      };
    }),
  });
};

/** The customers the chart names; the rest stack as one "Other customers" part of each column. */
const CHART_CUSTOMERS = 5;

/** One column per age bucket, stacked by the customers owing the most (rows come sorted so). */
function stackedByCustomer(rows: readonly AgingCustomerRow[], money: (minor: bigint) => string): ChartSeries[] {
  const named = rows.slice(0, CHART_CUSTOMERS);
  const others = rows.slice(CHART_CUSTOMERS);
  const seriesOf = (name: string, group: readonly AgingCustomerRow[]): ChartSeries => ({
    name,
    points: AGING_BUCKETS.map(({ bucket, label }) => ({ label, amount: money(group.reduce((sum, row) => sum + row.buckets[bucket], 0n)) })),
  });
  return [...named.map((row) => seriesOf(row.customer, [row])), ...(others.length > 0 ? [seriesOf("Other customers", others)] : [])];
}

export default function AgingReport() {
  const { query, errors, csvUrl, currencies } = useLoaderData<typeof loader>();
  const format = useShopFormat();
  return (
    <ReportFrame
      title="Accounts receivable aging"
      subtitle={`What is owed today on invoiced stages, aged by days past due as of ${format.date(query.asOf)}`}
      fields={[{ kind: "date", name: "asOf", label: "As of", value: query.asOf }]}
      errors={errors}
      csvUrl={csvUrl}
    >
      {currencies.length === 0 ? <EmptyReport text="No customer owes anything on an invoiced stage." /> : null}
      {currencies.map(({ currency, chart, customers, total }) => {
        const money = (amount: string) => format.money(amount, currency);
        return (
          <CurrencySection key={currency} currency={currency} heading="Owed by age">
            <ReportChart title={`Owed by age in ${currency}`} currency={currency} shape={{ kind: "stackedColumns", series: chart }} />
            <Text as="p" tone="subdued">
              {`${AGING_BUCKETS.map(({ label }, index) => `${label}: ${money(total.buckets[index]!)}`).join("; ")}. Total owed: ${money(total.total)}.`}
            </Text>
            <StackingTable
              label={`Owed by customer and age in ${currency}`}
              rows={customers}
              rowKey={(row) => row.customer}
              columns={[
                { heading: "Customer", cell: (row) => row.customer, total: { value: "Total", label: "" } },
                ...AGING_BUCKETS.map(({ label }, index) => ({
                  heading: label,
                  align: "numeric" as const,
                  cell: (row: (typeof customers)[number]) => money(row.buckets[index]!),
                  total: { value: money(total.buckets[index]!), label },
                })),
                { heading: "Total", align: "numeric", cell: (row) => money(row.total), total: { value: money(total.total), label: "Total" } },
              ]}
              totalLabel="Total"
            />
          </CurrencySection>
        );
      })}
    </ReportFrame>
  );
}
