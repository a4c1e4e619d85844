/**
 * Calendar arithmetic on integers: a date is its day number (days since 1970-01-01) or its year, month and day.
 * The conversions are Howard Hinnant's `days_from_civil` / `civil_from_days` (proleptic Gregorian, exact for every
 * year we accept), so adding days or months never builds a Date or parses a string.
 */

export interface CivilDate {
  readonly year: number;
  /** 1–12. */
  readonly month: number;
  /** 1–31. */
  readonly day: number;
}

export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] as number);
}

export function dayNumberOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

export function civilDateOf(dayNumber: number): CivilDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekdayOf(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

/** Adds months to a year and month, clamping the day to the target month's length (Jan 31 + 1 month = Feb 28). */
export function addMonthsToCivil(date: CivilDate, months: number): CivilDate {
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

/** `-MM-DD` of every month and day, at month × 32 + day. */
const MONTH_DAY_TEXTS = new Array<string>(13 * 32);
for (let month = 1; month <= 12; month++) {
  for (let day = 1; day <= 31; day++) MONTH_DAY_TEXTS[month * 32 + day] = `-${month < 10 ? "0" : ""}${month}-${day < 10 ? "0" : ""}${day}`;
}

/** `YYYY-MM-DD` as the year and one looked-up `-MM-DD` text: this runs for every date of every schedule. */
export function formatCivil(year: number, month: number, day: number): string {
  return `${year < 1000 ? String(year).padStart(4, "0") : year}${MONTH_DAY_TEXTS[month * 32 + day] as string}`;
}

/** Reads the digits of a `YYYY-MM-DD` text already known to be one (a CalendarDate). */
export function civilOfText(text: string): CivilDate {
  return {
    year: (text.charCodeAt(0) - 48) * 1000 + (text.charCodeAt(1) - 48) * 100 + (text.charCodeAt(2) - 48) * 10 + (text.charCodeAt(3) - 48),
    month: (text.charCodeAt(5) - 48) * 10 + (text.charCodeAt(6) - 48),
    day: (text.charCodeAt(8) - 48) * 10 + (text.charCodeAt(9) - 48),
  };
}
