/** The part of a revision row (or of the revision as a whole) an issue is about. */
export type RevisionField = "stages" | "kind" | "title" | "amount" | "due" | "plan";

/** One thing wrong with a schedule revision, said so that staff can fix it in the form. */
export interface RevisionIssue {
  /** The 1-based row of the revision (the new stages in the order given); absent when the issue is about the whole. */
  readonly row?: number;
  readonly field: RevisionField;
  readonly message: string;
}

/**
 * A schedule revision that cannot be applied, with every issue found (not just the first), so that the edit form
 * can mark each row and field at once. Thrown only for input a person can fix; an inconsistent contract (stages
 * that overrun the total, tax shares that overrun their line) is a bug and throws a plain Error.
 */
export class ScheduleRevisionError extends Error {
  readonly issues: readonly RevisionIssue[];

  constructor(issues: readonly RevisionIssue[]) {
    super(issues.map(describeIssue).join("; "));
    this.name = "ScheduleRevisionError";
    this.issues = issues;
  }
}

/** "stage row 2, amount: an amount must be above zero, not 0.00". */
export function describeIssue(issue: RevisionIssue): string {
  return issue.row === undefined ? `${issue.field}: ${issue.message}` : `stage row ${issue.row}, ${issue.field}: ${issue.message}`;
}
