import { TextField } from "@shopify/polaris";

import type { FieldErrors } from "./field-errors";
import type { PaymentRulesFields } from "./payment-rules-fields";
import { planFieldId } from "./plan-form-fields";
import type { BlurField } from "./StageRowsEditor";

/** The payment rules' typed numbers: the fields a RuleField edits (the rest are choices). */
type RuleNumber = Exclude<keyof PaymentRulesFields, "lateFeeKind" | "lateFeeCompound" | "cashMethod">;

interface RuleFieldProps {
  readonly fields: PaymentRulesFields;
  readonly errors: FieldErrors;
  readonly onBlurField: BlurField;
  readonly onChange: (fields: PaymentRulesFields) => void;
  /** Which of the fields it shows and changes. */
  readonly name: RuleNumber;
  /** The plan form field it stands for: its id (the error summary links to it), its error, and the blur that marks it as left. */
  readonly field: string;
  readonly label: string;
  /** A decimal typed the shop's way (a percent, an amount), or a whole number of days. */
  readonly kind: "decimal" | "days";
  readonly suffix?: string;
  readonly helpText?: string;
}

/** One number of the plan's payment rules; blank turns its rule (or that part of it) off. */
export function RuleField({ fields, errors, onBlurField, onChange, name, field, kind, label, suffix, helpText }: RuleFieldProps) {
  const typing = kind === "days" ? ({ type: "number", min: 0 } as const) : ({ inputMode: "decimal" } as const);
  return (
    <TextField
      {...typing}
      id={planFieldId(field)}
      label={label}
      suffix={suffix}
      helpText={helpText}
      value={fields[name]}
      onChange={(typed) => onChange({ ...fields, [name]: typed })}
      onBlur={onBlurField(field)}
      error={errors.get(field)}
      autoComplete="off"
    />
  );
}
