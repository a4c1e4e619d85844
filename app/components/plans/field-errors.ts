import type { PlanFormError } from "../../plan-editor/plan-draft-errors";

/** Each form field's error message, by field (see PlanFormField). */
export type FieldErrors = ReadonlyMap<string, string>;

/** The first error for each field wins: the engine stops at the first problem it meets, and so does a field. */
export function fieldErrors(errors: readonly PlanFormError[]): FieldErrors {
  const byField = new Map<string, string>();
  for (const error of errors) if (!byField.has(error.field)) byField.set(error.field, error.message);
  return byField;
}
