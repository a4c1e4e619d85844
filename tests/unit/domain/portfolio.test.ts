import { describe, expect, it } from "vitest";

import { endOfWeek, portfolioPeriod } from "../../../app/domain/contract/portfolio";
import type { CalendarDate } from "../../../app/domain/dates/calendar-date";

const day = (text: string) => text as CalendarDate;

describe("endOfWeek (weeks start on Monday)", () => {
  it.each([
    ["2026-11-16", "2026-11-22"],
    ["2026-11-18", "2026-11-22"],
    ["2026-11-22", "2026-11-22"],
    ["2026-12-28", "2027-01-03"],
  ])("%s → %s", (date, sunday) => expect(endOfWeek(day(date))).toBe(sunday));
});

describe("portfolioPeriod (the dashboard's cuts, in the shop's calendar)", () => {
  it("reads today, the week's Sunday and the month's last day where the shop is", () => {
    // 2027-03-31T20:00Z is a Wednesday evening in Los Angeles and already Thursday 1 April in Auckland.
    const now = new Date("2027-03-31T20:00:00Z");
    expect(portfolioPeriod(now, "America/Los_Angeles")).toEqual({
      today: "2027-03-31",
      weekEnd: "2027-04-04",
      monthEnd: "2027-03-31",
      // 1 March began at UTC−8; daylight saving time (UTC−7) started on the 14th.
      monthStartsAt: new Date("2027-03-01T08:00:00Z"),
      todayEndsAt: new Date("2027-04-01T07:00:00Z"),
    });
    expect(portfolioPeriod(now, "Pacific/Auckland")).toEqual({
      today: "2027-04-01",
      weekEnd: "2027-04-04",
      monthEnd: "2027-04-30",
      monthStartsAt: new Date("2027-03-31T11:00:00Z"),
      todayEndsAt: new Date("2027-04-01T11:00:00Z"),
    });
  });

  it("ends the month on its real last day, leap years included", () => {
    expect(portfolioPeriod(new Date("2028-02-10T12:00:00Z"), "UTC")).toMatchObject({ today: "2028-02-10", weekEnd: "2028-02-13", monthEnd: "2028-02-29" });
    expect(portfolioPeriod(new Date("2027-02-10T12:00:00Z"), "UTC")).toMatchObject({ monthEnd: "2027-02-28" });
  });

  it("lets a day that is 23 hours long end at its real end", () => {
    // Europe/Berlin moves its clocks forward in the night to 2027-03-28.
    expect(portfolioPeriod(new Date("2027-03-28T12:00:00Z"), "Europe/Berlin")).toMatchObject({
      today: "2027-03-28",
      monthStartsAt: new Date("2027-02-28T23:00:00Z"),
      todayEndsAt: new Date("2027-03-28T22:00:00Z"),
    });
  });
});
