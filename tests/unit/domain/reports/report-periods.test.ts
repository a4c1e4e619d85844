import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { addDays, daysBetween, type CalendarDate } from "../../../../app/domain/dates/calendar-date";
import { agingBucketOf, AGING_BUCKETS } from "../../../../app/domain/reports/aging-buckets";
import { collectionBucketOf } from "../../../../app/domain/reports/collection-buckets";
import { periodCount, periodsAhead, periodsCovering, periodStartOf } from "../../../../app/domain/reports/report-periods";

const day = (text: string) => text as CalendarDate;

describe("periodStartOf (Monday-first weeks, calendar months)", () => {
  it.each([
    ["2026-12-07", "week", "2026-12-07"],
    ["2026-12-13", "week", "2026-12-07"],
    ["2027-01-01", "week", "2026-12-28"],
    ["2027-03-31", "month", "2027-03-01"],
    ["2028-02-29", "month", "2028-02-01"],
  ] as const)("%s in its %s starts on %s", (date, period, start) => expect(periodStartOf(day(date), period)).toBe(start));
});

describe("periodsAhead", () => {
  it("starts with the current week and runs whole weeks", () => {
    expect(periodsAhead(day("2026-12-03"), "week", 3)).toEqual([
      { start: "2026-11-30", end: "2026-12-06" },
      { start: "2026-12-07", end: "2026-12-13" },
      { start: "2026-12-14", end: "2026-12-20" },
    ]);
  });

  it("ends each month on its own last day (no drift from a short month)", () => {
    expect(periodsAhead(day("2027-01-31"), "month", 4)).toEqual([
      { start: "2027-01-01", end: "2027-01-31" },
      { start: "2027-02-01", end: "2027-02-28" },
      { start: "2027-03-01", end: "2027-03-31" },
      { start: "2027-04-01", end: "2027-04-30" },
    ]);
  });
});

describe("periodsCovering", () => {
  it("covers a range with whole periods, the first and last included", () => {
    expect(periodsCovering(day("2027-01-15"), day("2027-03-02"), "month").map((period) => period.start)).toEqual(["2027-01-01", "2027-02-01", "2027-03-01"]);
    expect(periodsCovering(day("2027-01-01"), day("2027-01-01"), "week")).toEqual([{ start: "2026-12-28", end: "2027-01-03" }]);
    expect(periodsCovering(day("2027-02-01"), day("2027-01-31"), "month")).toEqual([]);
  });

  it("tiles the range without gap or overlap, and counts as periodCount does", () => {
    const dates = fc.integer({ min: 0, max: 3_000 }).map((offset) => addDays(day("2020-01-01"), offset));
    fc.assert(
      fc.property(dates, fc.integer({ min: 0, max: 800 }), fc.constantFrom("week" as const, "month" as const), (from, length, period) => {
        const to = addDays(from, length);
        const periods = periodsCovering(from, to, period);
        expect(periods.length).toBe(periodCount(from, to, period));
        expect(periods[0]!.start <= from && to <= periods[periods.length - 1]!.end).toBe(true);
        for (let index = 1; index < periods.length; index += 1) expect(daysBetween(periods[index - 1]!.end, periods[index]!.start)).toBe(1);
      }),
    );
  });
});

describe("agingBucketOf (days past due)", () => {
  it.each([
    [-5, "current"],
    [0, "current"],
    [1, "days1to30"],
    [30, "days1to30"],
    [31, "days31to60"],
    [60, "days31to60"],
    [61, "days61to90"],
    [90, "days61to90"],
    [91, "over90"],
    [4_000, "over90"],
  ] as const)("%i days → %s", (days, bucket) => expect(agingBucketOf(days)).toBe(bucket));

  it("has buckets that follow each other without gap", () => {
    for (let index = 1; index < AGING_BUCKETS.length; index += 1) expect(AGING_BUCKETS[index]!.fromDays).toBe(AGING_BUCKETS[index - 1]!.toDays! + 1);
  });
});

describe("collectionBucketOf", () => {
  const today = day("2026-12-03");
  const horizonEnd = day("2027-02-21");
  it.each([
    [null, { kind: "undated" }],
    ["2026-12-02", { kind: "overdue" }],
    // Due earlier this week but before today: overdue, not this week's.
    ["2026-11-30", { kind: "overdue" }],
    ["2026-12-03", { kind: "period", start: "2026-11-30" }],
    ["2027-02-21", { kind: "period", start: "2027-02-15" }],
    ["2027-02-22", { kind: "later" }],
  ] as const)("due %s → %j", (due, bucket) => expect(collectionBucketOf(due === null ? null : day(due), today, horizonEnd, "week")).toEqual(bucket));
});
