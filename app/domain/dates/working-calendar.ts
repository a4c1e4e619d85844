import { PlanError } from "../plan-error";
import { calendarDateOfDayNumber, dayNumber, type CalendarDate } from "./calendar-date";
import { isoWeekdayOf } from "./civil-days";

/**
 * The shop's working days: weekdays it is closed and its holidays. A due date that falls on a closed day moves to the
 * next working day (as OCA's account_payment_term_extension postpones holidays), or to the previous one where the
 * merchant wants money before the weekend, never before the day the stage is issued or ordered.
 */
export interface WorkingCalendar {
  /** ISO weekdays the shop is closed: 6 and 7 are Saturday and Sunday. */
  readonly closedWeekdays: readonly number[];
  readonly holidays: readonly CalendarDate[];
  readonly move: "nextWorkingDay" | "previousWorkingDay";
}

export const NO_WORKING_CALENDAR: WorkingCalendar = { closedWeekdays: [], holidays: [], move: "nextWorkingDay" };

export function isWorkingDay(date: CalendarDate, calendar: WorkingCalendar): boolean {
  return !calendar.closedWeekdays.includes(isoWeekdayOf(dayNumber(date))) && !calendar.holidays.includes(date);
}

/**
 * The working day a due date moves to. Moving back stops at `notBefore` (the order or issue date): when no working day
 * is left between them, the date moves forward instead.
 */
export function toWorkingDay(date: CalendarDate, calendar: WorkingCalendar, notBefore: CalendarDate): CalendarDate {
  if (isWorkingDay(date, calendar)) return date;
  if (calendar.move === "previousWorkingDay") {
    const earliest = dayNumber(notBefore);
    for (let day = dayNumber(date) - 1; day >= earliest; day--) {
      const candidate = calendarDateOfDayNumber(day);
      if (isWorkingDay(candidate, calendar)) return candidate;
    }
  }
  // A week of closed weekdays plus every holiday is the furthest a next working day can be.
  const limit = dayNumber(date) + 7 + calendar.holidays.length;
  for (let day = dayNumber(date) + 1; day <= limit; day++) {
    const candidate = calendarDateOfDayNumber(day, "calendar");
    if (isWorkingDay(candidate, calendar)) return candidate;
  }
  throw new PlanError("calendar", "the shop's calendar has no working day: every weekday is closed");
}

/** Checks a calendar read from settings or JSON: weekdays 1–7, at least one open (holidays are parsed by their readers). */
export function validateWorkingCalendar(calendar: WorkingCalendar, key = "calendar"): void {
  for (const weekday of calendar.closedWeekdays) {
    if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7)
      throw new PlanError(`${key}.closedWeekdays`, `${weekday} is not an ISO weekday (1 = Monday … 7 = Sunday)`);
  }
  if (new Set(calendar.closedWeekdays).size >= 7) throw new PlanError(`${key}.closedWeekdays`, "at least one weekday must be a working day");
  if (calendar.move !== "nextWorkingDay" && calendar.move !== "previousWorkingDay") {
    throw new PlanError(`${key}.move`, 'must be "nextWorkingDay" or "previousWorkingDay"');
  }
}
