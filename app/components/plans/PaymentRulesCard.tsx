import { BlockStack, Card, Checkbox, FormLayout, Select, Text } from "@shopify/polaris";

import type { CashRoundingMethod } from "../../domain/payment-rules/cash-rounding";
import { decimalForInput } from "../../locale/amount-input";
import { useShopFormat } from "../shop-format-context";
import type { FieldErrors } from "./field-errors";
import type { LateFeeKind, PaymentRulesFields } from "./payment-rules-fields";
import { planFieldId } from "./plan-form-fields";
import { RuleField } from "./RuleField";
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
  const form = { fields, errors, onBlurField, onChange };
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          Payment rules
        </Text>
        <FormLayout>
          <FormLayout.Group title="Early-payment discount" helpText="Blank: no discount">
            <RuleField {...form} name="earlyPercent" field="paymentRules.earlyPayment.percent" label="Discount" kind="decimal" suffix="%" />
            <RuleField {...form} name="earlyWithinDays" field="paymentRules.earlyPayment.withinDays" label="If paid within" kind="days" suffix="days" />
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
                <RuleField
                  {...form}
                  name="lateFeeAmount"
                  field="paymentRules.lateFee.fixed"
                  label="Fee"
                  kind="decimal"
                  helpText="In the order's currency, per overdue stage"
                />
              ) : (
                <RuleField {...form} name="lateFeePercent" field="paymentRules.lateFee.percentPerMonth" label="Interest per month" kind="decimal" suffix="%" />
              )}
              <RuleField
                {...form}
                name="lateFeeGraceDays"
                field="paymentRules.lateFee.graceDays"
                label="Grace days"
                kind="days"
                helpText="Days after the due date before it applies (blank: none)"
              />
            </FormLayout.Group>
          )}
          {fields.lateFeeKind === "percentPerMonth" ? (
            <FormLayout.Group>
              <RuleField
                {...form}
                name="lateFeeMax"
                field="paymentRules.lateFee.max"
                label="Cap"
                kind="decimal"
                helpText="The most interest charged on a stage, in the order's currency (blank: no cap)"
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
            <RuleField
              {...form}
              name="cashUnit"
              field="paymentRules.cashRounding"
              label="Round to"
              kind="decimal"
              helpText={`The smallest coin, such as ${decimalForInput("0.05", locale)}`}
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
