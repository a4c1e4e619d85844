import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";

import { PlanFormPage } from "../components/plans/PlanFormPage";
import { PlanPageSkeleton, useLoadingAnotherPage } from "../components/plans/PlanPageSkeleton";
import { savePlanForm } from "../services/plans/save-plan-form.server";
import { EMPTY_PAYMENT_RULES_FIELDS } from "../components/plans/payment-rules-fields";
import { calendarDateAt } from "../domain/dates/calendar-date";
import { newPlanDraft, presetPlanDraft } from "../plan-editor/plan-draft";
import { PRESET_PLANS } from "../domain/plan/presets";
import { shopFormat } from "../models/shop-profile.server";
import { requireStaff } from "../staff-context.server";

export const meta: MetaFunction = () => [{ title: "Create plan · Tranche" }];

/** A new plan, blank or started from a preset (`?preset=<id>`; an unknown id starts blank). */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const staff = await requireStaff(request);
  const presetId = new URL(request.url).searchParams.get("preset");
  const preset = presetId === null ? undefined : PRESET_PLANS.find((candidate) => candidate.id === presetId);
  return {
    name: preset?.name ?? "",
    draft: (preset && presetPlanDraft(preset.id)) || newPlanDraft(),
    // The sample order is dated today in the shop's zone.
    today: calendarDateAt(staff.deps.now(), (await shopFormat(staff.deps, staff.shop)).timeZone),
  };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const staff = await requireStaff(request);
  const result = await savePlanForm(staff, await request.formData());
  if ("saved" in result) return redirect(`/app/plans?created=${encodeURIComponent(result.saved.id)}`);
  return { errors: result.errors };
};

export default function NewPlan() {
  const { name, draft, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const loadingAnotherPage = useLoadingAnotherPage();
  if (loadingAnotherPage) return <PlanPageSkeleton />;
  return (
    <PlanFormPage
      title="Create plan"
      initialName={name}
      initialDraft={draft}
      initialPaymentRules={EMPTY_PAYMENT_RULES_FIELDS}
      today={today}
      serverErrors={actionData?.errors}
    />
  );
}
