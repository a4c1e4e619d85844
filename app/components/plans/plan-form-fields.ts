import type { FieldProblem } from "../forms/field-problems";
import { plainZodText } from "../../locale/zod-issue-words";
import type { PlanDraft } from "../../plan-editor/plan-draft";
import type { StageRow } from "../../plan-editor/stage-rows";
import { PAYMENT_RULES_FIELD_LABELS } from "./payment-rules-fields";

/**
 * Where each plan form error (see PlanFormField) is shown and how the error summary names it. The input that shows
 * the errors of a field key has the id planFieldId(key), so the summary's link lands on it.
 */
export function planFieldId(field: string): string {
  return `plan-${field.replace(/\./g, "-")}`;
}

const JUSTON_LABELS: Readonly<Record<string, string>> = {
  period: "Period",
  dateReference: "Date reference",
  rate: "Rate",
  amount: "Amount",
  titles: "Titles",
};

const SAMPLE_LABELS: Readonly<Record<string, string>> = {
  amount: "Sample total",
  currency: "Currency",
  orderDate: "Order date",
  paymentDueDate: "Payment due date",
  taxTitle: "Sample tax line",
  tax: "Tax amount",
  dates: "Order date fields",
};

const STAGE_PART_LABELS: Readonly<Record<string, string>> = {
  kind: "kind",
  due: "due",
  netDays: "net days",
  count: "repeat",
  title: "title",
};

/** The name of the field the summary links to: "Plan name", "Stage 2 percent", "Rate", "Sample total". */
export function planFieldLabel(field: string, draft: PlanDraft): string {
  if (field === "name") return "Plan name";
  if (field === "json") return "Plan config (JSON)";
  const paymentRule = PAYMENT_RULES_FIELD_LABELS[field];
  if (paymentRule) return paymentRule;
  const [area, part, detail] = field.split(".");
  if (area === "juston" && part) return JUSTON_LABELS[part] ?? "The plan";
  if (area === "sample" && part) return SAMPLE_LABELS[part] ?? "Preview";
  if (area === "stages" && part !== undefined) {
    const row: StageRow | undefined = draft.syntax === "stages" ? draft.stages[Number(part)] : undefined;
    const stage = `Stage ${Number(part) + 1}`;
    if (detail === undefined) return stage;
    if (detail === "share") return `${stage} ${row?.shareKind === "percent" ? "percent" : row?.shareKind === "fixed" ? "amount" : "share"}`;
    return `${stage} ${STAGE_PART_LABELS[detail] ?? detail}`;
  }
  return "The plan";
}

/**
 * An engine message as the field beside it shows it: zod's defaults in words, and at a stage row or in the stage
 * editor's banner without the config key it starts with ("stages[1].due.after: …"), which the row already names.
 */
export function planErrorText(field: string, message: string, syntax: PlanDraft["syntax"]): string {
  const withoutKey =
    field.startsWith("stages.") || (field === "plan" && syntax === "stages")
      ? message.replace(/^stages(\[\d+\])?[\w.[\]]*(?: \(column \d+\))?: /, "")
      : message;
  return plainZodText(withoutKey);
}

/** The summary's lines for the errors by field, in the order the page shows the fields. */
export function planFieldProblems(errors: ReadonlyMap<string, string>, draft: PlanDraft): FieldProblem[] {
  const order = (field: string) => (field === "name" ? 0 : field.startsWith("sample.") ? 2 : 1);
  return [...errors.entries()]
    .sort(([a], [b]) => order(a) - order(b))
    .map(([field, message]) => ({ fieldId: planFieldId(field), label: planFieldLabel(field, draft), message }));
}
