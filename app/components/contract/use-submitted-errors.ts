import { useEffect, useState } from "react";

import type { ContractActionResult, ContractPageIntent } from "./contract-view";

export interface SubmittedErrors {
  /** By field name: what the action refused, until staff change that field. */
  readonly fields: Readonly<Record<string, string>>;
  /** A refusal of the whole form (no field to blame), shown at its top. */
  readonly form: string | null;
  /** Counts refused submits: each one brings the error summary into view. */
  readonly attempt: number;
  /** Staff changed the field: its refusal no longer applies to what it shows. */
  clear(field: string): void;
}

/** The action's refusal of this form (`intent`), field by field, as its modal shows it. */
export function useSubmittedErrors(result: ContractActionResult | undefined, intent: ContractPageIntent): SubmittedErrors {
  const refused = result && !result.ok && result.intent === intent ? result : null;
  const [fields, setFields] = useState<Readonly<Record<string, string>>>(refused?.fieldErrors ?? {});
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!refused) return;
    setFields(refused.fieldErrors);
    setAttempt((count) => count + 1);
  }, [refused]);
  return {
    fields,
    form: refused && Object.keys(refused.fieldErrors).length === 0 ? refused.message : null,
    attempt,
    clear: (field) => setFields(({ [field]: _cleared, ...rest }) => rest),
  };
}
