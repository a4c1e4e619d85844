import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Badge, BlockStack, Card, EmptyState, InlineGrid, InlineStack, Layout, Link, Page, Text } from "@shopify/polaris";

import { useShopFormat } from "../components/shop-format-context";
import { CONTRACT_STATUS_LABELS } from "../components/StageStatusBadge";
import type { StaffAlertKind, StaffAlertList } from "../domain/alerts/staff-alerts";
import { portfolioPeriod } from "../domain/contract/portfolio";
import { currencyFor } from "../domain/money/currency";
import { formatMinorUnits } from "../domain/money/minor-units";
import { alertCountWords, alertFormats, alertWords } from "../locale/staff-alert-words";
import { shopTimeZone } from "../models/contracts.server";
import { portfolioFigures } from "../models/portfolio.server";
import { shopFormat } from "../models/shop-profile.server";
import { readStaffAlerts } from "../models/staff-alerts.server";
import { alertPagePath } from "../services/staff-alerts/alert-page-path";
import { requireStaff } from "../staff-context.server";

/** The to-do items listed in full; the rest are counted, behind a link to the contracts. */
const ALERTS_SHOWN = 10;

/** How loud each kind of to-do item's badge is. */
const ALERT_TONES: Readonly<Record<StaffAlertKind, "critical" | "warning" | "attention">> = {
  chargeDeclined: "critical",
  stageOverdue: "warning",
  jobParked: "attention",
  emailFailed: "warning",
  creditLimitReached: "attention",
};

export const meta: MetaFunction = () => [{ title: "Dashboard · Tranche" }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, deps } = await requireStaff(request);
  const timeZone = await shopTimeZone(deps.db, shop);
  const period = portfolioPeriod(deps.now(), timeZone);
  const [figures, alerts, format] = await Promise.all([
    portfolioFigures(deps.db, shop, period),
    readStaffAlerts(deps.db, shop, { today: period.today, timeZone }, ALERTS_SHOWN),
    shopFormat(deps, shop),
  ]);
  const formats = alertFormats(format.locale);
  return json({
    toDo: {
      count: alerts.total,
      countWords: alertCountWords(alerts.counts).byKind,
      items: alerts.items.map((alert) => ({
        ...alertWords(alert, formats),
        tone: ALERT_TONES[alert.kind],
        subjectUrl: alertPagePath(alert),
      })),
      more: alerts.total - alerts.items.length,
      moreUrl: moreUrlFor(alerts),
    },
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

/**
 * Where "and N more" leads: the overdue contracts when every item left out is an overdue stage (the list can filter
 * them), else every contract.
 */
function moreUrlFor({ items, counts, total }: StaffAlertList): string {
  const overdueLeftOut = counts.stageOverdue - items.filter((alert) => alert.kind === "stageOverdue").length;
  return overdueLeftOut > 0 && overdueLeftOut === total - items.length ? "/app/contracts?due=overdue" : "/app/contracts";
}

export default function Dashboard() {
  const { today, contractCount, byStatus, money, toDo } = useLoaderData<typeof loader>();
  const format = useShopFormat();
  if (contractCount === 0 && toDo.count === 0) {
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
    <Page
      title="Dashboard"
      subtitle={`Today is ${format.date(today)} in the shop's time zone`}
      primaryAction={{ content: "Attach a plan", url: "/app/attach" }}
    >
      <Layout>
        <Layout.Section>
          <ToDoCard toDo={toDo} />
        </Layout.Section>
        {money.map((line) => (
          <Layout.Section key={line.currency}>
            <InlineGrid columns={{ xs: 1, sm: 2, md: 4 }} gap="400">
              <Figure label="Due this week" value={format.money(line.dueThisWeek, line.currency)} href="/app/contracts?due=week" />
              <Figure label="Due this month" value={format.money(line.dueThisMonth, line.currency)} />
              <Figure label="Overdue" value={format.money(line.overdue, line.currency)} href="/app/contracts?due=overdue" critical={line.anyOverdue} />
              <Figure label="Collected this month" value={format.money(line.collectedThisMonth, line.currency)} />
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

type ToDo = ReturnType<typeof useLoaderData<typeof loader>>["toDo"];

/** What needs a person, the most urgent first: declined cards, overdue stages, stopped work, unsent emails. */
function ToDoCard({ toDo }: { readonly toDo: ToDo }) {
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack gap="200" blockAlign="center">
          <Text as="h2" variant="headingMd">
            To do
          </Text>
          {toDo.count > 0 ? <Badge tone="critical">{String(toDo.count)}</Badge> : null}
          {toDo.countWords ? (
            <Text as="span" tone="subdued">
              {toDo.countWords}
            </Text>
          ) : null}
        </InlineStack>
        {toDo.count === 0 ? (
          <Text as="p" tone="subdued">
            Nothing needs you today: no declined cards, overdue stages, stopped work, unsent emails or customers at their credit limit.
          </Text>
        ) : (
          <BlockStack gap="300">
            {toDo.items.map((item, index) => (
              <BlockStack gap="100" key={index}>
                <InlineStack gap="200" blockAlign="start" wrap={false}>
                  <Badge tone={item.tone}>{item.badge}</Badge>
                  <Text as="p">
                    {item.subjectLabel && item.subjectUrl ? (
                      <>
                        <Link url={item.subjectUrl}>{item.subjectLabel}</Link>: {item.text}
                      </>
                    ) : (
                      item.text
                    )}
                  </Text>
                </InlineStack>
                {item.detail ? (
                  <Text as="p" tone="subdued" variant="bodySm">
                    {item.detail}
                  </Text>
                ) : null}
              </BlockStack>
            ))}
            {toDo.more > 0 ? (
              <Text as="p">
                <Link url={toDo.moreUrl}>And {toDo.more} more</Link>
              </Text>
            ) : null}
          </BlockStack>
        )}
      </BlockStack>
    </Card>
  );
}
