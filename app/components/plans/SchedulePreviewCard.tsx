import { Banner, BlockStack, Card, FormLayout, Select, Text, TextField } from "@shopify/polaris";

import type { SampleOrder, SchedulePreview } from "../../domain/plan/plan-draft-preview";
import { withShopDates } from "../../locale/dates-in-text";
import { useShopFormat } from "../shop-format-context";
import { StackingTable } from "../StackingTable";
import type { FieldErrors } from "./field-errors";
import { planFieldId } from "./plan-form-fields";
import type { BlurField } from "./StageRowsEditor";

/** A few currencies, with JPY (no decimals) and KWD (three) to show how the exponent changes the amounts. */
const SAMPLE_CURRENCIES = ["USD", "EUR", "GBP", "CAD", "AUD", "JPY", "KWD"].map((code) => ({ label: code, value: code }));

interface SchedulePreviewCardProps {
  readonly sample: SampleOrder;
  readonly dateFields: readonly string[];
  readonly preview: SchedulePreview | null;
  /** The errors to show now, by plan form field. */
  readonly errors: FieldErrors;
  readonly onBlurField: BlurField;
  readonly onSampleChange: (sample: SampleOrder) => void;
}

/** The schedule the plan makes for a sample order, rebuilt on every keystroke by the same engine as the server. */
export function SchedulePreviewCard({ sample, dateFields, preview, errors, onBlurField, onSampleChange }: SchedulePreviewCardProps) {
  const { money, date } = useShopFormat();
  const set = (change: Partial<SampleOrder>) => onSampleChange({ ...sample, ...change });
  const at = (field: string) => ({ id: planFieldId(`sample.${field}`), onBlur: onBlurField(`sample.${field}`) });
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          Preview
        </Text>
        <FormLayout>
          <FormLayout.Group condensed>
            <TextField
              {...at("amount")}
              label="Sample total"
              inputMode="decimal"
              autoComplete="off"
              value={sample.amount}
              onChange={(amount) => set({ amount })}
              error={errors.get("sample.amount")}
            />
            <Select
              {...at("currency")}
              label="Currency"
              options={SAMPLE_CURRENCIES}
              value={sample.currency}
              onChange={(currency) => set({ currency })}
              error={errors.get("sample.currency")}
            />
          </FormLayout.Group>
          {/* Date fields keep their width: a group of their own wraps on a phone instead of overflowing. */}
          <FormLayout.Group>
            <TextField
              {...at("orderDate")}
              label="Order date"
              type="date"
              autoComplete="off"
              value={sample.orderDate}
              onChange={(orderDate) => set({ orderDate })}
              error={errors.get("sample.orderDate")}
            />
            <TextField
              {...at("paymentDueDate")}
              label="Payment due date"
              type="date"
              helpText="Blank: the order date"
              autoComplete="off"
              value={sample.paymentDueDate}
              onChange={(paymentDueDate) => set({ paymentDueDate })}
              error={errors.get("sample.paymentDueDate")}
            />
          </FormLayout.Group>
          <FormLayout.Group condensed>
            <TextField
              {...at("taxTitle")}
              label="Sample tax line"
              placeholder="VAT 20%"
              autoComplete="off"
              value={sample.taxTitle}
              onChange={(taxTitle) => set({ taxTitle })}
              error={errors.get("sample.taxTitle")}
            />
            <TextField
              {...at("tax")}
              label="Tax amount"
              helpText="Included in the total"
              inputMode="decimal"
              autoComplete="off"
              value={sample.taxAmount}
              onChange={(taxAmount) => set({ taxAmount })}
              error={errors.get("sample.tax")}
            />
          </FormLayout.Group>
          {dateFields.length > 0 ? (
            <FormLayout.Group>
              {dateFields.map((field, index) => (
                <TextField
                  key={field}
                  {...(index === 0 ? at("dates") : { onBlur: onBlurField("sample.dates") })}
                  label={`Order date field ${field}`}
                  helpText="Blank: a month after the previous date"
                  type="date"
                  autoComplete="off"
                  value={sample.dates[field] ?? ""}
                  onChange={(date) => set({ dates: { ...sample.dates, [field]: date } })}
                />
              ))}
            </FormLayout.Group>
          ) : null}
        </FormLayout>
        {errors.has("sample.dates") ? <Banner tone="critical">{errors.get("sample.dates")}</Banner> : null}
        {preview ? (
          // Amounts arrive as exact decimal strings; Intl formats the string, never a float.
          <StackingTable
            label="Schedule for the sample order"
            rows={preview.rows}
            rowKey={(row) => row.position}
            totalLabel="Total"
            columns={[
              { heading: "#", label: "Stage no.", align: "numeric", cell: (row) => row.position },
              { heading: "Title", cell: (row) => row.title },
              {
                heading: "Amount",
                align: "numeric",
                cell: (row) => money(row.amount, preview.currency),
                total: { value: money(preview.total, preview.currency), label: "Total" },
              },
              { heading: "Due", cell: (row) => withShopDates(row.dueNote ? `${row.due} (${row.dueNote})` : row.due, date) },
              {
                heading: "Tax share",
                align: "end",
                cell: (row) => money(row.tax, preview.currency),
                total: { value: money(preview.taxTotal, preview.currency), label: "Tax in the total" },
              },
            ]}
          />
        ) : (
          <Text as="p" tone="subdued">
            The schedule appears here once the plan and the sample order have no errors.
          </Text>
        )}
      </BlockStack>
    </Card>
  );
}
