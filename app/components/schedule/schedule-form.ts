import { z } from "zod";

import type { RevisionAmount, RevisionDue, StageRevisionRow } from "../../domain/contract/schedule-revision";
import { resolveRevisionAmounts } from "../../domain/contract/revision-amounts";
import type { RevisionIssue } from "../../domain/contract/revision-error";
import { parseCalendarDate, type CalendarDate } from "../../domain/dates/calendar-date";
import type { Currency } from "../../domain/money/currency";
import { Dec } from "../../domain/money/decimal";
import { formatMinorUnits } from "../../domain/money/minor-units";
import { AmountInputError, decimalForInput, parseAmountInput, parseDecimalInput } from "../../locale/amount-input";
import { formatAmountForInput } from "../../locale/format";
import { parsePercent } from "../../domain/plan/percent";
import { MAX_INSTALLMENTS, STAGE_KINDS, type StageKind, type Trigger } from "../../domain/plan/plan";
import { PlanError } from "../../domain/plan-error";
import { formatDateStep, parseDateStep } from "../../domain/schedule/date-step-syntax";
import type { DateStep } from "../../domain/schedule/due-dates";

/**
 * The schedule edit form's model, shared by the browser (the live total check) and the route's action: one row per
 * stage that is not frozen, as StageRevisionRow (app/domain/contract/schedule-revision.ts) flattened into the texts
 * and choices a person edits. Amounts are shares of what is still owed, not of the order total. Amounts and percents
 * are shown and read the shop's way (`locale`): "12,000.00" in en-US, "12.000,00" in de-DE.
 */
export interface ScheduleFormRow {
  readonly kind: StageKind;
  /** Blank: the kind's default title, numbered among the contract's stages. */
  readonly title: string;
  readonly amountMode: AmountMode;
  /** As the shop types them: major units ("1,280.00") for a fixed amount, a percent of what is owed ("50"); unused by equal and remainder. */
  readonly amountValue: string;
  readonly dueMode: DueMode;
  /** `YYYY-MM-DD`, for a dated row. */
  readonly dueDate: string;
  /** The milestone's name, for a row waiting for one. */
  readonly milestone: string;
  /** For a row waiting for an event: the steps from the event to the invoice ("2w", "1m, day 15"); blank: the event's day. */
  readonly after: string;
  /**
   * Blank is 0. A dated row is invoiced this many days before its due date; a row waiting for an event is payable
   * this many days after its invoice.
   */
  readonly netDays: string;
  /**
   * A row waiting for an event: the customer's payment days it was frozen with, kept as they are (no field edits them),
   * so the due date still moves to the next of them after the net days.
   */
  readonly paymentDays?: readonly number[];
}

export const AMOUNT_MODES = ["fixed", "percent", "equal", "remainder"] as const;
export type AmountMode = (typeof AMOUNT_MODES)[number];

export const DUE_MODES = ["date", "milestone", "fulfillmentCreated", "orderFulfilled"] as const;
export type DueMode = (typeof DUE_MODES)[number];

export const scheduleFormRowSchema = z.object({
  kind: z.enum(STAGE_KINDS as [StageKind, ...StageKind[]]),
  title: z.string().max(255),
  amountMode: z.enum(AMOUNT_MODES),
  amountValue: z.string().max(40),
  dueMode: z.enum(DUE_MODES),
  dueDate: z.string().max(40),
  milestone: z.string().max(120),
  after: z.string().max(120),
  netDays: z.string().max(12),
  paymentDays: z.array(z.number()).max(31).optional(),
}) satisfies z.ZodType<ScheduleFormRow>;

export const scheduleFormRowsSchema = z.array(scheduleFormRowSchema).max(MAX_INSTALLMENTS);

/** A row as the form shows it; `restateOpenStages` rows become form rows that, saved as they are, change nothing. */
export function formRowOf(row: StageRevisionRow, currency: Currency, locale: string): ScheduleFormRow {
  const amountValue =
    row.amount.kind === "fixed"
      ? formatAmountForInput(formatMinorUnits(row.amount.amount, currency), currency.code, locale)
      : row.amount.kind === "percent"
        ? decimalForInput(row.amount.percent, locale)
        : "";
  const base = { kind: row.kind, title: row.title ?? "", amountMode: row.amount.kind, amountValue, netDays: String(row.due.netDays ?? 0) };
  if (row.due.kind === "date") return { ...base, dueMode: "date", dueDate: row.due.dueDate, milestone: "", after: "" };
  const trigger = row.due.trigger;
  return {
    ...base,
    dueMode: trigger.event,
    dueDate: "",
    milestone: trigger.event === "milestone" ? trigger.milestone : "",
    after: (row.due.steps ?? []).map(formatDateStep).join(", "),
    ...(row.due.paymentDays ? { paymentDays: row.due.paymentDays } : {}),
  };
}

/** A row added to the form: an equal share of what the other rows leave, due on `dueDate`. */
export function newFormRow(dueDate: string): ScheduleFormRow {
  return { kind: "installment", title: "", amountMode: "equal", amountValue: "", dueMode: "date", dueDate, milestone: "", after: "", netDays: "0" };
}

/**
 * The form's rows as revision rows, or every issue of their texts (an amount or date that does not parse, net days
 * that are not a whole number), each on its 1-based row, as ScheduleRevisionError's issues are. What the texts
 * mean together (they add up to what is owed, no date before today) is reviseSchedule's to judge.
 */
export function readFormRows(rows: readonly ScheduleFormRow[], currency: Currency, locale: string): { rows: StageRevisionRow[]; issues: RevisionIssue[] } {
  const issues: RevisionIssue[] = [];
  const revisionRows = rows.map((row, index): StageRevisionRow => {
    const rowNumber = index + 1;
    const amount = readAmount(row, currency, locale, rowNumber, issues) ?? { kind: "equal" };
    const due = readDue(row, rowNumber, issues);
    return { kind: row.kind, ...(row.title.trim() === "" ? {} : { title: row.title.trim() }), amount, due };
  });
  return { rows: revisionRows, issues };
}

/** The live check of the rows' amounts against what is owed, as the server will judge them. */
export interface TotalCheck {
  /** What the rows add up to; null while an amount does not parse. */
  readonly sum: bigint | null;
  /** Each row's amount once they share what is owed exactly; empty while they do not. */
  readonly amounts: readonly bigint[];
  /** Why they do not (yet): the issues the server would answer with for the amounts. */
  readonly issues: readonly RevisionIssue[];
}

export function checkTotal(rows: readonly ScheduleFormRow[], owed: bigint, currency: Currency, locale: string): TotalCheck {
  const issues: RevisionIssue[] = [];
  const rules = rows.map((row, index) => readAmount(row, currency, locale, index + 1, issues));
  if (issues.length > 0) return { sum: null, amounts: [], issues };
  const money = (minor: bigint) => `${formatMinorUnits(minor, currency)} ${currency.code}`;
  if (rows.length === 0) {
    return {
      sum: 0n,
      amounts: [],
      issues: owed > 0n ? [{ field: "stages", message: `${money(owed)} is still owed: keep at least one stage to collect it` }] : [],
    };
  }
  if (owed === 0n) return { sum: null, amounts: [], issues: [{ field: "stages", message: "nothing is left to pay: remove the new stages" }] };
  const amountRules = rules as RevisionAmount[];
  const resolved = resolveRevisionAmounts(amountRules, owed, currency);
  if (!resolved.issues) return { sum: owed, amounts: resolved.amounts, issues: [] };
  return { sum: estimatedSum(amountRules, owed), amounts: [], issues: resolved.issues };
}

/** What rows that do not share what is owed exactly add up to: fixed amounts, percents of what is owed, and the rest for equal and remainder rows. */
function estimatedSum(rules: readonly RevisionAmount[], owed: bigint): bigint {
  let assigned = 0n;
  let sharesRest = false;
  for (const rule of rules) {
    if (rule.kind === "fixed") assigned += rule.amount;
    else if (rule.kind === "percent") assigned += percentOf(rule.percent, owed);
    else sharesRest = true;
  }
  return sharesRest && assigned < owed ? owed : assigned;
}

function percentOf(percent: string, owed: bigint): bigint {
  try {
    return BigInt(
      new Dec(owed.toString())
        .times(parsePercent(percent, { key: "amount" }))
        .div(100)
        .floor()
        .toFixed(0),
    );
  } catch (error) {
    if (error instanceof PlanError) return 0n;
    throw error;
  }
}

function readAmount(row: ScheduleFormRow, currency: Currency, locale: string, rowNumber: number, issues: RevisionIssue[]): RevisionAmount | undefined {
  const text = row.amountValue.trim();
  switch (row.amountMode) {
    case "equal":
    case "remainder":
      return { kind: row.amountMode };
    case "percent":
      if (text === "") return missing(issues, rowNumber, "amount", "give the percent of what is owed");
      try {
        return { kind: "percent", percent: parseDecimalInput(text, locale) };
      } catch (error) {
        if (!(error instanceof AmountInputError)) throw error;
        return missing(issues, rowNumber, "amount", error.message);
      }
    case "fixed":
      if (text === "") return missing(issues, rowNumber, "amount", "give the amount");
      try {
        return { kind: "fixed", amount: parseAmountInput(text, currency.code, locale) };
      } catch (error) {
        if (!(error instanceof AmountInputError)) throw error;
        return missing(issues, rowNumber, "amount", error.message);
      }
  }
}

function readDue(row: ScheduleFormRow, rowNumber: number, issues: RevisionIssue[]): RevisionDue {
  const netText = row.netDays.trim();
  let netDays = 0;
  if (/^\d{1,6}$/.test(netText)) netDays = Number(netText);
  else if (netText !== "") issues.push({ row: rowNumber, field: "due", message: `net days must be a whole number, not "${netText}"` });
  if (row.dueMode === "date") {
    try {
      return { kind: "date", dueDate: parseCalendarDate(row.dueDate, "due"), netDays };
    } catch (error) {
      if (!(error instanceof PlanError)) throw error;
      issues.push({ row: rowNumber, field: "due", message: row.dueDate.trim() === "" ? "give the due date" : error.detail });
      // Never used: rows with issues are not revised.
      return { kind: "date", dueDate: row.dueDate as CalendarDate, netDays };
    }
  }
  const trigger: Trigger = row.dueMode === "milestone" ? { event: "milestone", milestone: row.milestone.trim() } : { event: row.dueMode };
  const steps = readSteps(row.after, rowNumber, issues);
  return { kind: "trigger", trigger, steps, netDays, ...(row.paymentDays ? { paymentDays: row.paymentDays } : {}) };
}

/** "2w", "1m, day 15", "30d, next day 5/20": steps, comma-separated, as the plan syntax writes them. */
function readSteps(text: string, rowNumber: number, issues: RevisionIssue[]): DateStep[] {
  const parts = text
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
  return parts.flatMap((part): DateStep[] => {
    try {
      return [parseDateStep(part, "due")];
    } catch (error) {
      if (!(error instanceof PlanError)) throw error;
      issues.push({ row: rowNumber, field: "due", message: error.detail });
      return [];
    }
  });
}

function missing(issues: RevisionIssue[], row: number, field: RevisionIssue["field"], message: string): undefined {
  issues.push({ row, field, message });
  return undefined;
}
