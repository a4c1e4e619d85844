import { compilePaymentRules } from "../../domain/payment-rules/payment-rules-config";
import { PlanError } from "../../domain/plan-error";
import { planFormError, type PlanFormError } from "../../plan-editor/plan-draft-errors";
import { EMPTY_JUSTON_FIELDS, newPlanDraft, planDraftConfig, type PlanDraft, type PlanDraftSyntax } from "../../plan-editor/plan-draft";
import {
  paymentRulesConfig,
  paymentRulesFieldsForInput,
  paymentRulesFormError,
  planFormFromSource,
  withPaymentRules,
  type PaymentRulesFields,
} from "./payment-rules-fields";
import { draftForEngine, draftForInput } from "./plan-typed-numbers";

export type DraftsBySyntax = {
  readonly stages: Extract<PlanDraft, { syntax: "stages" }>;
  readonly juston: Extract<PlanDraft, { syntax: "juston" }>;
  readonly json: Extract<PlanDraft, { syntax: "json" }>;
};

/** Each editor's draft, and the payment rules section the stage and JustOn editors share. */
export interface FormDrafts {
  readonly drafts: DraftsBySyntax;
  readonly paymentRules: PaymentRulesFields;
}

export const NO_PAYMENT_RULES = { config: undefined, errors: [] } as const;

/** The section's `paymentRules` block, or why not: a number that cannot be read, else the engine's first refusal. */
export function checkedPaymentRules(
  fields: PaymentRulesFields,
  locale: string,
): { readonly config: Record<string, unknown> | undefined; readonly errors: readonly PlanFormError[] } {
  const read = paymentRulesConfig(fields, locale);
  if (read.errors.length > 0 || read.config === undefined) return read;
  try {
    compilePaymentRules(read.config, "paymentRules");
    return read;
  } catch (error) {
    if (!(error instanceof PlanError)) throw error;
    return { config: read.config, errors: [paymentRulesFormError(error) ?? planFormError("stages", error)] };
  }
}

/** Each editor keeps its own draft, so switching back and forth loses nothing. */
export function formStartingWith(draft: PlanDraft, paymentRules: PaymentRulesFields, locale: string): FormDrafts {
  const stages = draftForInput(newPlanDraft(), locale) as DraftsBySyntax["stages"];
  const drafts: DraftsBySyntax = { stages, juston: { syntax: "juston", juston: EMPTY_JUSTON_FIELDS }, json: { syntax: "json", text: "" } };
  return carryOver({ drafts: { ...drafts, [draft.syntax]: draft }, paymentRules }, draft.syntax, "json", locale);
}

/**
 * Switching editors carries the plan across where the target can show it: any plan becomes JSON (payment rules
 * included), and JSON becomes stages or JustOn fields (its payment rules the section's) when it is written that way.
 * Otherwise the target keeps its own draft. JSON holds the engine's numbers ("12000.50"); the form the shop's.
 */
export function carryOver(form: FormDrafts, from: PlanDraftSyntax, to: PlanDraftSyntax, locale: string): FormDrafts {
  if (from === to) return form;
  const read = draftForEngine(form.drafts[from], locale);
  const rules = from === "json" ? NO_PAYMENT_RULES : paymentRulesConfig(form.paymentRules, locale);
  const source = read.errors.length > 0 || rules.errors.length > 0 ? undefined : sourceText(read.draft, rules.config);
  if (source === undefined) return form;
  if (to === "json") return { ...form, drafts: { ...form.drafts, json: { syntax: "json", text: source } } };
  const converted = planFormFromSource(source);
  if (converted.draft.syntax !== to) return form;
  return {
    drafts: { ...form.drafts, [to]: draftForInput(converted.draft, locale) },
    paymentRules: from === "json" ? paymentRulesFieldsForInput(converted.paymentRules, locale) : form.paymentRules,
  };
}

function sourceText(draft: PlanDraft, paymentRules: Record<string, unknown> | undefined): string | undefined {
  try {
    const config = withPaymentRules(planDraftConfig(draft), paymentRules);
    return typeof config === "string" ? config : JSON.stringify(config, null, 2);
  } catch (error) {
    // A half-typed count cannot be written as JSON yet; the editor being left keeps it.
    if (error instanceof PlanError) return undefined;
    throw error;
  }
}
