import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useSubmit } from "@remix-run/react";
import { Badge, Banner, BlockStack } from "@shopify/polaris";

import { runPlanAction } from "../services/plans/plan-list-action.server";
import { PlanFormPage } from "../components/plans/PlanFormPage";
import { PlanPageSkeleton, useLoadingAnotherPage } from "../components/plans/PlanPageSkeleton";
import { savePlanForm } from "../services/plans/save-plan-form.server";
import { calendarDateAt } from "../domain/dates/calendar-date";
import { planFormFromSource } from "../components/plans/payment-rules-fields";
import { countContractsByPlan, getPlan } from "../models/plans.server";
import { shopFormat } from "../models/shop-profile.server";
import { requireStaff } from "../staff-context.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.plan.name ?? "Plan"} · Plans · Tranche` }];

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const staff = await requireStaff(request);
  const plan = await getPlan(staff.deps.db, staff.shop, params.id ?? "");
  if (!plan) throw new Response("Plan not found", { status: 404 });
  const contracts = (await countContractsByPlan(staff.deps.db, staff.shop)).get(plan.id) ?? 0;
  return {
    plan: { id: plan.id, name: plan.name, archived: plan.archivedAt !== null, updatedAt: plan.updatedAt.toISOString() },
    ...planFormFromSource(plan.source),
    contracts,
    // The sample order is dated today in the shop's zone.
    today: calendarDateAt(staff.deps.now(), (await shopFormat(staff.deps, staff.shop)).timeZone),
    duplicated: new URL(request.url).searchParams.has("duplicated"),
  };
};

/** Saves the form, or runs a plan action (duplicate, archive, unarchive) posted with an `intent`. */
export const action = async ({ request, params }: ActionFunctionArgs) => {
  const staff = await requireStaff(request);
  const form = await request.formData();
  if (form.has("intent")) return { outcome: await runPlanAction(staff, form) };
  const result = await savePlanForm(staff, form, params.id ?? "");
  if ("saved" in result) return { outcome: { tone: "success" as const, message: `Plan "${result.saved.name}" saved.` } };
  return { errors: result.errors };
};

export default function EditPlan() {
  const { plan, draft, paymentRules, contracts, today, duplicated } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submit = useSubmit();
  const loadingAnotherPage = useLoadingAnotherPage();
  if (loadingAnotherPage) return <PlanPageSkeleton />;

  const post = (intent: "duplicate" | "archive" | "unarchive") => submit({ intent, planId: plan.id }, { method: "post" });
  const outcome = actionData && "outcome" in actionData ? actionData.outcome : null;
  const notices = [
    duplicated ? (
      <Banner key="duplicated" tone="success">
        This is a copy. Rename it and change what differs.
      </Banner>
    ) : null,
    outcome ? (
      <Banner key="outcome" tone={outcome.tone}>
        {outcome.message}
      </Banner>
    ) : null,
    contracts > 0 ? (
      <Banner key="contracts" tone="info">
        {`${contracts} contract${contracts === 1 ? " was" : "s were"} made from this plan. They keep their schedules; changes apply to new contracts only.`}
      </Banner>
    ) : null,
  ].filter((banner) => banner !== null);
  return (
    <PlanFormPage
      // A new plan (after duplicate) or a save starts the form anew from what is stored.
      key={`${plan.id}:${plan.updatedAt}`}
      title={plan.name}
      titleMetadata={plan.archived ? <Badge>Archived</Badge> : undefined}
      initialName={plan.name}
      initialDraft={draft}
      initialPaymentRules={paymentRules}
      today={today}
      serverErrors={actionData && "errors" in actionData ? actionData.errors : undefined}
      secondaryActions={[
        { content: "Duplicate", onAction: () => post("duplicate") },
        plan.archived
          ? { content: "Unarchive", onAction: () => post("unarchive") }
          : { content: "Archive", destructive: true, onAction: () => post("archive") },
      ]}
      notices={notices.length > 0 ? <BlockStack gap="300">{notices}</BlockStack> : undefined}
    />
  );
}
