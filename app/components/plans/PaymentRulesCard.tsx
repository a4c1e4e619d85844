import { BlockStack, Card, Checkbox, FormLayout, Select, Text, TextField } from "@shopify/polaris";

import type { CashRoundingMethod } from "../../domain/payment-rules/cash-rounding";
import { decimalForInput } from "../../locale/amount-input";
import { useShopFormat } from "../shop-format-context";
import type { FieldErrors } from "./field-errors";
import type { LateFeeKind, PaymentRulesFields } from "./payment-rules-fields";
import { planFieldId } from "./plan-form-fields";
import type { BlurField } from "./StageRowsEditor";

const LATE_FEE_OPTIONS: { label: string; value: LateFeeKind }[] = [
  { label: "No late fee", value: "none" },
  { label: "A fixed amount", value: "fixed" },
  { label: "Interest: a percent per month", value: "percentPerMonth" },
];

const CASH_METHOD_OPTIONS: { label: string; value: CashRoundingMethod }[] = [
  { label: "To the nearest unit", value: "halfUp" },
  { label: "Up", value: "up" },
  { label: "Down", value: "down" },
];

interface PaymentRulesCardProps {
  readonly fields: PaymentRulesFields;
  /** The errors to show now, by plan form field. */
  readonly errors: FieldErrors;
  readonly onBlurField: BlurField;
  readonly onChange: (fields: PaymentRulesFields) => void;
}

/** The plan's payment rules: an early-payment discount, a late fee or interest, cash rounding. Blank fields are off. */
export function PaymentRulesCard({ fields, errors, onBlurField, onChange }: PaymentRulesCardProps) {
  const locale = useShopFormat().format.locale;
  const set = (change: Partial<PaymentRulesFields>) => onChange({ ...fields, ...change });
  // The input showing a key's error carries the key's id (the error summary links to it) and marks it as left.
  const at = (key: string) => ({ id: planFieldId(key), onBlur: onBlurField(key), error: errors.get(key) });
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          Payment rules
        </Text>
        <FormLayout>
          <FormLayout.Group title="Early-payment discount" helpText="Blank: no discount">
            <TextField
              {...at("paymentRules.earlyPayment.percent")}
              label="Discount"
              suffix="%"
              inputMode="decimal"
              autoComplete="off"
              value={fields.earlyPercent}
              onChange={(earlyPercent) => set({ earlyPercent })}
            />
            <TextField
              {...at("paymentRules.earlyPayment.withinDays")}
              label="If paid within"
              suffix="days"
              type="number"
              min={0}
              autoComplete="off"
              value={fields.earlyWithinDays}
              onChange={(earlyWithinDays) => set({ earlyWithinDays })}
            />
          </FormLayout.Group>
          <Select
            id={planFieldId("paymentRules.lateFee.kind")}
            label="Late fee"
            options={LATE_FEE_OPTIONS}
            value={fields.lateFeeKind}
            onChange={(lateFeeKind) => set({ lateFeeKind: lateFeeKind as LateFeeKind })}
          />
          {fields.lateFeeKind === "none" ? null : (
            <FormLayout.Group>
              {fields.lateFeeKind === "fixed" ? (
                <TextField
                  {...at("paymentRules.lateFee.fixed")}
                  label="Fee"
                  helpText="In the order's currency, per overdue stage"
                  inputMode="decimal"
                  autoComplete="off"
                  value={fields.lateFeeAmount}
                  onChange={(lateFeeAmount) => set({ lateFeeAmount })}
                />
              ) : (
                <TextField
                  {...at("paymentRules.lateFee.percentPerMonth")}
                  label="Interest per month"
                  suffix="%"
                  inputMode="decimal"
                  autoComplete="off"
                  value={fields.lateFeePercent}
                  onChange={(lateFeePercent) => set({ lateFeePercent })}
                />
              )}
              <TextField
                {...at("paymentRules.lateFee.graceDays")}
                label="Grace days"
                helpText="Days after the due date before it applies (blank: none)"
                type="number"
                min={0}
                autoComplete="off"
                value={fields.lateFeeGraceDays}
                onChange={(lateFeeGraceDays) => set({ lateFeeGraceDays })}
              />
            </FormLayout.Group>
          )}
          {fields.lateFeeKind === "percentPerMonth" ? (
            <FormLayout.Group>
              <TextField
                {...at("paymentRules.lateFee.max")}
                label="Cap"
                helpText="The most interest charged on a stage, in the order's currency (blank: no cap)"
                inputMode="decimal"
                autoComplete="off"
                value={fields.lateFeeMax}
                onChange={(lateFeeMax) => set({ lateFeeMax })}
              />
              <Checkbox
                label="Compound monthly"
                helpText="Interest is charged on earlier interest too"
                checked={fields.lateFeeCompound}
                onChange={(lateFeeCompound) => set({ lateFeeCompound })}
              />
            </FormLayout.Group>
          ) : null}
          <FormLayout.Group title="Cash rounding" helpText="Blank: amounts are not rounded to a coin">
            <TextField
              {...at("paymentRules.cashRounding")}
              label="Round to"
              helpText={`The smallest coin, such as ${decimalForInput("0.05", locale)}`}
              inputMode="decimal"
              autoComplete="off"
              value={fields.cashUnit}
              onChange={(cashUnit) => set({ cashUnit })}
            />
            <Select
              id={planFieldId("paymentRules.cashRounding.method")}
              label="Rounding"
              options={CASH_METHOD_OPTIONS}
              value={fields.cashMethod}
              disabled={fields.cashUnit.trim() === ""}
              onChange={(cashMethod) => set({ cashMethod: cashMethod as CashRoundingMethod })}
            />
          </FormLayout.Group>
        </FormLayout>
      </BlockStack>
    </Card>
  );
}
