import type { RevisionIssue } from "../../domain/contract/revision-error";
import type { FieldProblem } from "../forms/field-problems";

/**
 * Where the schedule edit page shows each issue and how its error summary names it. A row's field is keyed
 * "<row>.<field>" (1-based row, as RevisionIssue counts) for the touched-field memory, and the input that shows
 * its issues has the id scheduleFieldId(row, field).
 */
export function scheduleFieldKey(row: number | undefined, field: RevisionIssue["field"] | "reason"): string {
  return row === undefined ? field : `${row}.${field}`;
}

/** Issues of the schedule as a whole (what the rows add up to) are shown by the total check. */
export const SCHEDULE_TOTAL_ID = "schedule-total";

export function scheduleFieldId(row: number | undefined, field: RevisionIssue["field"] | "reason"): string {
  if (row !== undefined) return `schedule-row-${row}-${field}`;
  return field === "amount" || field === "stages" ? SCHEDULE_TOTAL_ID : `schedule-${field}`;
}

const FIELD_WORDS: Readonly<Record<RevisionIssue["field"], string>> = {
  stages: "stages",
  kind: "kind",
  title: "title",
  amount: "amount",
  due: "due date",
  plan: "plan",
};

/** "Stage 3 amount", "Reason", "Plan", "Total": the summary's name for where an issue is shown. */
export function scheduleFieldLabel(
  issue: Pick<RevisionIssue, "row"> & { readonly field: RevisionIssue["field"] | "reason" },
  positions: readonly number[],
): string {
  if (issue.field === "reason") return "Reason";
  if (issue.row === undefined) return issue.field === "plan" ? "Plan" : "Total";
  return `Stage ${positions[issue.row - 1] ?? issue.row} ${FIELD_WORDS[issue.field]}`;
}

export type ScheduleIssue = Omit<RevisionIssue, "field"> & { readonly field: RevisionIssue["field"] | "reason" };

/** The summary's lines: one per field, in the order of the page. */
export function scheduleFieldProblems(issues: readonly ScheduleIssue[], positions: readonly number[]): FieldProblem[] {
  const order = (issue: ScheduleIssue) => (issue.field === "reason" ? 1e6 : issue.row === undefined ? 1e5 : issue.row);
  return [...issues]
    .sort((a, b) => order(a) - order(b))
    .map((issue) => ({ fieldId: scheduleFieldId(issue.row, issue.field), label: scheduleFieldLabel(issue, positions), message: issue.message }));
}
