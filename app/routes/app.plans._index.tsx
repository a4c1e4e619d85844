import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigate } from "@remix-run/react";
import { Banner, BlockStack, Box, Card, EmptyState, Layout, Link, Page, Tabs, Text } from "@shopify/polaris";

import { runPlanAction } from "../services/plans/plan-list-action.server";
import { PlanPageSkeleton, useLoadingAnotherPage } from "../components/plans/PlanPageSkeleton";
import { PlansTable, type PlanListRow } from "../components/plans/PlansTable";
import { useShopFormat } from "../components/shop-format-context";
import { summarizePlan, type SummaryFormats } from "../domain/plan/plan-summary";
import { PRESET_PLANS } from "../domain/plan/presets";
import { formatShortDate } from "../locale/format";
import { countContractsByPlan, listPlans } from "../models/plans.server";
import { shopFormat } from "../models/shop-profile.server";
import { requireStaff } from "../staff-context.server";

const EMPTY_STATE_IMAGE = "https://cdn.shopify.com/s/files/1/0262/4071/2726/files/emptystate-files.png";

export const meta: MetaFunction = () => [{ title: "Plans · Tranche" }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const staff = await requireStaff(request);
  const url = new URL(request.url);
  const showArchived = url.searchParams.get("status") === "archived";
  const [plans, contracts, format] = await Promise.all([
    listPlans(staff.deps.db, staff.shop, { includeArchived: true }),
    countContractsByPlan(staff.deps.db, staff.shop),
    shopFormat(staff.deps, staff.shop),
  ]);
  // A plan's fixed amounts have no currency of their own (they take the order's): written as the shop writes numbers.
  const amounts = new Intl.NumberFormat(format.locale, { maximumFractionDigits: 20 });
  const summaryFormats: SummaryFormats = {
    date: (date) => formatShortDate(date, format.locale),
    amount: (amount) => amounts.format(amount as `${number}`),
  };
  const rows: PlanListRow[] = plans.map((plan) => ({
    id: plan.id,
    name: plan.name,
    syntax: plan.syntax,
    summary: summarizePlan(plan.model, summaryFormats),
    contracts: contracts.get(plan.id) ?? 0,
    archived: plan.archivedAt !== null,
  }));
  const created = url.searchParams.get("created");
  return {
    showArchived,
    plans: rows.filter((row) => row.archived === showArchived),
    archivedCount: rows.filter((row) => row.archived).length,
    activeCount: rows.filter((row) => !row.archived).length,
    createdName: created === null ? null : (rows.find((row) => row.id === created)?.name ?? null),
    presets: PRESET_PLANS.map((preset) => ({ id: preset.id, name: preset.name, description: preset.description })),
  };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const staff = await requireStaff(request);
  return runPlanAction(staff, await request.formData());
};

export default function PlansIndex() {
  const { showArchived, plans, activeCount, archivedCount, createdName, presets } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const navigate = useNavigate();
  const loadingAnotherPage = useLoadingAnotherPage();
  const { count } = useShopFormat();
  if (loadingAnotherPage) return <PlanPageSkeleton />;

  const tabs = [
    { id: "active-plans", content: `Active (${count(activeCount)})`, panelID: "active-plans-panel" },
    { id: "archived-plans", content: `Archived (${count(archivedCount)})`, panelID: "archived-plans-panel" },
  ];
  const presetLinks = (
    <BlockStack gap="200">
      {presets.map((preset) => (
        <Text as="p" key={preset.id}>
          <Link url={`/app/plans/new?preset=${preset.id}`}>{preset.name}</Link>
          {` — ${preset.description}`}
        </Text>
      ))}
    </BlockStack>
  );

  return (
    <Page title="Plans" primaryAction={{ content: "Create plan", url: "/app/plans/new" }}>
      <Layout>
        {createdName ? (
          <Layout.Section>
            <Banner tone="success" title={`Plan "${createdName}" created`} onDismiss={() => navigate("/app/plans", { replace: true })} />
          </Layout.Section>
        ) : null}
        {outcome ? (
          <Layout.Section>
            <Banner tone={outcome.tone}>{outcome.message}</Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          {activeCount + archivedCount === 0 ? (
            <Card>
              <EmptyState heading="Create your first installment plan" action={{ content: "Create plan", url: "/app/plans/new" }} image={EMPTY_STATE_IMAGE}>
                <BlockStack gap="300">
                  <p>A plan says how a draft order is paid: a deposit, payments before shipping, monthly installments, net terms.</p>
                  <p>Or start from a preset:</p>
                  {presetLinks}
                </BlockStack>
              </EmptyState>
            </Card>
          ) : (
            <Card padding="0">
              <Tabs tabs={tabs} selected={showArchived ? 1 : 0} onSelect={(index) => navigate(index === 1 ? "/app/plans?status=archived" : "/app/plans")}>
                {plans.length > 0 ? (
                  <PlansTable plans={plans} />
                ) : (
                  <Box padding="400">
                    <Text as="p" tone="subdued">
                      {showArchived ? "No archived plans." : "No active plans. Create one, or unarchive an archived plan."}
                    </Text>
                  </Box>
                )}
              </Tabs>
            </Card>
          )}
        </Layout.Section>
        {activeCount + archivedCount > 0 ? (
          <Layout.Section>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Start from a preset
                </Text>
                {presetLinks}
              </BlockStack>
            </Card>
          </Layout.Section>
        ) : null}
      </Layout>
    </Page>
  );
}
