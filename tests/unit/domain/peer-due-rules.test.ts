import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, daysBetween, parseCalendarDate } from "../../../app/domain/dates/calendar-date";
import { PlanError } from "../../../app/domain/plan-error";
import { datesOf, preview } from "./sample-order";

/**
 * The due-date rules peers define, written as our steps, with the peers' own test cases (inputs and expected dates
 * copied from their test suites; the source is named per table).
 */
const dueOn = (invoiceDate: string, after: string[]) =>
  datesOf(preview({ stages: [{ share: "equal", due: { after } }] }, { orderDate: invoiceDate, paymentDueDate: invoiceDate }))[0];

describe("an offset, then a day of the month or the end of the month, in one stage", () => {
  // Odoo 16, addons/account/tests/test_payment_term.py (months → days → end_month → days_after).
  it.each([
    [
      "next month on the 15th: end of month, 15d",
      ["end of month", "15d"],
      ["2019-01-01", "2019-01-15", "2019-01-31"],
      ["2019-02-15", "2019-02-15", "2019-02-15"],
    ],
    ["last day of the month", ["end of month"], ["2019-01-01", "2019-01-15", "2019-01-31"], ["2019-01-31", "2019-01-31", "2019-01-31"]],
    [
      "first day of the next month: end of month, 1d",
      ["end of month", "1d"],
      ["2019-01-01", "2019-01-15", "2019-01-31"],
      ["2019-02-01", "2019-02-01", "2019-02-01"],
    ],
    ["net 30", ["30d"], ["2022-01-01", "2022-01-15", "2022-01-31"], ["2022-01-31", "2022-02-14", "2022-03-02"]],
    ["30 days, end of month", ["30d", "end of month"], ["2022-01-01", "2022-01-15", "2022-01-31"], ["2022-01-31", "2022-02-28", "2022-03-31"]],
    ["1 month, end of month", ["1m", "end of month"], ["2022-01-01", "2022-01-15", "2022-01-31"], ["2022-02-28", "2022-02-28", "2022-02-28"]],
    ["30 days, end of month, the 10th", ["30d", "end of month", "10d"], ["2022-01-01", "2022-01-15", "2022-01-31"], ["2022-02-10", "2022-03-10", "2022-04-10"]],
    ["90 days, end of month, the 10th", ["90d", "end of month", "10d"], ["2022-01-01", "2022-01-15", "2022-01-31"], ["2022-05-10", "2022-05-10", "2022-06-10"]],
    ["3 months, end of month, the 10th", ["3m", "end of month", "10d"], ["2022-01-01", "2022-01-15", "2022-01-31"], ["2022-05-10", "2022-05-10", "2022-05-10"]],
    [
      "1 month, 15 days, end of month, 45 days",
      ["1m", "15d", "end of month", "45d"],
      ["2022-01-01", "2022-01-15", "2022-01-31"],
      ["2022-04-14", "2022-05-15", "2022-05-15"],
    ],
    [
      "the next 10th of the month",
      ["next day 10"],
      ["2022-01-01", "2022-01-09", "2022-01-10", "2022-01-15", "2022-01-31"],
      ["2022-01-10", "2022-01-10", "2022-01-10", "2022-02-10", "2022-02-10"],
    ],
  ])("Odoo 16: %s", (_, after, invoices, expected) => {
    expect(invoices.map((invoice) => dueOn(invoice, after))).toEqual(expected);
  });

  // Odoo 17/18 `days_end_of_month_on_the` (day k of the month after invoice + N days) and `days_after_end_of_next_month`.
  it.each([
    ["30 days, then day 10 of the month after", "2023-12-12", ["30d", "1m", "day 10"], "2024-02-10"],
    ["30 days, then day 31 of the month after (leap February)", "2023-12-12", ["30d", "1m", "day 31"], "2024-02-29"],
    ["0 days, then day 29 of the month after", "2024-05-23", ["1m", "day 29"], "2024-06-29"],
    ["0 days, then day 31 of the month after", "2024-05-23", ["1m", "day 31"], "2024-06-30"],
    ["15 days, then day 31 of the month after", "2024-05-23", ["15d", "1m", "day 31"], "2024-07-31"],
    ["30 days, then the end of that month (day 0)", "2024-04-22", ["30d", "end of month"], "2024-05-31"],
    ["end of the following month", "2019-01-01", ["1m", "end of month"], "2019-02-28"],
  ])("Odoo 18: %s", (_, invoice, after, expected) => {
    expect(dueOn(invoice, after)).toBe(expected);
  });

  // Odoo 13 test_payment_term (`after_invoice_month`, `day_of_the_month`) and ERPNext's month(s) after the end of the invoice month.
  it.each([
    [
      "Odoo 13: 45 days from the end of the month",
      ["end of month", "45d"],
      ["2019-01-01", "2019-01-15", "2019-01-31"],
      ["2019-03-17", "2019-03-17", "2019-03-17"],
    ],
    ["Odoo 13: the 15th, at least 31 days", ["31d", "next day 15"], ["2019-01-01", "2019-01-15", "2019-01-31"], ["2019-02-15", "2019-02-15", "2019-03-15"]],
    ["ERPNext: 1 month after the end of the invoice month (PR #33183)", ["1m", "end of month"], ["2023-02-03", "2020-06-11"], ["2023-03-31", "2020-07-31"]],
    ["OCA: 60 days end of month = 2 months, end of month", ["2m", "end of month"], ["2015-01-30"], ["2015-03-31"]],
  ])("%s", (_, after, invoices, expected) => {
    expect(invoices.map((invoice) => dueOn(invoice, after))).toEqual(expected);
  });
});

describe("several payment days in a month", () => {
  // OCA account_payment_term_extension test_account_payment_term_multi_day.py.
  it.each([
    ["payment days 5 and 10, from the 1st", "2020-01-01", ["next day 5/10"], "2020-01-05"],
    ["payment days 5 and 10, from the 6th", "2020-01-06", ["next day 5/10"], "2020-01-10"],
    ["5 days, then payment day 5 (the 6th is past it)", "2020-01-01", ["5d", "next day 5"], "2020-02-05"],
    ["payment days 15 and 20, from the 18th", "2020-01-18", ["next day 15/20"], "2020-01-20"],
    ["payment days 15 and 20, from the 25th", "2020-01-25", ["next day 15/20"], "2020-02-15"],
    ["payment days 30 in February clamp to its end", "2021-02-10", ["next day 30"], "2021-02-28"],
  ])("OCA: %s", (_, invoice, after, expected) => {
    expect(dueOn(invoice, after)).toBe(expected);
  });

  it("NaN-tic Tryton: 30 days, 1 month, 1 month + 30 days, 2 months + day 15 + 30 days, each on the next 5th or 20th", () => {
    const stage = (after: string[]) => ({ share: "equal", due: { after: [...after, "next day 5/20"] } });
    const schedule = preview(
      { stages: [stage(["30d"]), stage(["1m"]), stage(["1m", "30d"]), stage(["2m", "day 15", "30d"])] },
      { orderDate: "2011-10-01", paymentDueDate: "2011-10-01" },
    );
    expect(datesOf(schedule)).toEqual(["2011-11-05", "2011-11-05", "2011-12-05", "2012-01-20"]);
  });

  it("reads the days in any order and without repeats, and refuses a day outside 1–31", () => {
    expect(dueOn("2020-01-06", ["next day 10/5/10"])).toBe("2020-01-10");
    expect(() => preview({ stages: [{ share: "equal", due: { after: ["next day 32"] } }] })).toThrow(
      'stages[0].due.after[0]: "next day 32": a day of the month is from 1 to 31',
    );
  });
});

describe("payments spread evenly between a start and a deadline", () => {
  const spread = (count: number, until: unknown, from?: string) => ({
    stages: [{ share: "equal", count, due: { spread: { until, ...(from ? { from } : {}) } } }],
  });

  it.each([
    ["4 payments from the order date to a date", 4, "2027-04-15", ["2027-01-15", "2027-02-14", "2027-03-16", "2027-04-15"]],
    ["2 payments: the start and the deadline", 2, "2027-01-31", ["2027-01-15", "2027-01-31"]],
    ["1 payment: on the deadline", 1, "2027-03-01", ["2027-03-01"]],
    ["3 payments over 3 days: one a day", 3, "2027-01-17", ["2027-01-15", "2027-01-16", "2027-01-17"]],
    ["5 payments in a single day", 5, "2027-01-15", ["2027-01-15", "2027-01-15", "2027-01-15", "2027-01-15", "2027-01-15"]],
  ])("%s", (_, count, until, expected) => {
    expect(datesOf(preview(spread(count, until)))).toEqual(expected);
  });

  it("the deadline may be a named date of the order or steps after the start", () => {
    expect(datesOf(preview(spread(3, { field: "event" }), { dates: { event: "2027-03-15" } }))).toEqual(["2027-01-15", "2027-02-14", "2027-03-15"]);
    expect(datesOf(preview(spread(3, { after: ["2m", "end of month"] }, "paymentDueDate")))).toEqual(["2027-01-31", "2027-03-02", "2027-03-31"]);
  });

  it("refuses a deadline before the start, naming it", () => {
    expect(() => preview(spread(3, "2027-01-10"))).toThrow("stages[0].due: the deadline 2027-01-10 is before the start 2027-01-15 of the spread");
  });

  it("first on the start, last on the deadline, in order, each within half a day of its even share", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 24 }), fc.integer({ min: 0, max: 900 }), (count, span) => {
        const until = addDays(parseCalendarDate("2027-01-15", "test"), span);
        const dates = datesOf(preview(spread(count, until))) as string[];
        expect(dates).toHaveLength(count);
        expect(dates[dates.length - 1]).toBe(until);
        if (count > 1) expect(dates[0]).toBe("2027-01-15");
        dates.forEach((date, index) => {
          if (index > 0) expect(date >= (dates[index - 1] as string)).toBe(true);
          if (count > 1) {
            const offset = daysBetween(parseCalendarDate("2027-01-15", "t"), parseCalendarDate(date, "t"));
            expect(Math.abs(offset * (count - 1) - index * span)).toBeLessThanOrEqual((count - 1) / 2);
          }
        });
      }),
    );
  });
});

describe("steps are read with clear errors", () => {
  it.each([
    [["fortnight"], 'stages[0].due.after[0]: "fortnight" is not a step like 30d, 2w, 1m, day 15, end of month or next day 5/20'],
    [["day 0"], 'stages[0].due.after[0]: "day 0": a day of the month is from 1 to 31'],
  ])("%j", (after, message) => {
    expect(() => preview({ stages: [{ share: "equal", due: { after } }] })).toThrow(PlanError);
    expect(() => preview({ stages: [{ share: "equal", due: { after } }] })).toThrow(message);
  });
});
