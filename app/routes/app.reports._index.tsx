import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Card, InlineGrid, Link, Page, Text } from "@shopify/polaris";

import { useShopFormat } from "../components/shop-format-context";
import { calendarDateAt, firstOfMonth } from "../domain/dates/calendar-date";
import { shopTimeZone } from "../models/contracts.server";
import { agingReport } from "../models/reports/aging.server";
import { collectedReport } from "../models/reports/collected.server";
import { expectedCollections } from "../models/reports/expected-collections.server";
import { decimalIn } from "../models/reports/report-money";
import { deferredRevenueRollForward } from "../services/books/deferred-revenue.server";
import { requireStaff } from "../staff-context.server";

export const meta: MetaFunction = () => [{ title: "Reports · Tranche" }];

/** One figure per currency: money in different currencies is never added up. */
interface Headline {
  readonly currency: string;
  readonly amount: string;
}

/** The reports, each with the figure staff most often open it for, as of today in the shop's zone. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, deps } = await requireStaff(request);
  const timeZone = await shopTimeZone(deps.db, shop);
  const today = calendarDateAt(deps.now(), timeZone);
  const thisMonth = { from: firstOfMonth(today), to: today, period: "month" as const };
  const [aging, collections, collected, deferred] = await Promise.all([
    agingReport(deps.db, shop, today),
    expectedCollections(deps.db, shop, { today, period: "month", count: 1 }),
    collectedReport(deps.db, shop, { ...thisMonth, timeZone }),
    deferredRevenueRollForward(deps.db, shop, thisMonth),
  ]);
  const headline = (currency: string, minor: bigint): Headline => ({ currency, amount: decimalIn(currency)(minor) });
  return json({
    today,
    owed: aging.totals.map((total) => headline(total.currency, total.totalMinor)),
    dueThisMonth: collections.byCurrency.map(({ currency, buckets }) =>
      headline(
        currency,
        buckets.filter(({ bucket }) => bucket.kind === "overdue" || bucket.kind === "period").reduce((sum, row) => sum + row.amountMinor, 0n),
      ),
    ),
    collectedThisMonth: collected.byCurrency.map(({ currency, total }) => headline(currency, total.netMinor)),
    deferredNow: deferred.filter((row) => row.periodEnd >= today).map((row) => headline(row.currency, row.closingMinor)),
  });
};

export default function Reports() {
  const { today, owed, dueThisMonth, collectedThisMonth, deferredNow } = useLoaderData<typeof loader>();
  const format = useShopFormat();
  return (
    <Page title="Reports" subtitle={`Figures as of ${format.date(today)} in the shop's time zone`}>
      <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
        <ReportCard
          title="Accounts receivable aging"
          url="/app/reports/aging"
          description="What customers owe on invoiced stages, by how many days past due."
          figureLabel="Owed on invoiced stages"
          figures={owed}
          none="Nothing owed"
        />
        <ReportCard
          title="Expected collections"
          url="/app/reports/collections"
          description="Open amounts by the week or month they fall due, overdue and not yet dated apart."
          figureLabel="Overdue or due this month"
          figures={dueThisMonth}
          none="Nothing due"
        />
        <ReportCard
          title="Collected"
          url="/app/reports/collected"
          description="Payments less refunds per week or month, by the shop's calendar."
          figureLabel="Collected this month"
          figures={collectedThisMonth}
          none="Nothing collected yet"
        />
        <ReportCard
          title="Deferred and recognised revenue"
          url="/app/reports/deferred-revenue"
          description="Deposits and stages invoiced before shipping, owed to customers until the goods ship, and revenue recognised."
          figureLabel="Deferred revenue today"
          figures={deferredNow}
          none="Nothing deferred"
        />
      </InlineGrid>
    </Page>
  );
}

/** A report's card: what it answers, and its headline figure per currency. */
function ReportCard(props: {
  readonly title: string;
  readonly url: string;
  readonly description: string;
  readonly figureLabel: string;
  readonly figures: readonly Headline[];
  readonly none: string;
}) {
  const format = useShopFormat();
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          <Link url={props.url}>{props.title}</Link>
        </Text>
        <Text as="p" tone="subdued">
          {props.description}
        </Text>
        <Text as="h3" variant="headingSm">
          {props.figureLabel}
        </Text>
        {props.figures.length === 0 ? (
          <Text as="p" variant="headingLg">
            {props.none}
          </Text>
        ) : (
          props.figures.map(({ currency, amount }) => (
            <Text as="p" variant="headingLg" key={currency}>
              {format.money(amount, currency)}
            </Text>
          ))
        )}
      </BlockStack>
    </Card>
  );
}
