import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Card, EmptyState, InlineGrid, InlineStack, Layout, Link, Page, Text } from "@shopify/polaris";

import { formatMoney } from "../components/money-format";
import { CONTRACT_STATUS_LABELS } from "../components/StageStatusBadge";
import { portfolioPeriod } from "../domain/contract/portfolio";
import { currencyFor } from "../domain/money/currency";
import { formatMinorUnits } from "../domain/money/minor-units";
import { shopTimeZone } from "../models/contracts.server";
import { portfolioFigures } from "../models/portfolio.server";
import { requireStaff } from "../staff-context.server";

/** Background work the queue gave up on, newest first: shown until there is none. */
const PARKED_JOBS_SHOWN = 5;

export const meta: MetaFunction = () => [{ title: "Dashboard · Tranche" }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, deps } = await requireStaff(request);
  const period = portfolioPeriod(deps.now(), await shopTimeZone(deps.db, shop));
  const figures = await portfolioFigures(deps.db, shop, period);
  const parked = await deps.db.parkedJob.findMany({
    where: { shop },
    orderBy: { parkedAt: "desc" },
    take: PARKED_JOBS_SHOWN,
    select: { kind: true, reason: true, parkedAt: true },
  });
  return json({
    parkedJobs: { count: await deps.db.parkedJob.count({ where: { shop } }), latest: parked.map((job) => ({ ...job, parkedAt: job.parkedAt.toISOString() })) },
    today: period.today,
    contractCount: Object.values(figures.contractsByStatus).reduce((sum, count) => sum + count, 0),
    byStatus: figures.contractsByStatus,
    money: [...figures.byCurrency].map(([code, sums]) => {
      const currency = currencyFor(code);
      return {
        currency: code,
        dueThisWeek: formatMinorUnits(sums.dueThisWeek, currency),
        dueThisMonth: formatMinorUnits(sums.dueThisMonth, currency),
        overdue: formatMinorUnits(sums.overdue, currency),
        collectedThisMonth: formatMinorUnits(sums.collectedThisMonth, currency),
        anyOverdue: sums.overdue > 0n,
      };
    }),
  });
};

export default function Dashboard() {
  const { today, contractCount, byStatus, money, parkedJobs } = useLoaderData<typeof loader>();
  if (contractCount === 0) {
    return (
      <Page title="Dashboard">
        <Card>
          <EmptyState
            heading="Collect quotes in stages"
            action={{ content: "Attach a plan to a draft order", url: "/app/attach" }}
            secondaryAction={{ content: "Plans", url: "/app/plans" }}
            image=""
          >
            <p>Deposits at checkout, payments before shipping, balances on net terms: attach a plan to a draft order and Tranche collects every stage.</p>
          </EmptyState>
        </Card>
      </Page>
    );
  }
  return (
    <Page title="Dashboard" subtitle={`Today is ${today} in the shop's time zone`} primaryAction={{ content: "Attach a plan", url: "/app/attach" }}>
      <Layout>
        {parkedJobs.count > 0 ? (
          <Layout.Section>
            <Banner tone="critical" title={`${parkedJobs.count} background ${parkedJobs.count === 1 ? "task" : "tasks"} stopped and need a look`}>
              <BlockStack gap="100">
                {parkedJobs.latest.map((job) => (
                  <Text as="p" key={`${job.kind}-${job.parkedAt}`}>
                    {job.parkedAt.slice(0, 10)} · {job.kind}: {job.reason}
                  </Text>
                ))}
              </BlockStack>
            </Banner>
          </Layout.Section>
        ) : null}
        {money.map((line) => (
          <Layout.Section key={line.currency}>
            <InlineGrid columns={{ xs: 1, sm: 2, md: 4 }} gap="400">
              <Figure label="Due this week" value={formatMoney(line.dueThisWeek, line.currency)} href="/app/contracts?due=week" />
              <Figure label="Due this month" value={formatMoney(line.dueThisMonth, line.currency)} />
              <Figure label="Overdue" value={formatMoney(line.overdue, line.currency)} href="/app/contracts?due=overdue" critical={line.anyOverdue} />
              <Figure label="Collected this month" value={formatMoney(line.collectedThisMonth, line.currency)} />
            </InlineGrid>
          </Layout.Section>
        ))}
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Contracts by status
              </Text>
              <InlineStack gap="600">
                {Object.entries(byStatus).map(([status, count]) => (
                  <BlockStack key={status} gap="100">
                    <Text as="p" tone="subdued">
                      <Link url={`/app/contracts?status=${status}`}>{CONTRACT_STATUS_LABELS[status] ?? status}</Link>
                    </Text>
                    <Text as="p" variant="headingLg">
                      {count}
                    </Text>
                  </BlockStack>
                ))}
              </InlineStack>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function Figure({ label, value, href, critical }: { readonly label: string; readonly value: string; readonly href?: string; readonly critical?: boolean }) {
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingSm" tone="subdued">
          {href ? <Link url={href}>{label}</Link> : label}
        </Text>
        <Text as="p" variant="headingXl" tone={critical ? "critical" : undefined}>
          {value}
        </Text>
      </BlockStack>
    </Card>
  );
}
