/**
 * The one error type the engine throws for input a person can fix: a bad plan, a bad order snapshot, or a plan
 * that cannot produce a valid schedule for the order. `key` names the input (`rate`, `stages[2].due`, `total`);
 * `column` is the 1-based position inside that key's text when the input is a string in the plan syntax.
 */
export class PlanError extends Error {
  readonly key: string;
  readonly column: number | undefined;
  readonly detail: string;

  constructor(key: string, detail: string, column?: number) {
    super(column === undefined ? `${key}: ${detail}` : `${key} (column ${column}): ${detail}`);
    this.name = "PlanError";
    this.key = key;
    this.detail = detail;
    this.column = column;
  }
}
