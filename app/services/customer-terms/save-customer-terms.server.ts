import { z } from "zod";

import { MAX_PAYMENT_DAYS, paymentDaysProblem, type CustomerTermsFields } from "../../domain/customers/customer-terms";
import { currencyFor } from "../../domain/money/currency";
import { Dec } from "../../domain/money/decimal";
import { AmountInputError, parseAmountInput, parseDecimalInput } from "../../locale/amount-input";
import { issueWords } from "../../locale/zod-issue-words";
import type { AuditActor } from "../../models/audit-log.server";
import type { CustomerSubject } from "../../models/customer-exposure.server";
import { saveCustomerTerms, type StoredCustomerTerms } from "../../models/customer-terms.server";
import { NotFoundError } from "../../models/model-errors.server";
import { shopFormat } from "../../models/shop-profile.server";
import type { FormFieldErrors } from "../action-errors";
import type { ServiceDeps } from "../service-deps.server";
import { mirrorCustomerTerms } from "./mirror-customer-terms.server";

/** The card's fields, as the form posts them; empty means "not negotiated" (the next subject's or the plan's applies). */
export const CUSTOMER_TERMS_FIELDS = ["defaultPlanId", "depositPercent", "netDays", "paymentDays", "creditLimit", "creditLimitCurrency"] as const;

export interface SaveCustomerTermsResult {
  readonly ok: boolean;
  /** What happened, in a sentence: saved (and whether Shopify holds it), or why not. */
  readonly message: string;
  readonly fieldErrors: FormFieldErrors;
  readonly terms: StoredCustomerTerms | null;
}

const optionalText = z
  .string()
  .optional()
  .transform((value) => value?.trim() ?? "");

const termsForm = z.object({
  defaultPlanId: optionalText,
  depositPercent: optionalText,
  netDays: optionalText.refine((value) => value === "" || /^\d{1,4}$/.test(value), "Type a whole number of days, like 30, or leave it empty"),
  paymentDays: optionalText.refine(
    (value) => value === "" || /^\d{1,2}(\s*[,/\s]\s*\d{1,2})*$/.test(value),
    "Type the days of the month they pay on, like 5, 20, or leave it empty",
  ),
  creditLimit: optionalText,
  creditLimitCurrency: optionalText.refine((value) => value === "" || /^[A-Za-z]{3}$/.test(value), "Choose the limit's currency"),
  subjectName: optionalText,
});

class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = "FieldError";
  }
}

function depositOf(typed: string, locale: string): string | null {
  if (typed === "") return null;
  let decimal: string;
  try {
    decimal = parseDecimalInput(typed.replace(/%$/, ""), locale);
  } catch (error) {
    if (error instanceof AmountInputError) throw new FieldError("depositPercent", error.message);
    throw error;
  }
  const value = new Dec(decimal);
  if (value.lte(0) || value.gte(100)) throw new FieldError("depositPercent", "Type a deposit above 0% and below 100%, like 25");
  if (value.decimalPlaces() > 6) throw new FieldError("depositPercent", "Type a deposit with at most 6 decimal places");
  return value.toString();
}

function netDaysOf(typed: string): number | null {
  if (typed === "") return null;
  const days = Number(typed);
  if (days > 3650) throw new FieldError("netDays", "Type at most 3650 days (ten years)");
  return days;
}

/** "20, 5" or "5/20": the days ascending, each once; staff need not type them in order. */
function paymentDaysOf(typed: string): number[] | null {
  if (typed === "") return null;
  const days = [...new Set(typed.split(/[\s,/]+/).map(Number))].sort((a, b) => a - b);
  if (days.length > MAX_PAYMENT_DAYS) throw new FieldError("paymentDays", `Type at most ${MAX_PAYMENT_DAYS} days of the month`);
  if (paymentDaysProblem(days) !== null) throw new FieldError("paymentDays", "Type days of the month from 1 to 31, like 5, 20 (31: the month's last day)");
  return days;
}

function creditLimitOf(typed: string, currencyTyped: string, locale: string): CustomerTermsFields["creditLimit"] {
  if (typed === "") return null;
  if (currencyTyped === "") throw new FieldError("creditLimitCurrency", "Choose the limit's currency");
  let currency: string;
  try {
    currency = currencyFor(currencyTyped.toUpperCase()).code;
  } catch {
    throw new FieldError("creditLimitCurrency", `“${currencyTyped}” is not a currency code, like USD`);
  }
  try {
    return { minor: parseAmountInput(typed, currency, locale), currency };
  } catch (error) {
    if (error instanceof AmountInputError) throw new FieldError("creditLimit", error.message);
    throw error;
  }
}

/**
 * The customer page's terms form: reads what staff typed (amounts and percents the shop's way), saves the terms
 * (audited), then mirrors them to Shopify's metafields. A Shopify refusal does not undo the save: the answer says
 * the terms are saved but not in Shopify yet, and why.
 */
export async function saveCustomerTermsAction(
  deps: Pick<ServiceDeps, "db" | "adminFor" | "now">,
  shop: string,
  subject: CustomerSubject,
  formData: FormData,
  actor: AuditActor,
): Promise<SaveCustomerTermsResult> {
  const raw = Object.fromEntries([...CUSTOMER_TERMS_FIELDS, "subjectName"].map((name) => [name, formData.get(name) ?? undefined]));
  const parsed = termsForm.safeParse(Object.fromEntries(Object.entries(raw).map(([name, value]) => [name, typeof value === "string" ? value : undefined])));
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? "input")] ??= issueWords(issue);
    return refused(fieldErrors);
  }
  const form = parsed.data;
  const { locale } = await shopFormat(deps, shop);
  let fields: CustomerTermsFields;
  try {
    fields = {
      defaultPlanId: form.defaultPlanId || null,
      depositPercent: depositOf(form.depositPercent, locale),
      netDays: netDaysOf(form.netDays),
      paymentDays: paymentDaysOf(form.paymentDays),
      creditLimit: creditLimitOf(form.creditLimit, form.creditLimitCurrency, locale),
    };
  } catch (error) {
    if (error instanceof FieldError) return refused({ [error.field]: error.message });
    throw error;
  }
  let saved: StoredCustomerTerms;
  try {
    saved = await saveCustomerTerms(deps.db, shop, { subject, subjectName: form.subjectName || null, fields, actor });
  } catch (error) {
    if (error instanceof NotFoundError) return refused({ defaultPlanId: "That plan is archived or gone; choose another" });
    throw error;
  }
  const mirrored = await mirrorCustomerTerms(deps, shop, saved);
  return {
    ok: true,
    message: mirrored.mirrored ? "Terms saved." : `Terms saved, but not in Shopify yet (Flow and other apps still read the old ones): ${mirrored.mirrorError}`,
    fieldErrors: {},
    terms: mirrored,
  };
}

function refused(fieldErrors: FormFieldErrors): SaveCustomerTermsResult {
  return { ok: false, message: "Terms not saved: correct the fields marked.", fieldErrors, terms: null };
}
