import type { PlanDraftSyntax } from "./plan-draft";

/**
 * Where an error is shown in the plan form:
 * `name`; `stages.<row>.<share|due|netDays|count|title|kind>` or `stages.<row>` on a stage row;
 * `juston.<period|dateReference|rate|amount|titles>`; `json` (the JSON editor); `plan` (the plan as a whole);
 * `sample.<amount|currency|orderDate|paymentDueDate|taxTitle|tax|dates>` (the preview's sample order).
 */
export type PlanFormField = string;

export interface PlanFormError {
  readonly field: PlanFormField;
  readonly message: string;
}

/** What both the engine's PlanError and the plan model's PlanValidationError carry. */
export interface KeyedError {
  readonly key: string;
  readonly column: number | undefined;
  readonly detail: string;
}

const STAGE_FIELDS = new Set(["share", "due", "netDays", "count", "title", "kind"]);
const JUSTON_FIELDS = new Set(["period", "dateReference", "rate", "amount", "titles"]);
const SAMPLE_FIELDS: Readonly<Record<string, string>> = {
  total: "sample.amount",
  currency: "sample.currency",
  orderDate: "sample.orderDate",
  due: "sample.paymentDueDate",
  tax: "sample.tax",
};

/**
 * Places an engine error on the field it names. A field shows the detail (with the column inside a plan
 * string); the JSON editor and the plan-wide banner show the whole message, key included, since no field
 * around them says which key is meant.
 */
export function planFormError(syntax: PlanDraftSyntax, error: KeyedError): PlanFormError {
  const detail = error.column === undefined ? error.detail : `${error.detail} (column ${error.column})`;
  const whole = `${error.key}${error.column === undefined ? "" : ` (column ${error.column})`}: ${error.detail}`;
  if (error.key === "name") return { field: "name", message: detail };

  if (/^tax\[\d+\]\.title$/.test(error.key)) return { field: "sample.taxTitle", message: detail };
  const sampleField = SAMPLE_FIELDS[error.key.split(/[.[]/)[0] as string];
  if (sampleField) return { field: sampleField, message: detail };
  if (error.key.startsWith("date ") || error.key.startsWith("milestone ")) return { field: "sample.dates", message: whole };

  if (syntax === "json") return { field: "json", message: whole };
  if (syntax === "stages") {
    const stage = /^stages\[(\d+)\](?:\.(\w+))?/.exec(error.key);
    if (stage) {
      const part = stage[2];
      return part !== undefined && STAGE_FIELDS.has(part)
        ? { field: `stages.${stage[1]}.${part}`, message: detail }
        : { field: `stages.${stage[1]}`, message: whole };
    }
  }
  if (syntax === "juston") {
    const key = error.key.split(/[.[]/)[0] as string;
    if (JUSTON_FIELDS.has(key)) return { field: `juston.${key}`, message: detail };
  }
  return { field: "plan", message: whole };
}
