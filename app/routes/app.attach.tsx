import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  DataTable,
  EmptyState,
  InlineStack,
  Layout,
  Page,
  ResourceItem,
  ResourceList,
  Select,
  SkeletonBodyText,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { z } from "zod";

import { formatMoney } from "../components/money-format";
import { CONTRACT_ATTRIBUTE, STAGE_ATTRIBUTE } from "../services/attach/contract-attributes";
import { STAGE_DRAFT_TAG } from "../services/collection/stage-draft-tags";
import { refusalMessage } from "../services/action-errors";
import { attachOptions, attachPreviewView } from "../services/attach/attach-flow.server";
import { attachPlan, readAttachSources } from "../services/attach/attach-plan.server";
import { draftOrdersSearchQuery } from "../shopify/operations/draft-orders-search-query";
import { requireStaff } from "../staff-context.server";

const MODE_TEXT = {
  native: "Native (Shopify Plus): the deposit and payment terms are on the draft order itself; later stages are charged or invoiced on the order.",
  stageOrder:
    "Stage orders: each stage is paid through its own draft order, emailed on its date; the main order shows the payments as this Shopify plan allows (on Plus as each arrives, otherwise all at the last stage).",
} as const;

export const meta: MetaFunction = () => [{ title: "Attach a plan · Tranche" }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, deps } = await requireStaff(request);
  const url = new URL(request.url);
  const search = url.searchParams.get("q")?.trim() ?? "";
  const draftOrderId = url.searchParams.get("draftOrderId");
  const admin = await deps.adminFor(shop);
  // The app's own stage drafts are open drafts too: left out by their tag, so they never crowd out the quotes.
  const { draftOrders } = await admin.request(draftOrdersSearchQuery, { query: `status:open -tag:${STAGE_DRAFT_TAG} ${search}`.trim() });
  const drafts = draftOrders.nodes
    .filter((draft) => !draft.customAttributes.some((attribute) => attribute.key === STAGE_ATTRIBUTE))
    .map((draft) => ({
      id: draft.id,
      name: draft.name,
      customer: draft.customer?.displayName ?? draft.customer?.email ?? null,
      total: draft.totalPriceSet.shopMoney.amount,
      currency: draft.totalPriceSet.shopMoney.currencyCode,
      hasPlan: draft.customAttributes.some((attribute) => attribute.key === CONTRACT_ATTRIBUTE),
    }));
  if (!draftOrderId) return json({ search, drafts, options: null, preview: null, problem: null });
  try {
    const sources = await readAttachSources(deps, admin, shop, draftOrderId);
    const options = await attachOptions(deps, shop, draftOrderId, sources);
    const planId = url.searchParams.get("planId") ?? options.plans[0]?.id;
    const preview = planId ? await attachPreviewView(deps, shop, { draftOrderId, planId }, sources) : null;
    return json({ search, drafts, options: { ...options, planId: planId ?? null }, preview, problem: null });
  } catch (error) {
    return json({ search, drafts, options: null, preview: null, problem: refusalMessage(error) });
  }
};

const attachInput = z.object({ draftOrderId: z.string().min(1, "pick a draft order"), planId: z.string().min(1, "pick a plan") });

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, deps, actor } = await requireStaff(request);
  try {
    const input = attachInput.parse(Object.fromEntries(await request.formData()));
    const contract = await attachPlan(deps, shop, { ...input, actor });
    return redirect(`/app/contracts/${contract.id}`);
  } catch (error) {
    return json({ problem: refusalMessage(error) }, { status: 422 });
  }
};

export default function AttachPage() {
  const { search, drafts, options, preview, problem } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const loading = navigation.state === "loading" && navigation.location.pathname === "/app/attach";
  const error = result?.problem ?? problem;

  return (
    <Page title="Attach a plan to a draft order" backAction={{ content: "Dashboard", url: "/app" }}>
      <Layout>
        {error ? (
          <Layout.Section>
            <Banner tone="critical" title="The plan cannot be attached">
              <p>{error}</p>
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section variant="oneThird">
          <DraftOrderPicker key={search} search={search} drafts={drafts} selectedId={options?.draftOrder.id ?? null} />
        </Layout.Section>
        <Layout.Section>
          {loading ? (
            <Card>
              <SkeletonBodyText lines={8} />
            </Card>
          ) : options ? (
            <AttachForm options={options} preview={preview} search={search} submitting={navigation.state === "submitting"} />
          ) : (
            <Card>
              <EmptyState heading="Pick a draft order" image="">
                <p>Search for the quote on the left; its schedule under each plan appears here, with tax per stage.</p>
              </EmptyState>
            </Card>
          )}
        </Layout.Section>
      </Layout>
    </Page>
  );
}

interface DraftRow {
  readonly id: string;
  readonly name: string;
  readonly customer: string | null;
  readonly total: string;
  readonly currency: string;
  readonly hasPlan: boolean;
}

function DraftOrderPicker({
  search,
  drafts,
  selectedId,
}: {
  readonly search: string;
  readonly drafts: readonly DraftRow[];
  readonly selectedId: string | null;
}) {
  const [query, setQuery] = useState(search);
  return (
    <Card padding="0">
      <Box padding="300">
        <Form method="get" role="search">
          <InlineStack gap="200" blockAlign="end" wrap={false}>
            <div style={{ flexGrow: 1 }}>
              <TextField label="Search draft orders" name="q" value={query} onChange={setQuery} autoComplete="off" placeholder="#D12 or email" />
            </div>
            <Button submit>Search</Button>
          </InlineStack>
        </Form>
      </Box>
      <ResourceList
        resourceName={{ singular: "draft order", plural: "draft orders" }}
        items={[...drafts]}
        emptyState={
          <Box padding="400">
            <Text as="p" tone="subdued">
              No open draft orders match.
            </Text>
          </Box>
        }
        renderItem={(draft) => (
          <ResourceItem
            id={draft.id}
            url={`/app/attach?${new URLSearchParams({ ...(search ? { q: search } : {}), draftOrderId: draft.id })}`}
            accessibilityLabel={`Choose draft order ${draft.name}`}
          >
            <InlineStack align="space-between" blockAlign="center">
              <BlockStack gap="050">
                <Text as="span" fontWeight={draft.id === selectedId ? "bold" : "semibold"}>
                  {draft.name}
                </Text>
                <Text as="span" tone="subdued">
                  {draft.customer ?? "No customer"}
                </Text>
              </BlockStack>
              <BlockStack gap="050" inlineAlign="end">
                <Text as="span">{formatMoney(draft.total, draft.currency)}</Text>
                {draft.hasPlan ? <Badge tone="info">Has a plan</Badge> : null}
              </BlockStack>
            </InlineStack>
          </ResourceItem>
        )}
      />
    </Card>
  );
}

interface AttachFormProps {
  readonly options: {
    readonly draftOrder: { readonly id: string; readonly name: string; readonly customer: string | null; readonly total: string; readonly currency: string };
    readonly mode: "native" | "stageOrder";
    readonly plans: readonly { readonly id: string; readonly name: string; readonly isDefault: boolean }[];
    readonly planId: string | null;
  };
  readonly preview: {
    readonly mode: "native" | "stageOrder";
    readonly currency: string;
    readonly total: string;
    readonly stages: readonly {
      readonly position: number;
      readonly title: string;
      readonly amount: string;
      readonly when: string;
      readonly tax: readonly { readonly title: string; readonly amount: string }[];
    }[];
  } | null;
  /** The draft-order search, kept when the plan changes. */
  readonly search: string;
  readonly submitting: boolean;
}

function AttachForm({ options, preview, search, submitting }: AttachFormProps) {
  const submit = useSubmit();
  const { draftOrder } = options;
  const money = (amount: string) => formatMoney(amount, draftOrder.currency);
  if (options.plans.length === 0) {
    return (
      <Card>
        <EmptyState heading="No plans yet" action={{ content: "Create plan", url: "/app/plans/new" }} image="">
          <p>Create an installment plan first; it can then be attached to {draftOrder.name}.</p>
        </EmptyState>
      </Card>
    );
  }
  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {draftOrder.name} · {draftOrder.customer ?? "No customer"}
          </Text>
          <Text as="p" variant="headingMd">
            {money(draftOrder.total)}
          </Text>
        </InlineStack>
        <Select
          label="Plan"
          options={options.plans.map((plan) => ({ label: plan.isDefault ? `${plan.name} (customer's default)` : plan.name, value: plan.id }))}
          value={options.planId ?? ""}
          onChange={(planId) => submit({ ...(search ? { q: search } : {}), draftOrderId: draftOrder.id, planId }, { method: "get", replace: true })}
        />
        <Text as="p" tone="subdued">
          Collection: {MODE_TEXT[options.mode]}
        </Text>
        {preview ? (
          <DataTable
            columnContentTypes={["numeric", "text", "text", "numeric", "text"]}
            headings={["#", "Stage", "Due", "Amount", "Tax in it"]}
            rows={preview.stages.map((stage) => [
              stage.position,
              stage.title,
              stage.when,
              money(stage.amount),
              stage.tax.length === 0 ? "—" : stage.tax.map((line) => `${line.title} ${money(line.amount)}`).join(", "),
            ])}
            totals={["", "", "", money(preview.total), ""]}
            showTotalsInFooter
          />
        ) : null}
        <Form method="post">
          <input type="hidden" name="draftOrderId" value={draftOrder.id} />
          <input type="hidden" name="planId" value={options.planId ?? ""} />
          <InlineStack align="end">
            <Button submit variant="primary" loading={submitting} disabled={!preview}>
              Attach plan and email the first invoice
            </Button>
          </InlineStack>
        </Form>
      </BlockStack>
    </Card>
  );
}
