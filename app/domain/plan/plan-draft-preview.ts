import { addDays, parseCalendarDate } from "../dates/calendar-date";
import { formatMinorUnits } from "../money/minor-units";
import { buildSchedule } from "../schedule/build-schedule";
import type { DateStep } from "../schedule/due-dates";
import { orderSnapshotFromInput } from "../schedule/order-input";
import { describeTrigger } from "../schedule/titles";
import { describeSteps } from "./offset-words";
import type { Plan, Trigger } from "./plan";

/** The order a plan is previewed against, as typed in the preview's fields. */
export interface SampleOrder {
  readonly amount: string;
  readonly currency: string;
  /** `YYYY-MM-DD`. */
  readonly orderDate: string;
  /** Blank: the order date. JustOn periods run from it. */
  readonly paymentDueDate: string;
  /** Both blank: no tax. */
  readonly taxTitle: string;
  readonly taxAmount: string;
  /** Values for the order date fields the plan names; a field left out gets a date a month apart from the last. */
  readonly dates: Readonly<Record<string, string>>;
}

export interface PreviewRow {
  readonly position: number;
  readonly title: string;
  /** A decimal string in the currency's exponent: `3000.00`, `3334` (JPY), `1.500` (KWD). */
  readonly amount: string;
  /** The due date, or what the stage waits for: `30 days after the order is fulfilled`. */
  readonly due: string;
  /** For stages on net terms with a date: `Issued 2027-01-15, net 30 days`. */
  readonly dueNote?: string;
  readonly tax: string;
}

export interface SchedulePreview {
  readonly currency: string;
  readonly rows: readonly PreviewRow[];
  readonly total: string;
  readonly taxTotal: string;
}

const SAMPLE_TIME_ZONE = "UTC";
const DAYS_BETWEEN_SAMPLE_DATES = 30;

/** The order date fields a plan reads (named due dates, service period bounds), in plan order. */
export function namedDateFields(plan: Plan): string[] {
  const fields = plan.stages.flatMap((stage) => (stage.due.kind === "dateField" ? [stage.due.field] : []));
  if (plan.servicePeriods) fields.push(plan.servicePeriods.startField, plan.servicePeriods.endField);
  return [...new Set(fields)];
}

/**
 * The date each named field takes in the preview: the one typed, else 30, 60, … days after the order date
 * (so a sample always has the dates its plan needs, in order). Empty while the order date is not a date.
 */
export function sampleDates(fields: readonly string[], sample: SampleOrder): Record<string, string> {
  const orderDate = /^\d{4}-\d{2}-\d{2}$/.test(sample.orderDate.trim()) ? sample.orderDate.trim() : undefined;
  const dates: Record<string, string> = {};
  fields.forEach((field, index) => {
    const typed = sample.dates[field]?.trim();
    if (typed) dates[field] = typed;
    else if (orderDate) dates[field] = addDays(parseCalendarDate(orderDate, "orderDate"), DAYS_BETWEEN_SAMPLE_DATES * (index + 1));
  });
  return dates;
}

/** Builds the plan's schedule for the sample order, as the server will; throws PlanError naming the key. */
export function previewSchedule(plan: Plan, sample: SampleOrder, now: Date): SchedulePreview {
  const hasTax = sample.taxTitle.trim() !== "" || sample.taxAmount.trim() !== "";
  const order = orderSnapshotFromInput({
    total: sample.amount.trim(),
    currency: sample.currency,
    timeZone: SAMPLE_TIME_ZONE,
    orderDate: sample.orderDate,
    ...(sample.paymentDueDate.trim() === "" ? {} : { paymentDueDate: sample.paymentDueDate }),
    dates: sampleDates(namedDateFields(plan), sample),
    taxLines: hasTax ? [{ title: sample.taxTitle, amount: sample.taxAmount.trim() }] : [],
    now,
  });
  const schedule = buildSchedule(plan, order);
  const money = (minor: bigint) => formatMinorUnits(minor, schedule.currency);
  const taxOf = (lines: readonly { amount: bigint }[]) => lines.reduce((sum, line) => sum + line.amount, 0n);
  return {
    currency: schedule.currency.code,
    rows: schedule.installments.map((installment) => ({
      position: installment.position,
      title: installment.title,
      amount: money(installment.amount),
      due: installment.trigger ? describeWaiting(installment.trigger.trigger, installment.trigger.steps) : (installment.dueDate ?? ""),
      ...(installment.dueDate && installment.netDays > 0 ? { dueNote: `Issued ${installment.issueDate}, net ${installment.netDays} days` } : {}),
      tax: money(taxOf(installment.tax)),
    })),
    total: money(schedule.total),
    taxTotal: money(taxOf(order.taxLines)),
  };
}

/** What a stage without a date waits for, in words: `when "Ready to ship" is reached`, `30 days after …`. */
export function describeWaiting(trigger: Trigger, steps: readonly DateStep[]): string {
  if (steps.length === 0) return capitalized(describeTrigger(trigger));
  const event =
    trigger.event === "milestone"
      ? `"${trigger.milestone}" is reached`
      : trigger.event === "fulfillmentCreated"
        ? "the first fulfillment"
        : "the order is fulfilled";
  return `${describeSteps(steps)} after ${event}`;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
