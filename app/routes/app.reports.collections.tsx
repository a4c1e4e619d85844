import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Text } from "@shopify/polaris";
import vizStyles from "@shopify/polaris-viz/build/esm/styles.css?url";

import { ReportChart } from "../components/reports/ReportChart";
import { StackingTable } from "../components/StackingTable";
import { CurrencySection, EmptyReport, ReportFrame } from "../components/reports/ReportFrame";
import { PERIOD_OPTIONS, bucketWords } from "../components/reports/report-words";
import { readReportQuery, reportSearch } from "../components/reports/report-query";
import { useShopFormat } from "../components/shop-format-context";
import { calendarDateAt } from "../domain/dates/calendar-date";
import { shopTimeZone } from "../models/contracts.server";
import { expectedCollections } from "../models/reports/expected-collections.server";
import { decimalIn } from "../models/reports/report-money";
import { requireStaff } from "../staff-context.server";

export const links = () => [{ rel: "stylesheet", href: vizStyles }];

export const meta: MetaFunction = () => [{ title: "Expected collections · Tranche" }];

/** `/app/reports/collections?period=week&count=12`: what is owed, by when it falls due. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, deps } = await requireStaff(request);
  const timeZone = await shopTimeZone(deps.db, shop);
  const today = calendarDateAt(deps.now(), timeZone);
  const read = readReportQuery("collections", new URL(request.url).searchParams, today);
  const report = await expectedCollections(deps.db, shop, { today, ...read.query });
  return json({
    today,
    query: read.query,
    errors: read.ok ? [] : read.errors,
    csvUrl: `/app/reports/collections.csv?${reportSearch(read.query)}`,
    currencies: report.byCurrency.map(({ currency, buckets, totalMinor }) => {
      const money = decimalIn(currency);
      return {
        currency,
        buckets: buckets.map(({ bucket, amountMinor, stages }) => ({ bucket, amount: money(amountMinor), stages })),
        total: money(totalMinor),
        stages: buckets.reduce((sum, row) => sum + row.stages, 0),
      };
    }),
  });
};

export default function ExpectedCollectionsReport() {
  const { today, query, errors, csvUrl, currencies } = useLoaderData<typeof loader>();
  const format = useShopFormat();
  return (
    <ReportFrame
      title="Expected collections"
      subtitle={`Open amounts by due date, from ${format.date(today)}`}
      fields={[
        { kind: "select", name: "period", label: "Period", value: query.period, options: PERIOD_OPTIONS },
        { kind: "number", name: "count", label: "Periods ahead", value: String(query.count) },
      ]}
      errors={errors}
      csvUrl={csvUrl}
    >
      {currencies.length === 0 ? <EmptyReport text="Nothing is owed on any contract." /> : null}
      {currencies.map(({ currency, buckets, total, stages }) => {
        const money = (amount: string) => format.money(amount, currency);
        const rows = buckets.map((row) => ({
          ...row,
          label: bucketWords(row.bucket, query.period, format.date, format.format.locale),
          axisLabel: bucketWords(row.bucket, query.period, format.date, format.format.locale, true),
        }));
        const overdue = rows[0]!;
        const undated = rows[rows.length - 1]!;
        return (
          <CurrencySection key={currency} currency={currency} heading="Expected collections">
            <ReportChart
              title={`Expected collections in ${currency}`}
              currency={currency}
              shape={{ kind: "columns", series: [{ name: "Due", points: rows.map(({ axisLabel, amount }) => ({ label: axisLabel, amount })) }] }}
            />
            <Text as="p" tone="subdued">
              {`${money(total)} owed in all: ${money(overdue.amount)} overdue, ${money(undated.amount)} not dated yet (${format.count(undated.stages)} ${undated.stages === 1 ? "stage waits" : "stages wait"} for a milestone or shipping).`}
            </Text>
            <StackingTable
              label={`Expected collections in ${currency}`}
              rows={rows}
              rowKey={(row) => row.label}
              columns={[
                { heading: "Due", cell: (row) => row.label, total: { value: "Total", label: "" } },
                { heading: "Stages", align: "numeric", cell: (row) => format.count(row.stages), total: { value: format.count(stages), label: "Stages" } },
                { heading: "Amount", align: "numeric", cell: (row) => money(row.amount), total: { value: money(total), label: "Total" } },
              ]}
              totalLabel="Total"
            />
          </CurrencySection>
        );
      })}
    </ReportFrame>
  );
}
