import { formatMinorUnits } from "../../domain/money/minor-units";
import { currencyFor } from "../../domain/money/currency";
import type { SampleOrder } from "../../domain/plan/plan-draft-preview";
import { AmountInputError, decimalForInput, parseAmountInput, parseDecimalInput } from "../../locale/amount-input";
import type { PlanFormError } from "../../plan-editor/plan-draft-errors";
import type { PlanDraft } from "../../plan-editor/plan-draft";
import type { StageRow } from "../../plan-editor/stage-rows";

/**
 * The plan form shows and takes numbers the shop's way ("12.000,50" in a German shop); the engine and the stored
 * config read "12000.50". A stage's percent or fixed amount has no currency of its own (a fixed amount is charged in
 * the order's), so it is read as a plain decimal; the preview's sample amounts are read in the sample's currency.
 */

const hasTypedNumber = (row: StageRow) => row.shareKind === "percent" || row.shareKind === "fixed";

/** The draft with each stage's percent and fixed amount as the shop types them (for the form's fields). */
export function draftForInput(draft: PlanDraft, locale: string): PlanDraft {
  if (draft.syntax !== "stages") return draft;
  return { ...draft, stages: draft.stages.map((row) => (hasTypedNumber(row) ? { ...row, shareValue: decimalForInput(row.shareValue, locale) } : row)) };
}

/**
 * The draft as the engine reads it, each typed percent and amount read the shop's way, and where one cannot be read,
 * why, on its stage's share field (its text is left for the engine, which then stops there too).
 */
export function draftForEngine(draft: PlanDraft, locale: string): { readonly draft: PlanDraft; readonly errors: readonly PlanFormError[] } {
  if (draft.syntax !== "stages") return { draft, errors: [] };
  const errors: PlanFormError[] = [];
  const stages = draft.stages.map((row, index) => {
    if (!hasTypedNumber(row) || row.shareValue.trim() === "") return row;
    try {
      return { ...row, shareValue: parseDecimalInput(row.shareValue, locale) };
    } catch (error) {
      if (!(error instanceof AmountInputError)) throw error;
      errors.push({ field: `stages.${index}.share`, message: error.message });
      return row;
    }
  });
  return { draft: { ...draft, stages }, errors };
}

/** The preview's sample order with its total and tax read the shop's way in the sample's currency. */
export function sampleForEngine(sample: SampleOrder, locale: string): { readonly sample: SampleOrder; readonly errors: readonly PlanFormError[] } {
  const errors: PlanFormError[] = [];
  const read = (typed: string, field: string): string => {
    if (typed.trim() === "") return typed;
    try {
      const currency = currencyFor(sample.currency);
      return formatMinorUnits(parseAmountInput(typed, currency.code, locale), currency);
    } catch (error) {
      if (!(error instanceof AmountInputError)) throw error;
      errors.push({ field, message: error.message });
      return typed;
    }
  };
  return { sample: { ...sample, amount: read(sample.amount, "sample.amount"), taxAmount: read(sample.taxAmount, "sample.tax") }, errors };
}
