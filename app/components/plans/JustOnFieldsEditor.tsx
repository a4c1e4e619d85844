import { FormLayout, TextField } from "@shopify/polaris";

import type { JustOnFields } from "../../plan-editor/plan-draft";
import type { FieldErrors } from "./field-errors";
import { planFieldId } from "./plan-form-fields";
import type { BlurField } from "./StageRowsEditor";

interface JustOnFieldsEditorProps {
  readonly fields: JustOnFields;
  /** The errors to show now, by plan form field. */
  readonly errors: FieldErrors;
  readonly onBlurField: BlurField;
  readonly onChange: (fields: JustOnFields) => void;
}

const FIELDS: { key: keyof JustOnFields; label: string; helpText: string }[] = [
  { key: "period", label: "Period", helpText: "Installments and the gaps between them: 1m(4), 30d,90d,0d, fix,1m(3), Service Month" },
  { key: "dateReference", label: "Date reference", helpText: "Order date fields for installments 1, 2, …: Delivery_Date, D1,D2, ,Delivery" },
  { key: "rate", label: "Rate", helpText: "Percent of the total per installment: 20,30,50 or 25(4); the rest share what is left" },
  { key: "amount", label: "Amount", helpText: "Fixed amounts per installment instead of rates: 100(4), 200,50,50,50" },
  { key: "titles", label: "Titles", helpText: "A title template: Installment [PosNo] of [PosCount]" },
];

/** JustOn's keys, one field each; blank keys are left out, as JustOn does. */
export function JustOnFieldsEditor({ fields, errors, onBlurField, onChange }: JustOnFieldsEditorProps) {
  return (
    <FormLayout>
      {FIELDS.map(({ key, label, helpText }) => (
        <TextField
          key={key}
          id={planFieldId(`juston.${key}`)}
          label={label}
          helpText={helpText}
          monospaced={key !== "titles"}
          autoComplete="off"
          spellCheck={false}
          value={fields[key]}
          onChange={(value) => onChange({ ...fields, [key]: value })}
          onBlur={onBlurField(`juston.${key}`)}
          error={errors.get(`juston.${key}`)}
        />
      ))}
    </FormLayout>
  );
}
