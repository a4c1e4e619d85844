import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addMonthsToCivil, civilDateOf, civilOfText, dayNumberOf, daysInMonth, formatCivil, isoWeekdayOf } from "../../../app/domain/dates/civil-days";

const DAY_MS = 86_400_000;
const dayNumbers = fc.integer({ min: -25_567, max: 2_932_896 }); // 1900-01-01 .. 9999-12-31

describe("integer calendar (civil days)", () => {
  it("agrees with the JavaScript Date in UTC for every day from 1900 to 9999", () => {
    fc.assert(
      fc.property(dayNumbers, (days) => {
        const date = new Date(days * DAY_MS);
        const civil = civilDateOf(days);
        expect(civil).toEqual({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() });
        expect(dayNumberOf(civil.year, civil.month, civil.day)).toBe(days);
        expect(isoWeekdayOf(days)).toBe(date.getUTCDay() === 0 ? 7 : date.getUTCDay());
        const text = formatCivil(civil.year, civil.month, civil.day);
        expect(text).toBe(date.toISOString().slice(0, 10));
        expect(civilOfText(text)).toEqual(civil);
      }),
    );
  });

  it("adds months like a calendar: same day, clamped to the target month's length", () => {
    fc.assert(
      fc.property(dayNumbers, fc.integer({ min: -240, max: 240 }), (days, months) => {
        const from = civilDateOf(days);
        const to = addMonthsToCivil(from, months);
        expect((to.year - from.year) * 12 + (to.month - from.month)).toBe(months);
        expect(to.day).toBe(Math.min(from.day, daysInMonth(to.year, to.month)));
      }),
    );
  });

  it.each([
    [1900, 2, 28],
    [2000, 2, 29],
    [2027, 2, 28],
    [2028, 2, 29],
    [2027, 4, 30],
    [2027, 12, 31],
  ])("%i-%i has %i days", (year, month, days) => {
    expect(daysInMonth(year, month)).toBe(days);
  });
});
