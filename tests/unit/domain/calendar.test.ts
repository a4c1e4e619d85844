import { describe, expect, it } from "vitest";
import { addMonths, calendarDateAt, parseCalendarDate, withDayOfMonth, type CalendarDate } from "../../../app/domain/dates/calendar-date";
import { applyOffsets, mergeOffsets, parseOffset } from "../../../app/domain/dates/offset";
import { PlanError } from "../../../app/domain/plan-error";

const d = (text: string) => parseCalendarDate(text, "test");

describe("calendar dates", () => {
  it.each([
    ["2027-01-31", 1, "2027-02-28"],
    ["2027-01-31", 2, "2027-03-31"],
    ["2027-01-31", 3, "2027-04-30"],
    ["2028-01-31", 1, "2028-02-29"],
    ["2027-08-31", 6, "2028-02-29"],
    ["2027-12-15", 1, "2028-01-15"],
    ["2027-03-31", -1, "2027-02-28"],
  ])("%s + %i months = %s (clamped to the month's end)", (from, months, expected) => {
    expect(addMonths(d(from), months)).toBe(expected);
  });

  it("computes each date from its anchor, so month ends never drift", () => {
    const anchor = d("2027-01-31");
    const fromAnchor = [1, 2, 3, 4].map((k) => addMonths(anchor, k));
    expect(fromAnchor).toEqual(["2027-02-28", "2027-03-31", "2027-04-30", "2027-05-31"]);
    const stepped = [1, 2, 3, 4].reduce<CalendarDate[]>((dates) => [...dates, addMonths(dates[dates.length - 1] ?? anchor, 1)], []);
    expect(stepped[3]).toBe("2027-05-28");
  });

  it.each([
    ["2027-04-10", 31, "2027-04-30"],
    ["2028-02-10", 30, "2028-02-29"],
    ["2027-02-10", 15, "2027-02-15"],
  ])("%s moved to day %i is %s", (date, day, expected) => {
    expect(withDayOfMonth(d(date), day)).toBe(expected);
  });

  it.each(["2027-02-29", "2027-13-01", "2027-1-5", "27-01-05", "2027-04-31", "tomorrow"])("rejects %s", (text) => {
    expect(() => parseCalendarDate(text, "due")).toThrow(PlanError);
  });

  it.each([
    ["2027-01-31T23:30:00Z", "Europe/Berlin", "2027-02-01"],
    ["2027-01-31T23:30:00Z", "America/Los_Angeles", "2027-01-31"],
    ["2027-03-01T02:00:00Z", "America/New_York", "2027-02-28"],
    ["2027-01-01T10:00:00Z", "Pacific/Kiritimati", "2027-01-02"],
  ])("the instant %s is %s in %s", (instant, zone, expected) => {
    expect(calendarDateAt(new Date(instant), zone)).toBe(expected);
  });

  it("rejects an unknown time zone", () => {
    expect(() => calendarDateAt(new Date(), "Mars/Olympus")).toThrow(PlanError);
  });
});

describe("offsets", () => {
  it.each([
    ["30d", { count: 30, unit: "day" }],
    ["2w", { count: 2, unit: "week" }],
    ["1m", { count: 1, unit: "month" }],
    ["0d", { count: 0, unit: "day" }],
  ])("parses %s", (text, expected) => {
    expect(parseOffset(text, "period")).toEqual(expected);
  });

  it.each(["1y", "-1m", "m", "1.5m", ""])("rejects %j", (text) => {
    expect(() => parseOffset(text, "period", 3)).toThrow(PlanError);
  });

  it("merges consecutive offsets of one kind and keeps the order of kinds", () => {
    expect(mergeOffsets([parseOffset("1m", "x"), parseOffset("1m", "x"), parseOffset("1w", "x"), parseOffset("3d", "x"), parseOffset("1m", "x")])).toEqual([
      { count: 2, unit: "month" },
      { count: 10, unit: "day" },
      { count: 1, unit: "month" },
    ]);
  });

  it("applies months from the anchor, then days", () => {
    expect(applyOffsets(d("2027-01-31"), [parseOffset("1m", "x"), parseOffset("1m", "x")], "x")).toBe("2027-03-31");
    expect(applyOffsets(d("2027-01-31"), [parseOffset("1m", "x"), parseOffset("30d", "x")], "x")).toBe("2027-03-30");
  });
});
