import { TZDate } from "@date-fns/tz";
// Per-function entry point: the package index loads every date-fns function (≈1.7 s of a worker's cold start).
import { format } from "date-fns/format";
import { PlanError } from "../plan-error";
import { addMonthsToCivil, civilDateOf, civilOfText, dayNumberOf, daysInMonth, formatCivil } from "./civil-days";

/**
 * A calendar day in the shop's time zone, written `YYYY-MM-DD`. Dates carry no time and no zone: the zone is
 * applied once, when an instant (an order's `createdAt`, "now") becomes the shop's calendar date.
 */
export type CalendarDate = string & { readonly __calendarDate: true };

const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;
const FIRST_YEAR = 1900;
export const LAST_YEAR = 9999;

export function parseCalendarDate(text: string, key: string): CalendarDate {
  const match = DATE_TEXT.exec(text.trim());
  if (!match) throw new PlanError(key, `"${text}" is not a date in the form YYYY-MM-DD`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < FIRST_YEAR || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new PlanError(key, `"${text}" is not a real calendar date`);
  }
  return text.trim() as CalendarDate;
}

/** The calendar date of a year, month and day the engine computed; past the year 9999 is an error naming `key`. */
export function calendarDateOf(year: number, month: number, day: number, key: string): CalendarDate {
  if (year > LAST_YEAR) throw new PlanError(key, `a date after the year ${LAST_YEAR} is not supported`);
  return formatCivil(year, month, day) as CalendarDate;
}

/** Days since 1970-01-01: calendar arithmetic runs on integers, with no zone for a daylight-saving hour to move. */
export function dayNumber(date: CalendarDate): number {
  const { year, month, day } = civilOfText(date);
  return dayNumberOf(year, month, day);
}

export function calendarDateOfDayNumber(days: number, key = "date"): CalendarDate {
  const { year, month, day } = civilDateOf(days);
  return calendarDateOf(year, month, day, key);
}

export function addDays(date: CalendarDate, days: number, key = "date"): CalendarDate {
  return calendarDateOfDayNumber(dayNumber(date) + days, key);
}

/** Adds calendar months, clamping to the end of a shorter month: Jan 31 + 1 month = Feb 28 (29 in leap years). */
export function addMonths(date: CalendarDate, months: number, key = "date"): CalendarDate {
  const { year, month, day } = addMonthsToCivil(civilOfText(date), months);
  return calendarDateOf(year, month, day, key);
}

export function dayOfMonth(date: CalendarDate): number {
  return Number(date.slice(8, 10));
}

export function daysInMonthOf(date: CalendarDate): number {
  const { year, month } = civilOfText(date);
  return daysInMonth(year, month);
}

/** The same month on day `day`, clamped to the month's last day (day 31 in April is April 30). */
export function withDayOfMonth(date: CalendarDate, day: number): CalendarDate {
  const clamped = Math.min(day, daysInMonthOf(date));
  return `${date.slice(0, 8)}${String(clamped).padStart(2, "0")}` as CalendarDate;
}

export function firstOfMonth(date: CalendarDate): CalendarDate {
  return withDayOfMonth(date, 1);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return dayNumber(to) - dayNumber(from);
}

export function isBefore(a: CalendarDate, b: CalendarDate): boolean {
  return a < b;
}

/** Zones already found valid: building an Intl formatter per check was the journal's largest cost per entry. */
const KNOWN_TIME_ZONES = new Set<string>();

/** Throws a PlanError unless `timeZone` is an IANA zone name the runtime knows. */
export function assertTimeZone(timeZone: string, key = "timeZone"): void {
  if (KNOWN_TIME_ZONES.has(timeZone)) return;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
  } catch {
    throw new PlanError(key, `"${timeZone}" is not an IANA time zone (for example Europe/Berlin)`);
  }
  KNOWN_TIME_ZONES.add(timeZone);
}

/** The shop's calendar date at an instant: 2027-01-31T23:30Z is 2027-02-01 in Europe/Berlin. */
export function calendarDateAt(instant: Date, timeZone: string): CalendarDate {
  assertTimeZone(timeZone);
  return format(new TZDate(instant.getTime(), timeZone), "yyyy-MM-dd") as CalendarDate;
}

/** The instant a calendar date begins in a time zone: 2027-02-01 in Europe/Berlin is 2027-01-31T23:00Z. */
export function startOfDayIn(date: CalendarDate, timeZone: string): Date {
  assertTimeZone(timeZone);
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return new Date(new TZDate(year, month - 1, day, 0, 0, 0, timeZone).getTime());
}
