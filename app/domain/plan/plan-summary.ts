import type { CalendarDate } from "../dates/calendar-date";
import { describeTrigger } from "../schedule/titles";
import type { DateStep } from "../schedule/due-dates";
import { describeOffset, describeSteps } from "./offset-words";
import type { AmountRule, DueRule, Plan, StageSpec } from "./plan";

const MAX_PARTS = 4;

/** How a summary writes the dates and amounts a plan fixes: as the plan stores them unless a list gives the shop's way. */
export interface SummaryFormats {
  readonly date: (date: CalendarDate) => string;
  /** A fixed amount, in whatever currency the order will be. */
  readonly amount: (amount: string) => string;
}

const AS_STORED: SummaryFormats = { date: (date) => date, amount: (amount) => amount };

/**
 * A plan in one line for lists: `30% at checkout · 50% when "Ready to ship" is reached · 20% 30 days after
 * the order is fulfilled`. Runs of identical stages (a `count`) read as one part: `3 × equal share every 1m`.
 */
export function summarizePlan(plan: Plan, formats: SummaryFormats = AS_STORED): string {
  if (plan.servicePeriods) {
    return `One installment per service ${plan.servicePeriods.unit}, by service days`;
  }
  const runs: { stage: StageSpec; times: number }[] = [];
  for (const stage of plan.stages) {
    const last = runs[runs.length - 1];
    if (last && sameRule(last.stage, stage)) last.times += 1;
    else runs.push({ stage, times: 1 });
  }
  const parts = runs.map(({ stage, times }) => `${times > 1 ? `${times} × ` : ""}${describeShare(stage.amount, formats)} ${describeDue(stage, formats)}`);
  const shown = parts.slice(0, MAX_PARTS);
  if (parts.length > MAX_PARTS) shown.push(`${parts.length - MAX_PARTS} more`);
  return [...shown, ...describePaymentRules(plan.paymentRules, formats)].join(" · ");
}

/** The copies of one spread differ only in their place in it: they read as one run. */
function sameRule(a: StageSpec, b: StageSpec): boolean {
  const due = (stage: StageSpec) => (stage.due.kind === "spread" ? { ...stage.due, index: 0 } : stage.due);
  return JSON.stringify([a.amount, due(a), a.netDays]) === JSON.stringify([b.amount, due(b), b.netDays]);
}

function describePaymentRules(rules: Plan["paymentRules"], formats: SummaryFormats): string[] {
  if (!rules) return [];
  const parts: string[] = [];
  if (rules.earlyPayment) parts.push(`${rules.earlyPayment.percent}% off if paid within ${rules.earlyPayment.withinDays} days`);
  const fee = rules.lateFee;
  if (fee) {
    const grace = fee.graceDays > 0 ? ` after ${fee.graceDays} days` : "";
    parts.push(
      fee.kind === "fixed"
        ? `late fee ${formats.amount(fee.fee)}${grace}`
        : `${fee.percentPerMonth}% a month late${grace}${fee.compound ? ", compounding" : ""}`,
    );
  }
  if (rules.cashRounding) parts.push(`rounded to ${formats.amount(rules.cashRounding.unit)}`);
  return parts;
}

function describeShare(amount: AmountRule, formats: SummaryFormats): string {
  switch (amount.kind) {
    case "percent":
      return `${amount.percent}%`;
    case "fixed":
      return formats.amount(amount.amount);
    case "equal":
      return "equal share";
    case "remainder":
      return "the rest";
  }
}

function describeDue(stage: StageSpec, formats: SummaryFormats): string {
  const net = stage.netDays > 0 ? `, net ${stage.netDays}` : "";
  return `${describeDueRule(stage.due, formats)}${net}`;
}

const ANCHOR_NAMES = { orderDate: "the order date", paymentDueDate: "the payment due date", previousStage: "the previous stage" } as const;

function describeDueRule(due: DueRule, formats: SummaryFormats): string {
  switch (due.kind) {
    case "atCheckout":
      return "at checkout";
    case "offset":
      return due.offsets.length ? `${offsets(due.offsets)} after ${ANCHOR_NAMES[due.from]}` : `on ${ANCHOR_NAMES[due.from]}`;
    case "fixedDate":
      return `on ${formats.date(due.date)}`;
    case "dateField":
      return due.offsets.length ? `${offsets(due.offsets)} after ${due.field}` : `on ${due.field}`;
    case "dayOfMonth":
      return `on day ${due.day} after ${ANCHOR_NAMES[due.from]}`;
    case "recurring":
      return `every ${due.every.count === 1 ? due.every.unit : describeOffset(due.every)}${due.onDay === undefined ? "" : ` on day ${due.onDay}`}`;
    case "trigger":
      return describeTrigger(due.trigger);
    case "spread":
      return `spread evenly from ${ANCHOR_NAMES[due.from]} to ${describeDeadline(due.until, formats)}`;
  }
}

function describeDeadline(until: Extract<DueRule, { kind: "spread" }>["until"], formats: SummaryFormats): string {
  if (until.kind === "date") return formats.date(until.date);
  if (until.kind === "field") return until.field;
  return `${offsets(until.steps)} after the start`;
}

/** Consecutive offsets of one unit read as their sum (JustOn's `2w(3)` chains 2w + 2w for the third). */
function offsets(list: readonly DateStep[]): string {
  const summed: DateStep[] = [];
  for (const step of list) {
    const last = summed[summed.length - 1];
    if (last && "unit" in last && "unit" in step && last.unit === step.unit) summed[summed.length - 1] = { unit: step.unit, count: last.count + step.count };
    else summed.push(step);
  }
  return describeSteps(summed);
}
