import { BlockStack, Box, Button, InlineGrid, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { useId } from "react";

import type { RevisionIssue } from "../../domain/contract/revision-error";
import type { StageKind } from "../../domain/plan/plan";
import { asSentence } from "../forms/field-problems";
import { STAGE_KIND_OPTIONS } from "../stage-kind-options";
import { scheduleFieldId, scheduleFieldKey } from "./schedule-fields";
import { newFormRow, type AmountMode, type DueMode, type ScheduleFormRow } from "./schedule-form";

const AMOUNT_OPTIONS: { label: string; value: AmountMode }[] = [
  { label: "Fixed amount", value: "fixed" },
  { label: "Percent of what is owed", value: "percent" },
  { label: "Equal share of the rest", value: "equal" },
  { label: "What is left", value: "remainder" },
];

const DUE_OPTIONS: { label: string; value: DueMode }[] = [
  { label: "On a date", value: "date" },
  { label: "When a milestone is marked", value: "milestone" },
  { label: "When a fulfillment is created", value: "fulfillmentCreated" },
  { label: "When the order is fulfilled", value: "orderFulfilled" },
];

/** The messages of the issues about one field of one row (1-based), or undefined. */
export function issueAt(issues: readonly RevisionIssue[], row: number | undefined, field: RevisionIssue["field"]): string | undefined {
  const messages = [...new Set(issues.filter((issue) => issue.row === row && issue.field === field).map((issue) => issue.message))];
  return messages.length > 0 ? asSentence(messages.join("; ")) : undefined;
}

interface RevisionRowsEditorProps {
  readonly rows: readonly ScheduleFormRow[];
  /** The position each row will take (frozen stages keep theirs; the rows take the free ones in order). */
  readonly positions: readonly number[];
  /** Each row's amount, formatted, once the rows share what is owed exactly; empty while they do not. */
  readonly amounts: readonly string[];
  /** The issues to show now (the browser's once their field was left or a save tried, the server's), by row and field. */
  readonly issues: readonly RevisionIssue[];
  /** An onBlur handler that marks a row's field as left (see scheduleFieldKey). */
  readonly onBlurField: (key: string) => () => void;
  /** `YYYY-MM-DD`: an added row's due date. */
  readonly today: string;
  readonly onChange: (rows: ScheduleFormRow[]) => void;
}

/** The stages that are not frozen, one group of fields each, with add and remove. */
export function RevisionRowsEditor({ rows, positions, amounts, issues, onBlurField, today, onChange }: RevisionRowsEditorProps) {
  const update = (index: number, change: Partial<ScheduleFormRow>) => onChange(rows.map((row, at) => (at === index ? { ...row, ...change } : row)));
  return (
    <BlockStack gap="400">
      {rows.map((row, index) => (
        <RevisionRowFields
          // Rows have no identity of their own; the row number is what the server's issues name too.
          key={index}
          row={row}
          rowNumber={index + 1}
          position={positions[index] ?? index + 1}
          amount={amounts[index]}
          issues={issues}
          onBlurField={onBlurField}
          onChange={(change) => update(index, change)}
          onRemove={() => onChange(rows.filter((_, at) => at !== index))}
        />
      ))}
      <InlineStack>
        <Button onClick={() => onChange([...rows, newFormRow(today)])}>Add stage</Button>
      </InlineStack>
    </BlockStack>
  );
}

interface RevisionRowFieldsProps {
  readonly row: ScheduleFormRow;
  readonly rowNumber: number;
  readonly position: number;
  readonly amount: string | undefined;
  readonly issues: readonly RevisionIssue[];
  readonly onBlurField: (key: string) => () => void;
  readonly onChange: (change: Partial<ScheduleFormRow>) => void;
  readonly onRemove: () => void;
}

function RevisionRowFields({ row, rowNumber, position, amount, issues, onBlurField, onChange, onRemove }: RevisionRowFieldsProps) {
  const headingId = useId();
  const error = (field: RevisionIssue["field"]) => issueAt(issues, rowNumber, field);
  // The input that shows a field's issues carries its id (the summary links to it) and marks it as left.
  const at = (field: RevisionIssue["field"]) => ({ id: scheduleFieldId(rowNumber, field), onBlur: onBlurField(scheduleFieldKey(rowNumber, field)) });
  const leaves = (field: RevisionIssue["field"]) => ({ onBlur: onBlurField(scheduleFieldKey(rowNumber, field)) });
  const amountError = error("amount");
  const dueError = error("due");
  const hasAmountValue = row.amountMode === "fixed" || row.amountMode === "percent";
  const dated = row.dueMode === "date";
  return (
    <div role="group" aria-labelledby={headingId} data-schedule-row={rowNumber}>
      <Box padding="300" borderWidth="025" borderColor="border" borderRadius="200">
        <BlockStack gap="300">
          <InlineStack align="space-between" blockAlign="center">
            <Text as="h3" variant="headingSm" id={headingId}>
              {`Stage ${position}`}
            </Text>
            <Button size="slim" tone="critical" onClick={onRemove} accessibilityLabel={`Remove stage ${position}`}>
              Remove
            </Button>
          </InlineStack>
          <InlineGrid columns={{ xs: 1, md: 3 }} gap="300">
            <Select
              {...at("kind")}
              label="Kind"
              options={STAGE_KIND_OPTIONS}
              value={row.kind}
              onChange={(kind) => onChange({ kind: kind as StageKind })}
              error={error("kind")}
            />
            <TextField
              {...at("title")}
              label="Title"
              helpText="Blank: the kind's title, numbered"
              autoComplete="off"
              value={row.title}
              onChange={(title) => onChange({ title })}
              error={error("title")}
            />
          </InlineGrid>
          <InlineGrid columns={{ xs: 1, md: 3 }} gap="300">
            <Select
              {...(hasAmountValue ? leaves("amount") : at("amount"))}
              label="Amount"
              options={AMOUNT_OPTIONS}
              value={row.amountMode}
              onChange={(amountMode) => onChange({ amountMode: amountMode as AmountMode })}
              helpText={!hasAmountValue && amount ? `Comes to ${amount}` : undefined}
              error={hasAmountValue ? undefined : amountError}
            />
            {hasAmountValue ? (
              <TextField
                {...at("amount")}
                label={row.amountMode === "percent" ? "Percent" : "Amount (tax included)"}
                suffix={row.amountMode === "percent" ? "%" : undefined}
                inputMode="decimal"
                autoComplete="off"
                value={row.amountValue}
                onChange={(amountValue) => onChange({ amountValue })}
                helpText={row.amountMode === "percent" && amount ? `Comes to ${amount}` : undefined}
                error={amountError}
              />
            ) : null}
          </InlineGrid>
          <InlineGrid columns={{ xs: 1, md: 3 }} gap="300">
            <Select
              {...(dated ? leaves("due") : at("due"))}
              label="Due"
              options={DUE_OPTIONS}
              value={row.dueMode}
              onChange={(dueMode) => onChange({ dueMode: dueMode as DueMode })}
              error={dated ? undefined : dueError}
            />
            {dated ? (
              <TextField
                {...at("due")}
                label="Due date"
                type="date"
                autoComplete="off"
                value={row.dueDate}
                onChange={(dueDate) => onChange({ dueDate })}
                error={dueError}
              />
            ) : (
              <BlockStack gap="300">
                {row.dueMode === "milestone" ? (
                  <TextField
                    {...leaves("due")}
                    label="Milestone name"
                    helpText="Staff mark it on the contract, e.g. Ready to ship"
                    autoComplete="off"
                    value={row.milestone}
                    onChange={(milestone) => onChange({ milestone })}
                  />
                ) : null}
                <TextField
                  {...leaves("due")}
                  label="Invoiced after the event"
                  helpText="Blank: on the day; or 30d, 2w, 1m, day 15, comma-separated"
                  autoComplete="off"
                  value={row.after}
                  onChange={(after) => onChange({ after })}
                />
              </BlockStack>
            )}
            <TextField
              {...leaves("due")}
              label="Net days"
              helpText={dated ? "Invoiced this many days before the due date" : "Payable this many days after the invoice"}
              type="number"
              min={0}
              autoComplete="off"
              value={row.netDays}
              onChange={(netDays) => onChange({ netDays })}
            />
          </InlineGrid>
        </BlockStack>
      </Box>
    </div>
  );
}
