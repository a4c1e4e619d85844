import { z } from "zod";

import { CASH_ROUNDING_METHODS, type CashRoundingMethod } from "../../domain/payment-rules/cash-rounding";
import { compilePaymentRules, type PaymentRules } from "../../domain/payment-rules/payment-rules-config";
import { PlanError } from "../../domain/plan-error";
import { AmountInputError, decimalForInput, parseDecimalInput } from "../../locale/amount-input";
import type { KeyedError, PlanFormError } from "../../plan-editor/plan-draft-errors";
import { planDraftFromSource, type PlanDraft } from "../../plan-editor/plan-draft";

/**
 * The plan form's "Payment rules" section: the plan config's `paymentRules` block (payment-rules-config.ts) as the
 * fields a merchant fills in. Numbers are kept as typed (the shop's way, "1,5" in a German shop); blank means the
 * rule is off. The stage and JustOn editors keep the block here; the JSON editor keeps it in its own text.
 */
export interface PaymentRulesFields {
  readonly earlyPercent: string;
  readonly earlyWithinDays: string;
  readonly lateFeeKind: LateFeeKind;
  readonly lateFeeAmount: string;
  readonly lateFeePercent: string;
  readonly lateFeeGraceDays: string;
  readonly lateFeeCompound: boolean;
  /** The most interest charged on a stage; blank: no cap. */
  readonly lateFeeMax: string;
  /** The smallest coin totals are rounded to ("0.05"); blank: no cash rounding. */
  readonly cashUnit: string;
  readonly cashMethod: CashRoundingMethod;
}

export const LATE_FEE_KINDS = ["none", "fixed", "percentPerMonth"] as const;
export type LateFeeKind = (typeof LATE_FEE_KINDS)[number];

export const EMPTY_PAYMENT_RULES_FIELDS: PaymentRulesFields = {
  earlyPercent: "",
  earlyWithinDays: "",
  lateFeeKind: "none",
  lateFeeAmount: "",
  lateFeePercent: "",
  lateFeeGraceDays: "",
  lateFeeCompound: false,
  lateFeeMax: "",
  cashUnit: "",
  cashMethod: "halfUp",
};

/** The fields the plan form posts (as JSON), checked at the route before they are read. */
export const paymentRulesFieldsSchema = z.object({
  earlyPercent: z.string().max(40),
  earlyWithinDays: z.string().max(12),
  lateFeeKind: z.enum(LATE_FEE_KINDS),
  lateFeeAmount: z.string().max(40),
  lateFeePercent: z.string().max(40),
  lateFeeGraceDays: z.string().max(12),
  lateFeeCompound: z.boolean(),
  lateFeeMax: z.string().max(40),
  cashUnit: z.string().max(40),
  cashMethod: z.enum(CASH_ROUNDING_METHODS),
}) satisfies z.ZodType<PaymentRulesFields>;

/**
 * The form field (see PlanFormField) of each key of the `paymentRules` block; the key's own error shows there, and
 * the section's labels name it in the error summary.
 */
export const PAYMENT_RULES_FIELD_LABELS: Readonly<Record<string, string>> = {
  "paymentRules.earlyPayment.percent": "Early-payment discount",
  "paymentRules.earlyPayment.withinDays": "Early-payment days",
  "paymentRules.lateFee.fixed": "Late fee amount",
  "paymentRules.lateFee.percentPerMonth": "Late fee percent per month",
  "paymentRules.lateFee.graceDays": "Late fee grace days",
  "paymentRules.lateFee.max": "Late fee cap",
  "paymentRules.cashRounding": "Cash rounding unit",
};

/**
 * The `paymentRules` block the fields stand for (undefined when every rule is off), numbers read the shop's way;
 * what cannot be read is an error on its field, and the rule it belongs to is left out until it can be.
 */
export function paymentRulesConfig(
  fields: PaymentRulesFields,
  locale: string,
): { readonly config: Record<string, unknown> | undefined; readonly errors: readonly PlanFormError[] } {
  const errors: PlanFormError[] = [];
  const decimal = (typed: string, field: string): string | undefined => {
    try {
      return parseDecimalInput(typed, locale);
    } catch (error) {
      if (!(error instanceof AmountInputError)) throw error;
      errors.push({ field, message: error.message });
      return undefined;
    }
  };
  const days = (typed: string, field: string, blank: number | undefined): number | undefined => {
    const trimmed = typed.trim();
    if (trimmed === "") {
      if (blank === undefined) errors.push({ field, message: "Enter a number of days." });
      return blank;
    }
    if (/^\d+$/.test(trimmed)) return Number(trimmed);
    errors.push({ field, message: `“${trimmed}” is not a number of days: type a whole number, like 10.` });
    return undefined;
  };

  const config: Record<string, unknown> = {};
  if (fields.earlyPercent.trim() !== "" || fields.earlyWithinDays.trim() !== "") {
    const percent = decimal(fields.earlyPercent, "paymentRules.earlyPayment.percent");
    const withinDays = days(fields.earlyWithinDays, "paymentRules.earlyPayment.withinDays", undefined);
    if (percent !== undefined && withinDays !== undefined) config.earlyPayment = { percent, withinDays };
  }
  if (fields.lateFeeKind !== "none") {
    const graceDays = days(fields.lateFeeGraceDays, "paymentRules.lateFee.graceDays", 0);
    if (fields.lateFeeKind === "fixed") {
      const fixed = decimal(fields.lateFeeAmount, "paymentRules.lateFee.fixed");
      if (fixed !== undefined && graceDays !== undefined) config.lateFee = { fixed, graceDays };
    } else {
      const percentPerMonth = decimal(fields.lateFeePercent, "paymentRules.lateFee.percentPerMonth");
      const max = fields.lateFeeMax.trim() === "" ? null : decimal(fields.lateFeeMax, "paymentRules.lateFee.max");
      if (percentPerMonth !== undefined && graceDays !== undefined && max !== undefined) {
        config.lateFee = { percentPerMonth, compound: fields.lateFeeCompound, graceDays, ...(max === null ? {} : { max }) };
      }
    }
  }
  if (fields.cashUnit.trim() !== "") {
    const unit = decimal(fields.cashUnit, "paymentRules.cashRounding");
    if (unit !== undefined) config.cashRounding = fields.cashMethod === "halfUp" ? unit : { unit, method: fields.cashMethod };
  }
  return { config: Object.keys(config).length > 0 ? config : undefined, errors };
}

/** The fields showing compiled rules, numbers as the engine writes them ("1.5"; see paymentRulesFieldsForInput). */
export function paymentRulesFieldsFor(rules: PaymentRules): PaymentRulesFields {
  const { earlyPayment, lateFee, cashRounding } = rules;
  const early: Partial<PaymentRulesFields> = earlyPayment ? { earlyPercent: earlyPayment.percent, earlyWithinDays: String(earlyPayment.withinDays) } : {};
  const late: Partial<PaymentRulesFields> =
    lateFee === undefined
      ? {}
      : lateFee.kind === "fixed"
        ? { lateFeeKind: "fixed", lateFeeAmount: lateFee.fee, lateFeeGraceDays: String(lateFee.graceDays) }
        : {
            lateFeeKind: "percentPerMonth",
            lateFeePercent: lateFee.percentPerMonth,
            lateFeeGraceDays: String(lateFee.graceDays),
            lateFeeCompound: lateFee.compound,
            lateFeeMax: lateFee.max ?? "",
          };
  const cash: Partial<PaymentRulesFields> = cashRounding ? { cashUnit: cashRounding.unit, cashMethod: cashRounding.method } : {};
  return { ...EMPTY_PAYMENT_RULES_FIELDS, ...early, ...late, ...cash };
}

const DECIMAL_FIELDS = ["earlyPercent", "lateFeeAmount", "lateFeePercent", "lateFeeMax", "cashUnit"] as const;

/** The fields with their percents and amounts as the shop types them ("1,5" in a German shop). */
export function paymentRulesFieldsForInput(fields: PaymentRulesFields, locale: string): PaymentRulesFields {
  return { ...fields, ...Object.fromEntries(DECIMAL_FIELDS.map((key) => [key, decimalForInput(fields[key], locale)])) };
}

/** Where an engine error about the `paymentRules` block shows: its key's field, or the section's first field. */
export function paymentRulesFormError(error: KeyedError): PlanFormError | undefined {
  if (!/^paymentRules(\.|$)/.test(error.key)) return undefined;
  const field = Object.keys(PAYMENT_RULES_FIELD_LABELS).find((candidate) => error.key === candidate || error.key.startsWith(`${candidate}.`));
  if (field) return { field, message: error.detail };
  // A key no field has of its own ("paymentRules.lateFee": neither a fixed fee nor a rate) names its rule's first field.
  const rule = /^paymentRules\.(earlyPayment|lateFee|cashRounding)\b/.exec(error.key)?.[1];
  const whole = `${error.key}: ${error.detail}`;
  if (rule === "earlyPayment") return { field: "paymentRules.earlyPayment.percent", message: whole };
  if (rule === "lateFee") return { field: "paymentRules.lateFee.graceDays", message: whole };
  if (rule === "cashRounding") return { field: "paymentRules.cashRounding", message: whole };
  return { field: "plan", message: whole };
}

/**
 * A stored plan in the form: its stages in the editor that can show them and its payment rules in their section.
 * When the stages open as JSON, the payment rules stay in that JSON too (the section is then left blank), so
 * nothing is shown twice or lost. Numbers are the engine's; the page shows them the shop's way.
 */
export function planFormFromSource(source: string): { readonly draft: PlanDraft; readonly paymentRules: PaymentRulesFields } {
  const whole = { draft: planDraftFromSource(source), paymentRules: EMPTY_PAYMENT_RULES_FIELDS };
  let config: unknown;
  try {
    config = JSON.parse(source);
  } catch {
    return whole;
  }
  if (typeof config !== "object" || config === null || Array.isArray(config) || !("paymentRules" in config)) return whole;
  const { paymentRules, ...rest } = config as { paymentRules: unknown };
  let rules: PaymentRules;
  try {
    rules = compilePaymentRules(paymentRules, "paymentRules");
  } catch (error) {
    if (error instanceof PlanError) return whole;
    throw error;
  }
  const draft = planDraftFromSource(JSON.stringify(rest));
  return draft.syntax === "json" ? whole : { draft, paymentRules: paymentRulesFieldsFor(rules) };
}

/**
 * The config to compile or store: the editor's, with the section's `paymentRules` beside the stages or JustOn keys.
 * A JSON draft is stored as typed: its own text holds its payment rules.
 */
export function withPaymentRules(
  config: string | Record<string, unknown>,
  paymentRules: Record<string, unknown> | undefined,
): string | Record<string, unknown> {
  if (typeof config === "string" || paymentRules === undefined) return config;
  return { ...config, paymentRules };
}
