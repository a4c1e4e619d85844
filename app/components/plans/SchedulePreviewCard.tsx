import { Banner, BlockStack, Card, DataTable, FormLayout, Select, Text, TextField } from "@shopify/polaris";

import { formatMoney } from "../money-format";
import type { SampleOrder, SchedulePreview } from "../../domain/plan/plan-draft-preview";
import type { FieldErrors } from "./field-errors";

/** A few currencies, with JPY (no decimals) and KWD (three) to show how the exponent changes the amounts. */
const SAMPLE_CURRENCIES = ["USD", "EUR", "GBP", "CAD", "AUD", "JPY", "KWD"].map((code) => ({ label: code, value: code }));

interface SchedulePreviewCardProps {
  readonly sample: SampleOrder;
  readonly dateFields: readonly string[];
  readonly preview: SchedulePreview | null;
  readonly errors: FieldErrors;
  readonly onSampleChange: (sample: SampleOrder) => void;
}

/** The schedule the plan makes for a sample order, rebuilt on every keystroke by the same engine as the server. */
export function SchedulePreviewCard({ sample, dateFields, preview, errors, onSampleChange }: SchedulePreviewCardProps) {
  const set = (change: Partial<SampleOrder>) => onSampleChange({ ...sample, ...change });
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          Preview
        </Text>
        <FormLayout>
          <FormLayout.Group condensed>
            <TextField
              label="Sample total"
              inputMode="decimal"
              autoComplete="off"
              value={sample.amount}
              onChange={(amount) => set({ amount })}
              error={errors.get("sample.amount")}
            />
            <Select
              label="Currency"
              options={SAMPLE_CURRENCIES}
              value={sample.currency}
              onChange={(currency) => set({ currency })}
              error={errors.get("sample.currency")}
            />
            <TextField
              label="Order date"
              type="date"
              autoComplete="off"
              value={sample.orderDate}
              onChange={(orderDate) => set({ orderDate })}
              error={errors.get("sample.orderDate")}
            />
            <TextField
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
              label="Sample tax line"
              placeholder="VAT 20%"
              autoComplete="off"
              value={sample.taxTitle}
              onChange={(taxTitle) => set({ taxTitle })}
              error={errors.get("sample.taxTitle")}
            />
            <TextField
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
            <FormLayout.Group condensed>
              {dateFields.map((field) => (
                <TextField
                  key={field}
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
          // Amounts arrive as exact decimal strings; formatMoney reads the string, never a float.
          <DataTable
            columnContentTypes={["numeric", "text", "numeric", "text", "numeric"]}
            headings={["#", "Title", "Amount", "Due", "Tax share"]}
            rows={preview.rows.map((row) => [
              row.position,
              row.title,
              formatMoney(row.amount, preview.currency),
              row.dueNote ? `${row.due} (${row.dueNote})` : row.due,
              formatMoney(row.tax, preview.currency),
            ])}
            totals={["", "", formatMoney(preview.total, preview.currency), "", formatMoney(preview.taxTotal, preview.currency)]}
            totalsName={{ singular: "Total", plural: "Total" }}
            showTotalsInFooter
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
