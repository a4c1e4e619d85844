import { addDays, isBefore, type CalendarDate } from "../dates/calendar-date";
import type { StageStatus } from "./stage-status";

/** When a stage's link is emailed again: days before its due date, and days after it while unpaid. */
export interface ReminderCadence {
  readonly remindBeforeDays: readonly number[];
  readonly remindAfterDays: readonly number[];
}

export interface ReminderDecision {
  /** Every reminder whose day has come and that was not sent: one email covers them all. */
  readonly offsets: readonly string[];
}

/** Stages whose link is out and unpaid; a failed card charge is retried on its own schedule instead. */
const REMINDED_STATUSES: readonly StageStatus[] = ["invoiced", "overdue"];

/**
 * The reminder a stage is owed today, or null. Offsets are named `before:3`, `after:7`. When several came at
 * once (the worker was down, or the link went out late) the buyer gets one email, not one per offset; on the day
 * the link itself went out there is none (it waits for the next day).
 */
export function dueReminder(
  stage: {
    readonly status: StageStatus;
    readonly dueDate: CalendarDate | null;
    /** The day the link itself last went out: a reminder on that day would repeat it. */
    readonly linkEmailedOn: CalendarDate | null;
  },
  today: CalendarDate,
  cadence: ReminderCadence,
  sent: ReadonlySet<string>,
): ReminderDecision | null {
  if (stage.dueDate === null || !REMINDED_STATUSES.includes(stage.status) || stage.linkEmailedOn === today) return null;
  const dueDate = stage.dueDate;
  const before = cadence.remindBeforeDays
    .filter((days) => !isBefore(today, addDays(dueDate, -days)) && isBefore(today, dueDate))
    .map((days) => `before:${days}`);
  const after = cadence.remindAfterDays.filter((days) => !isBefore(today, addDays(dueDate, days))).map((days) => `after:${days}`);
  const offsets = [...before, ...after].filter((offset) => !sent.has(offset));
  return offsets.length > 0 ? { offsets } : null;
}
