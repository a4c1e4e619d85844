/** A field that needs a fix, as the error summary lists it: where it is, what it is called, what is wrong. */
export interface FieldProblem {
  /** The DOM id of the input (or group) to focus. */
  readonly fieldId: string;
  /** The field's name as the page shows it: "Plan name", "Stage 2 amount". */
  readonly label: string;
  readonly message: string;
}

/** "1 field needs a fix", "2 fields need a fix", the count in the shop's digits. */
export function fixSummaryTitle(count: number, formatCount: (count: number) => string = String): string {
  return count === 1 ? "1 field needs a fix" : `${formatCount(count)} fields need a fix`;
}

/** A message as a sentence beside a field: messages written to follow a colon start in lower case. */
export function asSentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** One line per field, the first problem of each: a field shows one message at a time, and so does its summary line. */
export function firstProblemPerField(problems: readonly FieldProblem[]): FieldProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    if (seen.has(problem.fieldId)) return false;
    seen.add(problem.fieldId);
    return true;
  });
}

/** A form's fields by the name they post under: the id of the input that shows their errors, and their label. */
export type FieldTargets = Readonly<Record<string, { readonly fieldId: string; readonly label: string }>>;

/** The summary's lines for a form's errors by field name, in the form's order; names the form does not know are left out. */
export function fieldProblemsOf(errors: Readonly<Record<string, string>>, fields: FieldTargets): FieldProblem[] {
  return Object.entries(fields).flatMap(([name, target]) => {
    const message = errors[name];
    return message === undefined ? [] : [{ ...target, message }];
  });
}
