import { z, type ZodIssue } from "zod";
import { issueWords } from "../../locale/zod-issue-words";
import { PlanError } from "../../domain/plan-error";
import { planDraftConfig, planDraftSchema, type PlanDraft } from "../../plan-editor/plan-draft";
import { planFormError, type PlanFormError } from "../../plan-editor/plan-draft-errors";
import { createPlan, PlanNameTakenError, PlanValidationError, updatePlan, type StoredPlan } from "../../models/plans.server";
import type { StaffContext } from "../../staff-context.server";
import { paymentRulesFormError, withPaymentRules } from "../../components/plans/payment-rules-fields";

const UNREADABLE_FORM: PlanFormError = { field: "plan", message: "The form could not be read. Reload the page and try again." };

const jsonText = z.string().transform((text, context) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    context.addIssue({ code: z.ZodIssueCode.custom, message: UNREADABLE_FORM.message });
    return z.NEVER;
  }
});

/**
 * What the plan form posts: the name, the editor's draft as JSON and, beside a stage or JustOn draft, the payment
 * rules section's `paymentRules` block as JSON (null: none). The engine, not the browser, decides.
 */
const planFormSchema = z.object({
  name: z.string().trim().min(1, "Give the plan a name").max(1000, "Keep the plan name to 1000 characters or fewer"),
  draft: jsonText.pipe(planDraftSchema),
  paymentRules: jsonText.pipe(z.record(z.unknown()).nullable()).optional(),
});

/** The stage form's fields (StageRow) by the plan form field that shows their errors. */
const STAGE_ROW_FIELDS: Readonly<Record<string, string>> = {
  kind: "kind",
  title: "title",
  shareValue: "share",
  dueCount: "due",
  dueSteps: "due",
  spreadUntil: "due",
  dueDate: "due",
  dueName: "due",
  dueDay: "due",
  netDays: "netDays",
  count: "count",
};

/**
 * A field the browser let through but the form's schema refuses (a title too long, say) goes beside its field in
 * words; what no field explains (a draft that is not the form's) asks for a reload.
 */
function planFormErrorOf(issue: ZodIssue): PlanFormError {
  const [first, area, row, part] = issue.path;
  if (first === "name") return { field: "name", message: issueWords(issue) };
  if (first !== "draft") return UNREADABLE_FORM;
  if (area === "stages" && typeof row === "number" && typeof part === "string" && STAGE_ROW_FIELDS[part]) {
    return { field: `stages.${row}.${STAGE_ROW_FIELDS[part]}`, message: issueWords(issue) };
  }
  if (area === "juston" && typeof row === "string") return { field: `juston.${row}`, message: issueWords(issue) };
  if (area === "text") return { field: "json", message: issueWords(issue) };
  return UNREADABLE_FORM;
}

export type SavePlanResult = { readonly saved: StoredPlan } | { readonly errors: readonly PlanFormError[] };

/**
 * Creates the plan (no `planId`) or replaces its name and config, checking everything again on the server.
 * Errors come back on the form field they name; a name in use is the name field's.
 */
export async function savePlanForm(staff: StaffContext, form: FormData, planId?: string): Promise<SavePlanResult> {
  const parsed = planFormSchema.safeParse({
    name: form.get("name") ?? "",
    draft: form.get("draft") ?? "",
    ...(form.has("paymentRules") ? { paymentRules: form.get("paymentRules") } : {}),
  });
  if (!parsed.success) {
    const errors = parsed.error.issues.map(planFormErrorOf);
    return { errors: errors.filter((error, index) => errors.findIndex((other) => other.field === error.field) === index) };
  }
  const { name } = parsed.data;
  const draft = parsed.data.draft as PlanDraft;
  try {
    // A JSON draft's own text holds its payment rules; the section's are posted only beside the other editors.
    const config = withPaymentRules(planDraftConfig(draft), draft.syntax === "json" ? undefined : (parsed.data.paymentRules ?? undefined));
    const { db } = staff.deps;
    const saved =
      planId === undefined
        ? await createPlan(db, staff.shop, { name, config, actor: staff.actor })
        : await updatePlan(db, staff.shop, planId, { name, config, actor: staff.actor });
    return { saved };
  } catch (error) {
    if (error instanceof PlanError || error instanceof PlanValidationError) {
      const atSection = draft.syntax === "json" ? undefined : paymentRulesFormError(error);
      return { errors: [atSection ?? planFormError(draft.syntax, error)] };
    }
    if (error instanceof PlanNameTakenError) return { errors: [{ field: "name", message: error.message }] };
    throw error;
  }
}
