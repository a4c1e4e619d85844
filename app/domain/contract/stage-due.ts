import { addDays, isBefore, startOfDayIn, type CalendarDate } from "../dates/calendar-date";
import { UNPAID_STAGE_STATUSES, type StageStatus } from "./stage-status";

/** The part of a stage its timing reads. */
export interface TimedStage {
  readonly status: StageStatus;
  readonly issueDate: CalendarDate | null;
  readonly dueDate: CalendarDate | null;
  readonly nextAttemptAt: Date | null;
  /** The last day of the stage's early-payment offer: the day after it, its draft must ask for the full amount. */
  readonly earlyPaymentUntil?: CalendarDate | null;
  /** The day a fixed late fee applies: it is charged then (interest is charged when the stage is paid, a webhook). */
  readonly fixedLateFeeFrom?: CalendarDate | null;
}

/** The instant, and the shop's calendar date at it. */
export interface StageClock {
  readonly now: Date;
  /** Today in the contract's time zone. */
  readonly today: CalendarDate;
}

/**
 * The one home of "is a stage due": the collection planner (next-step.ts) acts on these, and the due sweep finds
 * the stages to look at from `nextTimedAction`, so the two can never disagree about when a date has come.
 */

/** A saved card is charged on the due date, and again when a declined charge's retry time comes. */
export function chargeDue(stage: TimedStage, clock: StageClock): boolean {
  if (stage.status === "failed") return stage.nextAttemptAt !== null && stage.nextAttemptAt.getTime() <= clock.now.getTime();
  return stage.dueDate !== null && !isBefore(clock.today, stage.dueDate);
}

/** Days before a saved card is charged that the buyer is told of it. */
export const CHARGE_NOTICE_DAYS = 3;

/** The day the buyer is told their saved card will be charged: CHARGE_NOTICE_DAYS before the due date. */
export function chargeNoticeDay(dueDate: CalendarDate): CalendarDate {
  return addDays(dueDate, -CHARGE_NOTICE_DAYS);
}

/**
 * A scheduled stage's notice of its card charge is due from its notice day until the day before the charge: on the
 * charge day itself (a sweep that came late) the receipt says it all.
 */
export function chargeNoticeDue(stage: TimedStage, clock: StageClock): boolean {
  if (stage.status !== "scheduled" || stage.dueDate === null) return false;
  return !isBefore(clock.today, chargeNoticeDay(stage.dueDate)) && isBefore(clock.today, stage.dueDate);
}

/** A link goes out on the issue date (net terms: the invoice comes first, payment by the due date). */
export function linkDue(stage: TimedStage, clock: StageClock): boolean {
  const from = stage.issueDate ?? stage.dueDate;
  return from !== null && !isBefore(clock.today, from);
}

/** Unpaid after its due date: the day after it, in the contract's zone. */
export function pastDue(stage: TimedStage, clock: StageClock): boolean {
  return stage.dueDate !== null && isBefore(stage.dueDate, clock.today);
}

/**
 * The next instant after `now` at which time alone can change what the planner does for this stage: its issue
 * day beginning, a scheduled stage's charge-notice day, its due day beginning, the day after it beginning (overdue),
 * the day after its early-payment offer ends, the day its fixed late fee applies, a declined charge's retry time. Null
 * when none is ahead: a stage paid or cancelled, one that waits for an event, one whose dates have all come (the
 * sync that just ran acted on them; anything else that moves it arrives as a webhook or a staff action).
 */
export function nextTimedAction(stage: TimedStage, timeZone: string, now: Date): Date | null {
  if (!UNPAID_STAGE_STATUSES.includes(stage.status)) return null;
  const notice = stage.status === "scheduled" && stage.dueDate ? chargeNoticeDay(stage.dueDate) : null;
  const offerEnded = stage.earlyPaymentUntil ? addDays(stage.earlyPaymentUntil, 1) : null;
  const dayStarts = [
    stage.issueDate ?? stage.dueDate,
    notice,
    stage.dueDate,
    stage.dueDate ? addDays(stage.dueDate, 1) : null,
    offerEnded,
    stage.fixedLateFeeFrom ?? null,
  ]
    .filter((date): date is CalendarDate => date !== null)
    .map((date) => startOfDayIn(date, timeZone));
  const instants = stage.status === "failed" && stage.nextAttemptAt ? [...dayStarts, stage.nextAttemptAt] : dayStarts;
  const ahead = instants.filter((instant) => instant.getTime() > now.getTime());
  return ahead.length === 0 ? null : new Date(Math.min(...ahead.map((instant) => instant.getTime())));
}
