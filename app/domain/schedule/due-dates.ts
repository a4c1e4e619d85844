import { calendarDateOf, type CalendarDate } from "../dates/calendar-date";
import { addMonthsToCivil, civilDateOf, civilOfText, dayNumberOf, daysInMonth, type CivilDate } from "../dates/civil-days";
import type { Offset } from "../dates/offset";
import { toWorkingDay, type WorkingCalendar } from "../dates/working-calendar";
import { PlanError } from "../plan-error";
import type { DueRule, StageSpec, Trigger } from "../plan/plan";
import type { OrderSnapshot } from "./order-snapshot";

/**
 * A step from an anchor: an offset; "move to day N of this month" (clamped, so day 31 is the month's end); or "move
 * to the next of these days of the month, on or after the date" (a customer who pays on the 5th and the 20th).
 * `dueOnly` marks a customer's payment days (negotiated terms): appended after the net days, they move the due date
 * and not the issue date, so the issue date of a stage that waited for an event is the walk without them.
 */
export type DateStep = Offset | { readonly onDay: number } | { readonly nextDays: readonly number[]; readonly dueOnly?: true };

export interface StageDates {
  /** The due-rule date (the invoice date); null while the stage waits for its trigger. */
  readonly issueDate: CalendarDate | null;
  /** The issue date plus net days; null while the stage waits for its trigger. */
  readonly dueDate: CalendarDate | null;
  /** The event a waiting stage depends on, and the steps from it to the due date. */
  readonly pending?: { readonly trigger: Trigger; readonly steps: readonly DateStep[] };
}

/** A step as evaluated: runs of offsets already summed (months with months, days and weeks as days). */
type ProgramStep =
  | { readonly op: "months"; readonly count: number }
  | { readonly op: "days"; readonly count: number }
  | { readonly op: "onDay"; readonly day: number }
  | { readonly op: "nextDays"; readonly days: readonly number[] };

type Anchor =
  | { readonly kind: "orderDate" }
  | { readonly kind: "paymentDueDate" }
  | { readonly kind: "date"; readonly date: CalendarDate }
  | { readonly kind: "field"; readonly field: string }
  | { readonly kind: "trigger"; readonly trigger: Trigger }
  | { readonly kind: "spread"; readonly from: "orderDate" | "paymentDueDate"; readonly until: SpreadDeadline; readonly index: number; readonly count: number };

type SpreadDeadline =
  | { readonly kind: "date"; readonly date: CalendarDate }
  | { readonly kind: "field"; readonly field: string }
  | { readonly kind: "after"; readonly program: readonly ProgramStep[] };

/**
 * A due date as an anchor plus steps, kept unevaluated so that a chain of stages that build on each other is
 * applied from its first anchor (no month-end drift). `steps` are kept as written only for an event anchor, where
 * the stage shows and stores how its date will follow from the event.
 */
interface DateChain {
  readonly anchor: Anchor;
  readonly program: readonly ProgramStep[];
  readonly steps?: readonly DateStep[];
}

/** A stage's dates, compiled once per plan: everything but the anchor's date is known before any order. */
export interface StageDateRule {
  readonly issue: DateChain;
  readonly due: DateChain;
  /** For an event anchor: what the schedule says while the stage waits for it (shared by every schedule built). */
  readonly pending?: { readonly trigger: Trigger; readonly steps: readonly DateStep[] };
  readonly key: string;
  readonly column: number | undefined;
}

/**
 * Compiles the stages' due rules. A `previousStage` chain or a recurrence extends the earlier stage's compiled
 * program by one step (merged into its last run), so each stage costs the same however long the chain.
 */
export function compileDueDates(stages: readonly StageSpec[]): StageDateRule[] {
  const dueChains: DateChain[] = [];
  return stages.map((stage, index) => {
    const issue = issueChain(stage.due, index, dueChains, stage);
    const toDue = dueSteps(stage);
    const due = toDue.length > 0 ? extend(issue, toDue) : issue;
    dueChains.push(due);
    const rule: StageDateRule = { issue, due, key: stage.dueSource.key, column: stage.dueSource.column };
    return due.anchor.kind === "trigger" ? { ...rule, pending: { trigger: due.anchor.trigger, steps: due.steps ?? [] } } : rule;
  });
}

/** The steps from a stage's issue date to its due date: its net days, then its customer's payment days. */
function dueSteps(stage: StageSpec): DateStep[] {
  const steps: DateStep[] = stage.netDays > 0 ? [{ count: stage.netDays, unit: "day" }] : [];
  if (stage.paymentDays) steps.push({ nextDays: stage.paymentDays, dueOnly: true });
  return steps;
}

/**
 * A frozen trigger's steps from the event to the issue date: all but the customer's payment days and the net days,
 * which compileDueDates appends last, in that order.
 */
export function stepsToIssue(steps: readonly DateStep[], netDays: number): readonly DateStep[] {
  const last = steps[steps.length - 1];
  const beforePaymentDays = last !== undefined && "nextDays" in last && last.dueOnly ? steps.slice(0, -1) : steps;
  return netDays > 0 ? beforePaymentDays.slice(0, -1) : beforePaymentDays;
}

/** The customer's payment days a frozen trigger ends with (a `dueOnly` step), or undefined when it has none. */
export function paymentDaysOf(steps: readonly DateStep[]): readonly number[] | undefined {
  const last = steps[steps.length - 1];
  return last !== undefined && "nextDays" in last && last.dueOnly ? last.nextDays : undefined;
}

export function resolveDueDates(rules: readonly StageDateRule[], order: OrderSnapshot): StageDates[] {
  const anchors: OrderAnchors = { order, orderDate: civilOfText(order.orderDate), paymentDueDate: civilOfText(order.paymentDueDate) };
  const dates: StageDates[] = [];
  for (let index = 0; index < rules.length; index++) {
    const rule = rules[index] as StageDateRule;
    const anchor = anchorDate(rule.issue.anchor, anchors, rule);
    if (anchor === undefined) {
      dates.push(rule.pending ? { issueDate: null, dueDate: null, pending: rule.pending } : { issueDate: null, dueDate: null });
      continue;
    }
    const issue = run(anchor, rule.issue.program, rule.key);
    const issueDate = calendarDateOf(issue.year, issue.month, issue.day, rule.key);
    // YYYY-MM-DD texts of four-digit years sort as their dates do.
    if (issueDate < order.orderDate) {
      throw new PlanError(rule.key, `installment ${index + 1} would fall on ${issueDate}, before the order date ${order.orderDate}`, rule.column);
    }
    const due = rule.due === rule.issue ? issueDate : calendarDateOfCivil(run(anchor, rule.due.program, rule.key), rule.key);
    // A stage due on the order date is due now (paid at checkout): only later dates move off closed days.
    const moves = order.calendar !== undefined && due !== order.orderDate;
    dates.push(moves ? onWorkingDay(issueDate, due, order.calendar as WorkingCalendar, order.orderDate) : { issueDate, dueDate: due });
  }
  return dates;
}

/**
 * Moves a due date off the shop's closed days (never before `notBefore`); a stage issued later than its moved due date
 * is issued on it.
 */
export function onWorkingDay(issueDate: CalendarDate, dueDate: CalendarDate, calendar: WorkingCalendar, notBefore: CalendarDate): StageDates {
  const moved = toWorkingDay(dueDate, calendar, notBefore);
  return { issueDate: moved < issueDate ? moved : issueDate, dueDate: moved };
}

function calendarDateOfCivil(date: CivilDate, key: string): CalendarDate {
  return calendarDateOf(date.year, date.month, date.day, key);
}

/** The order's own anchor dates, read once per schedule rather than once per stage. */
interface OrderAnchors {
  readonly order: OrderSnapshot;
  readonly orderDate: CivilDate;
  readonly paymentDueDate: CivilDate;
}

function issueChain(rule: DueRule, index: number, earlier: readonly DateChain[], stage: StageSpec): DateChain {
  const { key, column } = stage.dueSource;
  switch (rule.kind) {
    case "atCheckout":
      return { anchor: { kind: "orderDate" }, program: [] };
    case "fixedDate":
      return { anchor: { kind: "date", date: rule.date }, program: [] };
    case "offset": {
      if (rule.from === "previousStage") {
        const previous = earlier[index - 1];
        if (!previous) throw new PlanError(key, "the first stage has no previous stage to count from", column);
        return extend(previous, rule.offsets);
      }
      return extend({ anchor: { kind: rule.from }, program: [] }, rule.offsets);
    }
    case "dateField":
      return extend({ anchor: { kind: "field", field: rule.field }, program: [] }, rule.offsets);
    case "dayOfMonth":
      return extend({ anchor: { kind: rule.from }, program: [] }, [{ nextDays: [rule.day] }]);
    case "recurring": {
      const anchor = earlier[rule.anchorPosition - 1];
      if (!anchor || rule.anchorPosition > index) {
        throw new PlanError(key, `the recurrence must count from an earlier stage, not stage ${rule.anchorPosition}`, column);
      }
      const every: Offset = { count: rule.every.count * (index + 1 - rule.anchorPosition), unit: rule.every.unit };
      return extend(anchor, rule.onDay === undefined ? [every] : [every, { onDay: rule.onDay }]);
    }
    case "trigger":
      return { anchor: { kind: "trigger", trigger: rule.trigger }, program: [], steps: [] };
    case "spread": {
      const until: SpreadDeadline =
        rule.until.kind === "after" ? { kind: "after", program: extend({ anchor: { kind: rule.from }, program: [] }, rule.until.steps).program } : rule.until;
      return { anchor: { kind: "spread", from: rule.from, until, index: rule.index, count: rule.count }, program: [] };
    }
  }
}

/** The chain followed by more steps: an offset joins the last run of its kind, so a chain of 1m steps stays one step. */
function extend(chain: DateChain, steps: readonly DateStep[]): DateChain {
  const program = chain.program.slice();
  for (const step of steps) appendStep(program, step);
  return chain.anchor.kind === "trigger" ? { anchor: chain.anchor, program, steps: [...(chain.steps ?? []), ...steps] } : { anchor: chain.anchor, program };
}

function appendStep(program: ProgramStep[], step: DateStep): void {
  if ("onDay" in step) {
    program.push({ op: "onDay", day: step.onDay });
    return;
  }
  if ("nextDays" in step) {
    program.push({ op: "nextDays", days: [...step.nextDays].sort((a, b) => a - b) });
    return;
  }
  if (step.count === 0) return;
  const op = step.unit === "month" ? "months" : "days";
  const count = step.unit === "week" ? step.count * 7 : step.count;
  const last = program[program.length - 1];
  if (last && last.op === op) program[program.length - 1] = { op, count: last.count + count };
  else program.push({ op, count });
}

/** The anchor's date for this order; undefined while an event anchor has not happened. */
function anchorDate(anchor: Anchor, anchors: OrderAnchors, rule: StageDateRule): CivilDate | undefined {
  const { order } = anchors;
  switch (anchor.kind) {
    case "orderDate":
      return anchors.orderDate;
    case "paymentDueDate":
      return anchors.paymentDueDate;
    case "date":
      return civilOfText(anchor.date);
    case "field":
      return civilOfText(namedDate(order, anchor.field, rule));
    case "spread":
      return spreadDate(anchor, anchors, rule);
    case "trigger": {
      const happened = eventDate(anchor.trigger, order);
      return happened === undefined ? undefined : civilOfText(happened);
    }
  }
}

function namedDate(order: OrderSnapshot, field: string, rule: StageDateRule): CalendarDate {
  const date = order.dates[field];
  if (date === undefined) {
    const known = Object.keys(order.dates);
    throw new PlanError(rule.key, `the order has no date "${field}"${known.length ? ` (it has: ${known.join(", ")})` : ""}`, rule.column);
  }
  return date;
}

/** Payment `index` of `count` between the start and the deadline, both included, at the nearest whole day (half up). */
function spreadDate(spread: Extract<Anchor, { kind: "spread" }>, anchors: OrderAnchors, rule: StageDateRule): CivilDate {
  const start = anchors[spread.from];
  const until = spread.until;
  const deadline =
    until.kind === "date"
      ? civilOfText(until.date)
      : until.kind === "field"
        ? civilOfText(namedDate(anchors.order, until.field, rule))
        : run(start, until.program, rule.key);
  const first = dayNumberOf(start.year, start.month, start.day);
  const span = dayNumberOf(deadline.year, deadline.month, deadline.day) - first;
  if (span < 0) {
    const text = calendarDateOfCivil(deadline, rule.key);
    throw new PlanError(rule.key, `the deadline ${text} is before the start ${calendarDateOfCivil(start, rule.key)} of the spread`, rule.column);
  }
  if (spread.count === 1) return deadline;
  const gaps = spread.count - 1;
  return civilDateOf(first + Math.floor((2 * spread.index * span + gaps) / (2 * gaps)));
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

function run(from: CivilDate, program: readonly ProgramStep[], key: string): CivilDate {
  let date = from;
  for (const step of program) {
    switch (step.op) {
      case "months":
        date = addMonthsToCivil(date, step.count);
        break;
      case "days":
        date = civilDateOf(dayNumberOf(date.year, date.month, date.day) + step.count);
        break;
      case "onDay":
        date = { year: date.year, month: date.month, day: Math.min(step.day, daysInMonth(date.year, date.month)) };
        break;
      case "nextDays":
        date = nextPaymentDay(date, step.days);
        break;
    }
    if (date.year > 9999) calendarDateOf(date.year, date.month, date.day, key);
  }
  return date;
}

/** The first of `days` (ascending, each clamped to its month's length) on or after `date`: this month, else the next. */
function nextPaymentDay(date: CivilDate, days: readonly number[]): CivilDate {
  const length = daysInMonth(date.year, date.month);
  for (const day of days) {
    const clamped = Math.min(day, length);
    if (clamped >= date.day) return { year: date.year, month: date.month, day: clamped };
  }
  const next = addMonthsToCivil({ year: date.year, month: date.month, day: 1 }, 1);
  return { year: next.year, month: next.month, day: Math.min(days[0] as number, daysInMonth(next.year, next.month)) };
}

/** Applies steps to a date, as a stage's compiled chain would (a triggered stage's frozen steps, once the event came). */
export function evaluate(anchor: CalendarDate, steps: readonly DateStep[], key: string): CalendarDate {
  const program: ProgramStep[] = [];
  for (const step of steps) appendStep(program, step);
  const date = run(civilOfText(anchor), program, key);
  return calendarDateOf(date.year, date.month, date.day, key);
}
