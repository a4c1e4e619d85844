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
import { collectedReport } from "../models/reports/collected.server";
import { decimalIn } from "../models/reports/report-money";
import { requireStaff } from "../staff-context.server";

export const links = () => [{ rel: "stylesheet", href: vizStyles }];

export const meta: MetaFunction = () => [{ title: "Collected · Tranche" }];

/** `/app/reports/collected?period=month&from=…&to=…`: payments less refunds per period, by the shop's calendar. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, deps } = await requireStaff(request);
  const timeZone = await shopTimeZone(deps.db, shop);
  const read = readReportQuery("collected", new URL(request.url).searchParams, calendarDateAt(deps.now(), timeZone));
  const report = await collectedReport(deps.db, shop, { ...read.query, timeZone });
  return json({
    query: read.query,
    errors: read.ok ? [] : read.errors,
    csvUrl: `/app/reports/collected.csv?${reportSearch(read.query)}`,
    currencies: report.byCurrency.map(({ currency, periods, total }) => {
      const money = decimalIn(currency);
      const line = (row: (typeof periods)[number] | typeof total) => ({
        payments: money(row.paymentsMinor),
        paymentCount: row.payments,
        refunds: money(row.refundsMinor),
        refundCount: row.refunds,
        net: money(row.netMinor),
      });
      return { currency, periods: periods.map((row) => ({ start: row.start, ...line(row) })), total: line(total) };
    }),
  });
};

export default function CollectedReport() {
  const { query, errors, csvUrl, currencies } = useLoaderData<typeof loader>();
  const format = useShopFormat();
  return (
    <ReportFrame
      title="Collected"
      subtitle={`Payments less refunds from ${format.date(query.from)} to ${format.date(query.to)}, by the shop's calendar`}
      fields={[
        { kind: "select", name: "period", label: "Period", value: query.period, options: PERIOD_OPTIONS },
        { kind: "date", name: "from", label: "From", value: query.from },
        { kind: "date", name: "to", label: "To", value: query.to },
      ]}
      errors={errors}
      csvUrl={csvUrl}
    >
      {currencies.length === 0 ? <EmptyReport text="No payment or refund was recorded in these dates." /> : null}
      {currencies.map(({ currency, periods, total }) => {
        const money = (amount: string) => format.money(amount, currency);
        const label = (start: string) => periodWords(start, query.period, format.date, format.format.locale);
        const axisLabel = (start: string) => periodWords(start, query.period, format.date, format.format.locale, true);
        return (
          <CurrencySection key={currency} currency={currency} heading="Collected">
            <ReportChart
              title={`Collected in ${currency}`}
              currency={currency}
              shape={{ kind: "columns", series: [{ name: "Net collected", points: periods.map((row) => ({ label: axisLabel(row.start), amount: row.net })) }] }}
            />
            <Text as="p" tone="subdued">
              {`${money(total.net)} collected: ${format.count(total.paymentCount)} ${total.paymentCount === 1 ? "payment" : "payments"} of ${money(total.payments)}, less ${format.count(total.refundCount)} ${total.refundCount === 1 ? "refund" : "refunds"} of ${money(total.refunds)}.`}
            </Text>
            <StackingTable
              label={`Collected per period in ${currency}`}
              rows={periods}
              rowKey={(row) => row.start}
              columns={[
                { heading: "Period", cell: (row) => label(row.start), total: { value: "Total", label: "" } },
                {
                  heading: "Payments",
                  align: "numeric",
                  cell: (row) => format.count(row.paymentCount),
                  total: { value: format.count(total.paymentCount), label: "Payments" },
                },
                { heading: "Paid", align: "numeric", cell: (row) => money(row.payments), total: { value: money(total.payments), label: "Paid" } },
                {
                  heading: "Refunds",
                  align: "numeric",
                  cell: (row) => format.count(row.refundCount),
                  total: { value: format.count(total.refundCount), label: "Refunds" },
                },
                { heading: "Refunded", align: "numeric", cell: (row) => money(row.refunds), total: { value: money(total.refunds), label: "Refunded" } },
                { heading: "Net collected", align: "numeric", cell: (row) => money(row.net), total: { value: money(total.net), label: "Net collected" } },
              ]}
              totalLabel="Total"
            />
          </CurrencySection>
        );
      })}
    </ReportFrame>
  );
}
