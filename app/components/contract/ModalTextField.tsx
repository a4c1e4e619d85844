import { TextField, type TextFieldProps } from "@shopify/polaris";
import { useState } from "react";

import { useShopFormat } from "../shop-format-context";
import { amountTypingProblem, currencyAffix } from "./amount-typing";
import type { SubmittedErrors } from "./use-submitted-errors";

interface RefusableFieldProps extends Pick<TextFieldProps, "helpText" | "type" | "max"> {
  readonly id: string;
  /** The name the form posts it under, and the field the action's refusals name. */
  readonly name: string;
  readonly label: string;
  readonly errors: SubmittedErrors;
}

interface ControlledFieldProps extends RefusableFieldProps, Pick<TextFieldProps, "inputMode" | "prefix" | "suffix" | "onBlur"> {
  readonly value: string;
  readonly setValue: (value: string) => void;
  /** What shows instead of the action's refusal of the field (it should come first); null: nothing. */
  readonly error?: string | null;
}

/** The action's refusal of the field shows until staff change what it holds. */
function RefusableTextField({ name, setValue, errors, error = errors.fields[name], ...shown }: ControlledFieldProps) {
  return (
    <TextField
      {...shown}
      name={name}
      onChange={(value) => {
        setValue(value);
        errors.clear(name);
      }}
      error={error ?? undefined}
      autoComplete="off"
    />
  );
}

/** A contract form's text field, holding what staff type (the form posts it); a refusal of it shows until they change it. */
export function ModalTextField({ initial = "", ...field }: RefusableFieldProps & { readonly initial?: string }) {
  const [value, setValue] = useState(initial);
  return <RefusableTextField {...field} value={value} setValue={setValue} />;
}

/** An amount as staff type it, kept by the modal: sending the form checks it, as leaving the field does. */
export interface AmountTyping {
  readonly value: string;
  readonly setValue: (value: string) => void;
  /** Staff left the field or sent the form: what is wrong with the amount as typed shows from now on. */
  readonly checked: boolean;
  readonly check: () => void;
}

/** The amount as first shown (blank, or what the stage owes), not yet checked. */
export function useAmountTyping(initial: string): AmountTyping {
  const [value, setValue] = useState(initial);
  const [checked, setChecked] = useState(false);
  return { value, setValue, checked, check: () => setChecked(true) };
}

/** An amount typed the shop's way, beside the currency's sign; the action's refusal of it shows first. */
export function ModalAmountField({ typing, currency, ...field }: RefusableFieldProps & { readonly typing: AmountTyping; readonly currency: string }) {
  const { locale } = useShopFormat().format;
  const error = field.errors.fields[field.name] ?? (typing.checked ? amountTypingProblem(typing.value, currency, locale) : null);
  return (
    <RefusableTextField
      {...field}
      {...currencyAffix(currency, locale)}
      inputMode="decimal"
      value={typing.value}
      setValue={typing.setValue}
      onBlur={typing.check}
      error={error}
    />
  );
}
