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
import { z, ZodError } from "zod";

import { AttachPreviewTable } from "../components/attach/AttachPreviewTable";
import { AttachTermsCard, type AttachTermsCardProps } from "../components/attach/AttachTermsCard";
import { CustomerStandingCard } from "../components/customers/CustomerStandingCard";
import { standingView } from "../components/customers/standing-view";
import { calendarDateAt } from "../domain/dates/calendar-date";
import { customerNumericId, customerStanding } from "../models/customer-history.server";
import { ErrorSummaryBanner } from "../components/forms/ErrorSummaryBanner";
import type { FieldProblem } from "../components/forms/field-problems";
import { useShopFormat } from "../components/shop-format-context";
import { CONTRACT_ATTRIBUTE, STAGE_ATTRIBUTE } from "../services/attach/contract-attributes";
import { STAGE_DRAFT_TAG } from "../services/collection/stage-draft-tags";
import { formFieldErrorsOf, refusalMessage } from "../services/action-errors";
import { attachOptions, attachPreviewView } from "../services/attach/attach-flow.server";
import { attachPlan, readAttachSources } from "../services/attach/attach-plan.server";
import { draftOrdersSearchQuery } from "../shopify/operations/draft-orders-search-query";
import { requireStaff } from "../staff-context.server";

const MODE_TEXT = {
  native:
    "Native (Shopify Plus): the deposit and payment terms are on the draft order itself (a plan with nothing due at checkout puts the order on payment terms at once); later stages are charged or invoiced on the order.",
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
  if (!draftOrderId) return json({ search, drafts, options: null, preview: null, standing: null, problem: null });
  try {
    const sources = await readAttachSources(deps, admin, shop, draftOrderId);
    const options = await attachOptions(deps, shop, draftOrderId, sources);
    const planId = url.searchParams.get("planId") ?? options.plans[0]?.id;
    const preview = planId ? await attachPreviewView(deps, shop, { draftOrderId, planId }, sources) : null;
    const customerId = sources.draft.customer?.id ?? null;
    // How the customer has paid so far, beside their terms: staff weigh both before they confirm.
    const standing = customerId
      ? {
          view: standingView(await customerStanding(deps.db, shop, customerId, calendarDateAt(deps.now(), sources.shopInfo.ianaTimezone))),
          url: `/app/customers/${customerNumericId(customerId)}`,
        }
      : null;
    return json({ search, drafts, options: { ...options, planId: planId ?? null }, preview, standing, problem: null });
  } catch (error) {
    return json({ search, drafts, options: null, preview: null, standing: null, problem: refusalMessage(error) });
  }
};

const attachInput = z.object({
  draftOrderId: z.string({ required_error: "Choose a draft order first" }).min(1, "Choose a draft order first"),
  planId: z.string({ required_error: "Choose a plan to attach" }).min(1, "Choose a plan to attach"),
  // Sent only by the form of an order over the customer's credit limit.
  overrideReason: z.string().trim().min(1, "Say why the credit limit is overridden: the reason is kept in the audit log with the figures").optional(),
});

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, deps, actor } = await requireStaff(request);
  try {
    const { overrideReason, ...input } = attachInput.parse(Object.fromEntries(await request.formData()));
    const contract = await attachPlan(deps, shop, { ...input, actor, ...(overrideReason === undefined ? {} : { creditOverride: { reason: overrideReason } }) });
    return redirect(`/app/contracts/${contract.id}`);
  } catch (error) {
    if (error instanceof ZodError) return json({ problem: null, fieldErrors: formFieldErrorsOf(error) }, { status: 422 });
    return json({ problem: refusalMessage(error), fieldErrors: {} }, { status: 422 });
  }
};

/** Where the page shows what the attach form's fields refused, and what the summary calls them. */
const ATTACH_FIELDS: Readonly<Record<string, { readonly fieldId: string; readonly label: string }>> = {
  draftOrderId: { fieldId: "attach-search", label: "Draft order" },
  planId: { fieldId: "attach-plan", label: "Plan" },
  overrideReason: { fieldId: "attach-override-reason", label: "Reason for attaching over the credit limit" },
};

export default function AttachPage() {
  const { search, drafts, options, preview, standing, problem } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const loading = navigation.state === "loading" && navigation.location.pathname === "/app/attach";
  const error = result?.problem ?? problem;
  const fieldErrors: Readonly<Record<string, string>> = result?.fieldErrors ?? {};
  const fieldProblems = Object.entries(fieldErrors).flatMap(([field, message]): FieldProblem[] => {
    const target = ATTACH_FIELDS[field];
    return target ? [{ ...target, message }] : [];
  });

  return (
    <Page title="Attach a plan to a draft order" backAction={{ content: "Dashboard", url: "/app" }}>
      <Layout>
        {fieldProblems.length > 0 ? (
          <Layout.Section>
            <ErrorSummaryBanner problems={fieldProblems} attempt={1} />
          </Layout.Section>
        ) : null}
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
            <BlockStack gap="400">
              <AttachTermsCard terms={options.terms} />
              {standing ? <CustomerStandingCard standing={standing.view} customerUrl={standing.url} /> : null}
              <AttachForm
                options={options}
                preview={preview}
                search={search}
                planError={fieldErrors.planId}
                overrideReasonError={fieldErrors.overrideReason}
                submitting={navigation.state === "submitting"}
              />
            </BlockStack>
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
  const { money } = useShopFormat();
  return (
    <Card padding="0">
      <Box padding="300">
        <Form method="get" role="search">
          <InlineStack gap="200" blockAlign="end" wrap={false}>
            <div style={{ flexGrow: 1 }}>
              <TextField
                id={ATTACH_FIELDS.draftOrderId?.fieldId}
                label="Search draft orders"
                name="q"
                value={query}
                onChange={setQuery}
                autoComplete="off"
                placeholder="#D12 or email"
              />
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
                <Text as="span">{money(draft.total, draft.currency)}</Text>
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
    readonly defaultFrom: "terms" | "lastUsed" | "shop" | null;
    readonly terms: AttachTermsCardProps["terms"];
  };
  readonly preview: {
    readonly mode: "native" | "stageOrder";
    readonly termsApplied: string | null;
    readonly nothingAtCheckout: string | null;
    readonly credit: AttachTermsCardProps["terms"]["credit"];
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
  /** Why the plan posted was refused, beside the Plan field. */
  readonly planError: string | undefined;
  readonly overrideReasonError: string | undefined;
  readonly submitting: boolean;
}

const DEFAULT_FROM_WORDS = { terms: "customer's terms", lastUsed: "customer's last plan", shop: "shop's default" } as const;

function AttachForm({ options, preview, search, planError, overrideReasonError, submitting }: AttachFormProps) {
  const [overrideReason, setOverrideReason] = useState("");
  const submit = useSubmit();
  const { draftOrder } = options;
  const shopFormat = useShopFormat();
  const money = (amount: string) => shopFormat.money(amount, draftOrder.currency);
  const overLimit = (preview?.credit.kind ?? options.terms.credit.kind) === "over";
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
        <div className="tranche-wrapping-select">
          <Select
            id={ATTACH_FIELDS.planId?.fieldId}
            label="Plan"
            error={planError}
            options={options.plans.map((plan) => ({
              label: plan.isDefault && options.defaultFrom ? `${plan.name} (${DEFAULT_FROM_WORDS[options.defaultFrom]})` : plan.name,
              value: plan.id,
            }))}
            value={options.planId ?? ""}
            onChange={(planId) => submit({ ...(search ? { q: search } : {}), draftOrderId: draftOrder.id, planId }, { method: "get", replace: true })}
          />
        </div>
        <Text as="p" tone="subdued">
          Collection: {MODE_TEXT[options.mode]}
        </Text>
        {preview?.termsApplied ? <Text as="p">{preview.termsApplied}</Text> : null}
        {preview?.nothingAtCheckout ? <Text as="p">{preview.nothingAtCheckout}</Text> : null}
        {preview ? <AttachPreviewTable currency={preview.currency} total={preview.total} stages={preview.stages} /> : null}
        <Form method="post">
          <input type="hidden" name="draftOrderId" value={draftOrder.id} />
          <input type="hidden" name="planId" value={options.planId ?? ""} />
          <BlockStack gap="300">
            {overLimit ? (
              <TextField
                id={ATTACH_FIELDS.overrideReason?.fieldId}
                label="Reason for attaching over the credit limit"
                helpText="Required to attach anyway; kept in the audit log with the figures."
                name="overrideReason"
                value={overrideReason}
                onChange={setOverrideReason}
                error={overrideReasonError}
                multiline={2}
                autoComplete="off"
              />
            ) : null}
            <InlineStack align="end">
              <Button submit variant="primary" tone={overLimit ? "critical" : undefined} loading={submitting} disabled={!preview}>
                {`${overLimit ? "Attach over the credit limit" : "Attach plan"} and ${preview?.nothingAtCheckout ? "place the order on payment terms" : "email the first invoice"}`}
              </Button>
            </InlineStack>
          </BlockStack>
        </Form>
      </BlockStack>
    </Card>
  );
}
