import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addMonths, calendarDateOfDayNumber, dayNumber, dayOfMonth, daysInMonthOf, type CalendarDate } from "../../../app/domain/dates/calendar-date";
import { evaluate } from "../../../app/domain/schedule/due-dates";

const dates = fc
  .integer({ min: dayNumber("1990-01-01" as CalendarDate), max: dayNumber("2090-12-31" as CalendarDate) })
  .map((days) => calendarDateOfDayNumber(days));
const monthDays = fc.uniqueArray(fc.integer({ min: 1, max: 31 }), { minLength: 1, maxLength: 4 });

describe("date steps (properties)", () => {
  it("next day D/E…: on or after the date, on one of the days (clamped to the month), within a month, and nothing earlier qualifies", () => {
    fc.assert(
      fc.property(dates, monthDays, (from, days) => {
        const due = evaluate(from, [{ nextDays: days }], "t");
        expect(due >= from).toBe(true);
        expect(days.map((day) => Math.min(day, daysInMonthOf(due)))).toContain(dayOfMonth(due));
        expect(due <= addMonths(from, 1)).toBe(true);
        for (let day = dayNumber(from); day < dayNumber(due); day++) {
          const earlier = calendarDateOfDayNumber(day);
          expect(days.map((candidate) => Math.min(candidate, daysInMonthOf(earlier)))).not.toContain(dayOfMonth(earlier));
        }
      }),
    );
  });

  it("end of month is the last day of the date's month; day N clamps within it", () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: 1, max: 31 }), (from, day) => {
        const end = evaluate(from, [{ onDay: 31 }], "t");
        expect(end.slice(0, 7)).toBe(from.slice(0, 7));
        expect(dayOfMonth(end)).toBe(daysInMonthOf(from));
        expect(dayOfMonth(evaluate(from, [{ onDay: day }], "t"))).toBe(Math.min(day, daysInMonthOf(from)));
      }),
    );
  });

  it("a run of offsets is applied from the anchor as one step: k monthly steps equal k months from the anchor", () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: 1, max: 36 }), (from, months) => {
        const steps = Array.from({ length: months }, () => ({ count: 1, unit: "month" as const }));
        expect(evaluate(from, steps, "t")).toBe(addMonths(from, months));
      }),
    );
  });
});
