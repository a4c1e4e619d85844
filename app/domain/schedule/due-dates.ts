import { addMonths, dayOfMonth, isBefore, withDayOfMonth, type CalendarDate } from "../dates/calendar-date";
import { applyOffsets, formatOffset, scaleOffset, type Offset } from "../dates/offset";
import { PlanError } from "../plan-error";
import type { DueRule, StageSpec, Trigger } from "../plan/plan";
import type { OrderSnapshot } from "./order-snapshot";

/** A step from an anchor: an offset, or "move to day N of the month" (clamped). */
export type DateStep = Offset | { readonly onDay: number };

/**
 * A due date as an anchor plus steps, kept unevaluated so that a chain of stages that build on each other is
 * applied from its first anchor (no month-end drift), and so that a stage waiting for an event can say how its
 * date will follow from it.
 */
export interface DueExpression {
  readonly anchor: { readonly date: CalendarDate } | { readonly trigger: Trigger };
  readonly steps: readonly DateStep[];
}

export interface StageDates {
  /** The due-rule date (the invoice date); null while the stage waits for its trigger. */
  readonly issueDate: CalendarDate | null;
  /** The issue date plus net days; null while the stage waits for its trigger. */
  readonly dueDate: CalendarDate | null;
  /** The event a waiting stage depends on, and the steps from it to the due date. */
  readonly pending?: { readonly trigger: Trigger; readonly steps: readonly DateStep[] };
}

export function resolveDueDates(stages: readonly StageSpec[], order: OrderSnapshot): StageDates[] {
  const dueExpressions: DueExpression[] = [];
  return stages.map((stage, index) => {
    const issue = issueExpression(stage.due, index, dueExpressions, order, stage);
    const due: DueExpression = stage.netDays > 0 ? { anchor: issue.anchor, steps: [...issue.steps, { count: stage.netDays, unit: "day" }] } : issue;
    dueExpressions.push(due);
    if ("trigger" in due.anchor) {
      return { issueDate: null, dueDate: null, pending: { trigger: due.anchor.trigger, steps: due.steps } };
    }
    const issueDate = evaluate(issue, stage.dueSource.key);
    const dueDate = evaluate(due, stage.dueSource.key);
    if (isBefore(issueDate, order.orderDate)) {
      throw new PlanError(
        stage.dueSource.key,
        `installment ${index + 1} would fall on ${issueDate}, before the order date ${order.orderDate}`,
        stage.dueSource.column,
      );
    }
    return { issueDate, dueDate };
  });
}

function issueExpression(rule: DueRule, index: number, earlier: readonly DueExpression[], order: OrderSnapshot, stage: StageSpec): DueExpression {
  const { key, column } = stage.dueSource;
  switch (rule.kind) {
    case "atCheckout":
      return { anchor: { date: order.orderDate }, steps: [] };
    case "fixedDate":
      return { anchor: { date: rule.date }, steps: [] };
    case "offset": {
      if (rule.from === "previousStage") {
        const previous = earlier[index - 1];
        if (!previous) throw new PlanError(key, "the first stage has no previous stage to count from", column);
        return { anchor: previous.anchor, steps: [...previous.steps, ...rule.offsets] };
      }
      const date = rule.from === "orderDate" ? order.orderDate : order.paymentDueDate;
      return { anchor: { date }, steps: rule.offsets };
    }
    case "dateField": {
      const date = order.dates[rule.field];
      if (date === undefined) {
        const known = Object.keys(order.dates);
        throw new PlanError(key, `the order has no date "${rule.field}"${known.length ? ` (it has: ${known.join(", ")})` : ""}`, column);
      }
      return { anchor: { date }, steps: rule.offsets };
    }
    case "dayOfMonth": {
      const from = rule.from === "orderDate" ? order.orderDate : order.paymentDueDate;
      const thisMonth = withDayOfMonth(from, rule.day);
      const date = dayOfMonth(from) <= dayOfMonth(thisMonth) ? thisMonth : withDayOfMonth(addMonths(from, 1, key), rule.day);
      return { anchor: { date }, steps: [] };
    }
    case "recurring": {
      const anchor = earlier[rule.anchorPosition - 1];
      if (!anchor || rule.anchorPosition > index) {
        throw new PlanError(key, `the recurrence must count from an earlier stage, not stage ${rule.anchorPosition}`, column);
      }
      const times = index + 1 - rule.anchorPosition;
      const steps: DateStep[] = [...anchor.steps, scaleOffset(rule.every, times)];
      if (rule.onDay !== undefined) steps.push({ onDay: rule.onDay });
      return { anchor: anchor.anchor, steps };
    }
    case "trigger": {
      const happened = eventDate(rule.trigger, order);
      return { anchor: happened ? { date: happened } : { trigger: rule.trigger }, steps: [] };
    }
  }
}

function eventDate(trigger: Trigger, order: OrderSnapshot): CalendarDate | undefined {
  switch (trigger.event) {
    case "milestone":
      return order.events.milestones?.[trigger.milestone];
    case "fulfillmentCreated":
      return order.events.fulfillmentCreated;
    case "orderFulfilled":
      return order.events.orderFulfilled;
  }
}

/** Applies the steps: runs of offsets are merged and applied from the anchor, day moves in between. */
export function evaluate(expression: DueExpression, key: string): CalendarDate {
  if (!("date" in expression.anchor)) throw new Error("evaluate: a pending expression has no date yet");
  let date = expression.anchor.date;
  let run: Offset[] = [];
  for (const step of expression.steps) {
    if ("onDay" in step) {
      date = withDayOfMonth(applyOffsets(date, run, key), step.onDay);
      run = [];
    } else {
      run.push(step);
    }
  }
  return applyOffsets(date, run, key);
}

export function formatDateStep(step: DateStep): string {
  return "onDay" in step ? `day ${step.onDay}` : formatOffset(step);
}
