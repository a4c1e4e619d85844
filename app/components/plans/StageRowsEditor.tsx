import { BlockStack, Box, Button, ButtonGroup, InlineError, InlineGrid, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { useId } from "react";

import type { StageKind } from "../../domain/plan/plan";
import { STAGE_KIND_OPTIONS } from "../stage-kind-options";
import { newStageRow, type DueKind, type ShareKind, type SpreadUntil, type StageRow } from "../../plan-editor/stage-rows";
import type { FieldErrors } from "./field-errors";
import { planFieldId } from "./plan-form-fields";

const SHARE_OPTIONS: { label: string; value: ShareKind }[] = [
  { label: "Percent of the total", value: "percent" },
  { label: "Fixed amount", value: "fixed" },
  { label: "Equal share of the rest", value: "equal" },
  { label: "Remainder", value: "remainder" },
];

const DUE_OPTIONS: { label: string; value: DueKind }[] = [
  { label: "At checkout", value: "checkout" },
  { label: "After a time", value: "after" },
  { label: "Every month, week or day", value: "every" },
  { label: "On a date", value: "on" },
  { label: "On an order date field", value: "field" },
  { label: "On a day of the month", value: "dayOfMonth" },
  { label: "Spread evenly until a deadline", value: "spread" },
  { label: "When a milestone is marked", value: "milestone" },
  { label: "When a fulfillment is created", value: "fulfillmentCreated" },
  { label: "When the order is fulfilled", value: "orderFulfilled" },
];

const UNIT_OPTIONS = [
  { label: "days", value: "d" },
  { label: "weeks", value: "w" },
  { label: "months", value: "m" },
];

const SPREAD_UNTIL_OPTIONS: { label: string; value: SpreadUntil }[] = [
  { label: "a time after the start", value: "after" },
  { label: "a date", value: "date" },
  { label: "an order date field", value: "field" },
];

const STEPS_HELP = "Steps in order, such as 30d, 2w, 1m, day 15, end of month or next day 5/20: “1m, end of month”";

const FROM_OPTIONS = [
  { label: "the order date", value: "orderDate" },
  { label: "the payment due date", value: "paymentDueDate" },
  { label: "the previous stage", value: "previousStage" },
];

/** An onBlur handler that marks a plan form field (see PlanFormField) as left. */
export type BlurField = (field: string) => () => void;

interface StageRowsEditorProps {
  readonly rows: readonly StageRow[];
  /** The errors to show now, by plan form field. */
  readonly errors: FieldErrors;
  readonly onBlurField: BlurField;
  readonly onChange: (rows: StageRow[]) => void;
}

/** The stage form: one group of fields per stage, with add, remove and move. */
export function StageRowsEditor({ rows, errors, onBlurField, onChange }: StageRowsEditorProps) {
  const update = (index: number, change: Partial<StageRow>) => onChange(rows.map((row, at) => (at === index ? { ...row, ...change } : row)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...rows];
    const [row] = next.splice(index, 1);
    if (row) next.splice(index + by, 0, row);
    onChange(next);
  };
  return (
    <BlockStack gap="400">
      {rows.map((row, index) => (
        <StageRowFields
          // Rows have no identity of their own; the position is what the engine's errors name too.
          key={index}
          row={row}
          position={index + 1}
          count={rows.length}
          errors={errors}
          onBlurField={onBlurField}
          onChange={(change) => update(index, change)}
          onMove={(by) => move(index, by)}
          onRemove={() => onChange(rows.filter((_, at) => at !== index))}
        />
      ))}
      <InlineStack>
        <Button onClick={() => onChange([...rows, newStageRow()])}>Add stage</Button>
      </InlineStack>
    </BlockStack>
  );
}

interface StageRowFieldsProps {
  readonly row: StageRow;
  readonly position: number;
  readonly count: number;
  readonly errors: FieldErrors;
  readonly onBlurField: BlurField;
  readonly onChange: (change: Partial<StageRow>) => void;
  readonly onMove: (by: -1 | 1) => void;
  readonly onRemove: () => void;
}

function StageRowFields({ row, position, count, errors, onBlurField, onChange, onMove, onRemove }: StageRowFieldsProps) {
  const headingId = useId();
  const key = (name: string) => `stages.${position - 1}.${name}`;
  // The input that shows a key's error carries the key's id (the summary links to it) and marks the key as left.
  const at = (name: string) => ({ id: planFieldId(key(name)), onBlur: onBlurField(key(name)) });
  const field = (name: string) => errors.get(key(name));
  const rowError = errors.get(`stages.${position - 1}`);
  const shareError = field("share");
  const dueError = field("due");
  const hasShareValue = row.shareKind === "percent" || row.shareKind === "fixed";
  const dueDetail = dueDetailFields(row, dueError, at("due"), onChange);
  return (
    <div role="group" aria-labelledby={headingId} id={planFieldId(`stages.${position - 1}`)} tabIndex={-1}>
      <Box padding="300" borderWidth="025" borderColor="border" borderRadius="200">
        <BlockStack gap="300">
          <InlineStack align="space-between" blockAlign="center">
            <Text as="h3" variant="headingSm" id={headingId}>
              {`Stage ${position}`}
            </Text>
            <ButtonGroup variant="segmented">
              <Button size="slim" disabled={position === 1} onClick={() => onMove(-1)} accessibilityLabel={`Move stage ${position} up`}>
                Up
              </Button>
              <Button size="slim" disabled={position === count} onClick={() => onMove(1)} accessibilityLabel={`Move stage ${position} down`}>
                Down
              </Button>
              <Button size="slim" tone="critical" disabled={count === 1} onClick={onRemove} accessibilityLabel={`Remove stage ${position}`}>
                Remove
              </Button>
            </ButtonGroup>
          </InlineStack>
          <InlineGrid columns={{ xs: 1, md: 3 }} gap="300">
            <Select
              {...at("kind")}
              label="Kind"
              options={STAGE_KIND_OPTIONS}
              value={row.kind}
              onChange={(kind) => onChange({ kind: kind as StageKind })}
              error={field("kind")}
            />
            <Select
              {...(hasShareValue ? { id: planFieldId(key("shareKind")) } : at("share"))}
              label="Share"
              options={SHARE_OPTIONS}
              value={row.shareKind}
              onChange={(shareKind) => onChange({ shareKind: shareKind as ShareKind })}
              error={hasShareValue ? undefined : shareError}
            />
            {hasShareValue ? (
              <TextField
                {...at("share")}
                label={row.shareKind === "percent" ? "Percent" : "Amount"}
                suffix={row.shareKind === "percent" ? "%" : undefined}
                helpText={row.shareKind === "fixed" ? "In the order's currency, tax included" : undefined}
                inputMode="decimal"
                autoComplete="off"
                value={row.shareValue}
                onChange={(shareValue) => onChange({ shareValue })}
                error={shareError}
              />
            ) : null}
          </InlineGrid>
          <InlineGrid columns={{ xs: 1, md: 3 }} gap="300">
            <Select
              {...(dueDetail ? { id: planFieldId(key("dueKind")) } : at("due"))}
              label="Due"
              options={DUE_OPTIONS}
              value={row.dueKind}
              onChange={(dueKind) => onChange({ dueKind: dueKind as DueKind })}
              error={dueDetail ? undefined : dueError}
            />
            {dueDetail}
          </InlineGrid>
          <InlineGrid columns={{ xs: 1, md: 3 }} gap="300">
            <TextField
              {...at("netDays")}
              label="Net days"
              helpText="Payable this many days after the due date"
              type="number"
              min={0}
              autoComplete="off"
              value={row.netDays}
              onChange={(netDays) => onChange({ netDays })}
              error={field("netDays")}
            />
            <TextField
              {...at("count")}
              label={row.dueKind === "spread" ? "Payments" : "Repeat"}
              helpText={
                row.dueKind === "spread"
                  ? "How many payments to spread, the first on the start and the last on the deadline"
                  : "How many installments this stage makes (blank: 1)"
              }
              type="number"
              min={1}
              autoComplete="off"
              value={row.count}
              onChange={(count) => onChange({ count })}
              error={field("count")}
            />
            <TextField
              {...at("title")}
              label="Title"
              helpText="Blank: the kind's title. Placeholders: [PosNo], [PosCount], [Amount], [Date]"
              autoComplete="off"
              value={row.title}
              onChange={(title) => onChange({ title })}
              error={field("title")}
            />
          </InlineGrid>
          {rowError ? <InlineError message={rowError} fieldID={headingId} /> : null}
        </BlockStack>
      </Box>
    </div>
  );
}

/** The fields a due rule needs besides its kind; the rule's error shows on the first of them, which `errorField` names. */
function dueDetailFields(
  row: StageRow,
  error: string | undefined,
  errorField: { readonly id: string; readonly onBlur: () => void },
  onChange: (change: Partial<StageRow>) => void,
) {
  // The count shows the rule's error unless another field of the rule does (the order date field's name).
  const countField = (label: string, errorHere: string | undefined, showsRuleError = true) => (
    <InlineStack gap="200" wrap={false} blockAlign="end">
      <TextField
        {...(showsRuleError ? errorField : {})}
        label={label}
        type="number"
        min={0}
        autoComplete="off"
        value={row.dueCount}
        onChange={(dueCount) => onChange({ dueCount })}
        error={errorHere}
      />
      <Select label="Unit" options={UNIT_OPTIONS} value={row.dueUnit} onChange={(dueUnit) => onChange({ dueUnit: dueUnit as StageRow["dueUnit"] })} />
    </InlineStack>
  );
  const fromField = (options: typeof FROM_OPTIONS, label = "Counted from") => (
    <Select label={label} options={options} value={row.dueFrom} onChange={(dueFrom) => onChange({ dueFrom: dueFrom as StageRow["dueFrom"] })} />
  );
  const stepsField = (label: string) => (
    <TextField
      {...errorField}
      label={label}
      helpText={STEPS_HELP}
      autoComplete="off"
      spellCheck={false}
      value={row.dueSteps}
      onChange={(dueSteps) => onChange({ dueSteps })}
      error={error}
    />
  );
  const withoutPreviousStage = FROM_OPTIONS.filter((option) => option.value !== "previousStage");
  switch (row.dueKind) {
    case "checkout":
    case "fulfillmentCreated":
    case "orderFulfilled":
      return null;
    case "after":
      return (
        <>
          {stepsField("After")}
          {fromField(FROM_OPTIONS)}
        </>
      );
    case "every":
      return (
        <>
          {countField("Every", error)}
          <TextField
            label="On day of the month"
            helpText="Blank: the same day as the stage it counts from"
            type="number"
            min={1}
            max={31}
            autoComplete="off"
            value={row.dueDay}
            onChange={(dueDay) => onChange({ dueDay })}
          />
        </>
      );
    case "on":
      return (
        <TextField
          {...errorField}
          label="Date"
          type="date"
          autoComplete="off"
          value={row.dueDate}
          onChange={(dueDate) => onChange({ dueDate })}
          error={error}
        />
      );
    case "field":
      return (
        <>
          <TextField
            {...errorField}
            label="Order date field"
            helpText="A draft order custom attribute or metafield, e.g. delivery_date"
            autoComplete="off"
            value={row.dueName}
            onChange={(dueName) => onChange({ dueName })}
            error={error}
          />
          {countField("Plus", undefined, false)}
        </>
      );
    case "dayOfMonth":
      return (
        <>
          <TextField
            {...errorField}
            label="Day of the month"
            type="number"
            min={1}
            max={31}
            autoComplete="off"
            value={row.dueDay}
            onChange={(dueDay) => onChange({ dueDay })}
            error={error}
          />
          {fromField(withoutPreviousStage)}
        </>
      );
    case "spread":
      return (
        <>
          {fromField(withoutPreviousStage, "Starting on")}
          <Select
            label="Until"
            options={SPREAD_UNTIL_OPTIONS}
            value={row.spreadUntil}
            onChange={(spreadUntil) => onChange({ spreadUntil: spreadUntil as SpreadUntil })}
          />
          {row.spreadUntil === "after" ? (
            stepsField("Deadline after the start")
          ) : row.spreadUntil === "date" ? (
            <TextField
              {...errorField}
              label="Deadline"
              type="date"
              autoComplete="off"
              value={row.dueDate}
              onChange={(dueDate) => onChange({ dueDate })}
              error={error}
            />
          ) : (
            <TextField
              {...errorField}
              label="Deadline field"
              helpText="A draft order custom attribute or metafield, e.g. event_date"
              autoComplete="off"
              value={row.dueName}
              onChange={(dueName) => onChange({ dueName })}
              error={error}
            />
          )}
        </>
      );
    case "milestone":
      return (
        <TextField
          {...errorField}
          label="Milestone name"
          helpText="Staff mark it on the contract, e.g. Ready to ship"
          autoComplete="off"
          value={row.dueName}
          onChange={(dueName) => onChange({ dueName })}
          error={error}
        />
      );
  }
}
