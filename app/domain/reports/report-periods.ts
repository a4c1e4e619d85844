import { addDays, addMonths, daysBetween, firstOfMonth, isBefore, type CalendarDate } from "../dates/calendar-date";

/** How the reports cut time: Monday-first weeks (as the dashboard's "this week") or calendar months. */
export type ReportPeriod = "week" | "month";

export interface PeriodRange {
  readonly start: CalendarDate;
  readonly end: CalendarDate;
}

/** The first day of the week or month holding `date` (weeks start on Monday, as PostgreSQL's date_trunc('week') does). */
export function periodStartOf(date: CalendarDate, period: ReportPeriod): CalendarDate {
  if (period === "month") return firstOfMonth(date);
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}

/** The week or month starting on `start`; each one is computed from its own start, so a month never drifts. */
export function periodFrom(start: CalendarDate, period: ReportPeriod): PeriodRange {
  const next = period === "month" ? addMonths(start, 1) : addDays(start, 7);
  return { start, end: addDays(next, -1) };
}

/** `count` periods from the one holding `today`: the current week or month comes first. */
export function periodsAhead(today: CalendarDate, period: ReportPeriod, count: number): PeriodRange[] {
  const first = periodStartOf(today, period);
  return Array.from({ length: count }, (_, index) => periodFrom(period === "month" ? addMonths(first, index) : addDays(first, 7 * index), period));
}

/** Every period that touches `from`…`to`, the first and last whole (a range from the 15th shows its whole month). */
export function periodsCovering(from: CalendarDate, to: CalendarDate, period: ReportPeriod): PeriodRange[] {
  if (isBefore(to, from)) return [];
  const first = periodStartOf(from, period);
  const periods: PeriodRange[] = [];
  for (let index = 0; ; index += 1) {
    const start = period === "month" ? addMonths(first, index) : addDays(first, 7 * index);
    if (isBefore(to, start)) return periods;
    periods.push(periodFrom(start, period));
  }
}

/** How many periods `from`…`to` spans: the report pages cap it so a typo cannot ask for a century of weeks. */
export function periodCount(from: CalendarDate, to: CalendarDate, period: ReportPeriod): number {
  if (isBefore(to, from)) return 0;
  const first = periodStartOf(from, period);
  const last = periodStartOf(to, period);
  if (period === "week") return daysBetween(first, last) / 7 + 1;
  const months = (Number(last.slice(0, 4)) - Number(first.slice(0, 4))) * 12 + Number(last.slice(5, 7)) - Number(first.slice(5, 7));
  return months + 1;
}
