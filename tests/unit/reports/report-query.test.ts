import { describe, expect, it } from "vitest";

import { readReportQuery, reportSearch } from "../../../app/components/reports/report-query";
import type { CalendarDate } from "../../../app/domain/dates/calendar-date";

const TODAY = "2027-04-01" as CalendarDate;
const read = (kind: Parameters<typeof readReportQuery>[0], search: string) => readReportQuery(kind, new URLSearchParams(search), TODAY);

describe("a report's parameters from its URL", () => {
  it.each([
    ["aging", "", { asOf: "2027-04-01" }],
    ["aging", "asOf=2027-03-31", { asOf: "2027-03-31" }],
    ["collections", "", { period: "week", count: 12 }],
    ["collections", "period=month", { period: "month", count: 6 }],
    ["collections", "period=month&count=3", { period: "month", count: 3 }],
    ["collected", "", { period: "month", from: "2026-05-01", to: "2027-04-01" }],
    ["collected", "period=week&from=2027-01-01&to=2027-01-31", { period: "week", from: "2027-01-01", to: "2027-01-31" }],
    // Twelve whole months up to the day asked.
    ["deferred-revenue", "to=2027-02-15", { period: "month", from: "2026-03-01", to: "2027-02-15" }],
  ] as const)("%s ?%s → %j", (kind, search, query) => expect(read(kind, search)).toEqual({ ok: true, query }));

  it.each([
    ["aging", "asOf=2027-02-30", ['As of: "2027-02-30" is not a date in the form YYYY-MM-DD, like 2027-03-31']],
    ["collections", "period=day", ['Period: choose "week" or "month"']],
    ["collections", "count=0", ["Periods ahead: type 1 or more"]],
    ["collections", "period=month&count=25", ["Periods ahead: at most 24 months"]],
    ["collected", "from=2027-03-01&to=2027-02-28", ["To: choose a day on or after From"]],
    ["collected", "period=week&from=2020-01-01&to=2027-01-01", ["From: a report spans at most 104 weeks"]],
  ] as const)("%s ?%s is refused in words", (kind, search, errors) => {
    const answer = read(kind, search);
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.errors).toEqual(errors);
  });

  it("falls back to the defaults of the period asked when something else is wrong", () => {
    expect(read("collections", "period=month&count=x")).toEqual({
      ok: false,
      errors: ["Periods ahead: type a number, like 3"],
      query: { period: "month", count: 6 },
    });
  });

  it("writes a query back into the URL it was read from", () => {
    const query = { period: "week" as const, from: "2027-01-01" as CalendarDate, to: "2027-01-31" as CalendarDate };
    expect(read("collected", reportSearch(query))).toEqual({ ok: true, query });
  });
});
