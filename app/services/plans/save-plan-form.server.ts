import { z } from "zod";
import { PlanError } from "../../domain/plan-error";
import { planDraftConfig, planDraftSchema, type PlanDraft } from "../../plan-editor/plan-draft";
import { planFormError, type PlanFormError } from "../../plan-editor/plan-draft-errors";
import { createPlan, PlanNameTakenError, PlanValidationError, updatePlan, type StoredPlan } from "../../models/plans.server";
import type { StaffContext } from "../../staff-context.server";

/** What the plan form posts: the name and the editor's draft as JSON (the engine, not the browser, decides). */
const planFormSchema = z.object({
  name: z.string().max(1000),
  draft: z
    .string()
    .transform((text, context) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        context.addIssue({ code: z.ZodIssueCode.custom, message: "the draft is not JSON" });
        return z.NEVER;
      }
    })
    .pipe(planDraftSchema),
});

export type SavePlanResult = { readonly saved: StoredPlan } | { readonly errors: readonly PlanFormError[] };

/**
 * Creates the plan (no `planId`) or replaces its name and config, checking everything again on the server.
 * Errors come back on the form field they name; a name in use is the name field's.
 */
export async function savePlanForm(staff: StaffContext, form: FormData, planId?: string): Promise<SavePlanResult> {
  const parsed = planFormSchema.safeParse({ name: form.get("name") ?? "", draft: form.get("draft") ?? "" });
  if (!parsed.success) {
    return { errors: [{ field: "plan", message: "The form could not be read. Reload the page and try again." }] };
  }
  const { name } = parsed.data;
  const draft = parsed.data.draft as PlanDraft;
  try {
    const config = planDraftConfig(draft);
    const { db } = staff.deps;
    const saved =
      planId === undefined
        ? await createPlan(db, staff.shop, { name, config, actor: staff.actor })
        : await updatePlan(db, staff.shop, planId, { name, config, actor: staff.actor });
    return { saved };
  } catch (error) {
    if (error instanceof PlanError || error instanceof PlanValidationError) return { errors: [planFormError(draft.syntax, error)] };
    if (error instanceof PlanNameTakenError) return { errors: [{ field: "name", message: error.message }] };
    throw error;
  }
}
