import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { datesFromEvent } from "../../../app/domain/contract/triggered-dates";
import { calendarDateOfDayNumber, dayNumber } from "../../../app/domain/dates/calendar-date";
import { isoWeekdayOf } from "../../../app/domain/dates/civil-days";
import { isWorkingDay, toWorkingDay, validateWorkingCalendar, type WorkingCalendar } from "../../../app/domain/dates/working-calendar";
import { PlanError } from "../../../app/domain/plan-error";
import { compilePlanConfig } from "../../../app/domain/plan/plan-config";
import { buildSchedule } from "../../../app/domain/schedule/build-schedule";
import { orderSnapshotFromInput } from "../../../app/domain/schedule/order-input";
import { day } from "./contract-fixture";
import { datesOf, preview, sampleOrder } from "./sample-order";

const WEEKEND = [6, 7];
const calendar = (move: WorkingCalendar["move"], closedWeekdays: number[] = WEEKEND, holidays: string[] = []): WorkingCalendar => ({
  closedWeekdays,
  holidays: holidays.map(day),
  move,
});

describe("toWorkingDay", () => {
  it.each<[string, WorkingCalendar, string, string, string]>([
    // OCA account_payment_term_extension test_postpone_holiday: ordered 2015-03-02, due 2 weeks later on a holiday.
    ["OCA: 2015-03-16 is a holiday, so the next day", calendar("nextWorkingDay", [], ["2015-03-16"]), "2015-03-16", "2015-03-02", "2015-03-17"],
    ["a Saturday moves to Monday", calendar("nextWorkingDay"), "2027-03-06", "2027-03-01", "2027-03-08"],
    ["a Sunday moves to Monday", calendar("nextWorkingDay"), "2027-03-07", "2027-03-01", "2027-03-08"],
    ["a Saturday moves back to Friday", calendar("previousWorkingDay"), "2027-03-06", "2027-03-01", "2027-03-05"],
    ["a Sunday moves back to Friday", calendar("previousWorkingDay"), "2027-03-07", "2027-03-01", "2027-03-05"],
    ["a Saturday before a Monday holiday moves to Tuesday", calendar("nextWorkingDay", WEEKEND, ["2027-03-08"]), "2027-03-06", "2027-03-01", "2027-03-09"],
    ["a Monday holiday after the weekend moves to Tuesday", calendar("nextWorkingDay", WEEKEND, ["2027-03-08"]), "2027-03-08", "2027-03-01", "2027-03-09"],
    [
      "a Sunday moves back past a Friday holiday to Thursday",
      calendar("previousWorkingDay", WEEKEND, ["2027-03-05"]),
      "2027-03-07",
      "2027-03-01",
      "2027-03-04",
    ],
    ["a working day stays", calendar("previousWorkingDay", WEEKEND, ["2027-03-05"]), "2027-03-03", "2027-03-01", "2027-03-03"],
    [
      "moving back never goes before the order date: ordered Saturday, due Sunday, so Monday",
      calendar("previousWorkingDay"),
      "2027-03-07",
      "2027-03-06",
      "2027-03-08",
    ],
    ["moving back may land on the order date itself", calendar("previousWorkingDay"), "2027-03-07", "2027-03-05", "2027-03-05"],
  ])("%s", (_, workingCalendar, due, notBefore, expected) => {
    expect(toWorkingDay(day(due), workingCalendar, day(notBefore))).toBe(expected);
  });

  it("refuses a calendar with every weekday closed, naming the key", () => {
    const closed = calendar("nextWorkingDay", [1, 2, 3, 4, 5, 6, 7]);
    expect(() => validateWorkingCalendar(closed)).toThrow(new PlanError("calendar.closedWeekdays", "at least one weekday must be a working day"));
    expect(() => toWorkingDay(day("2027-03-06"), closed, day("2027-03-01"))).toThrow(PlanError);
    const input = sampleOrder({ calendar: { closedWeekdays: [1, 2, 3, 4, 5, 6, 7], holidays: [], move: "nextWorkingDay" } });
    expect(() => orderSnapshotFromInput(input)).toThrow(/at least one weekday must be a working day/);
  });

  it.each([
    [[0], "0 is not an ISO weekday"],
    [[8], "8 is not an ISO weekday"],
    [[6.5], "6.5 is not an ISO weekday"],
  ])("refuses the weekday %j", (closedWeekdays, message) => {
    expect(() => validateWorkingCalendar(calendar("nextWorkingDay", closedWeekdays))).toThrow(message);
  });

  it("refuses a holiday that is not a date, naming it", () => {
    const input = sampleOrder({ calendar: { closedWeekdays: WEEKEND, holidays: ["2027-02-30"], move: "nextWorkingDay" } });
    expect(() => orderSnapshotFromInput(input)).toThrow(new PlanError("calendar.holidays[0]", '"2027-02-30" is not a real calendar date'));
  });
});

describe("buildSchedule with the shop's calendar", () => {
  // Paid from the payment due date 2027-01-31 (a Sunday), then 2027-02-28 (a Sunday) and 2027-03-31 (a Wednesday).
  const monthly = { period: "1m(3)" };

  it.each<[string, WorkingCalendar | undefined, string[]]>([
    ["no calendar: the plan's dates", undefined, ["2027-01-31", "2027-02-28", "2027-03-31"]],
    ["next working day: Mondays", calendar("nextWorkingDay"), ["2027-02-01", "2027-03-01", "2027-03-31"]],
    ["previous working day: Fridays", calendar("previousWorkingDay"), ["2027-01-29", "2027-02-26", "2027-03-31"]],
  ])("%s", (_, workingCalendar, expected) => {
    expect(datesOf(preview(monthly, workingCalendar ? { calendar: workingCalendar } : {}))).toEqual(expected);
  });

  it("never moves a stage due on the order date: ordered on a Saturday, the deposit is still paid at checkout", () => {
    const order = { orderDate: "2027-03-06", paymentDueDate: "2027-03-06" };
    for (const move of ["nextWorkingDay", "previousWorkingDay"] as const) {
      expect(datesOf(preview({ preset: "deposit-30-50-20-net30" }, { ...order, calendar: calendar(move) }))[0]).toBe("2027-03-06");
    }
  });

  it("moves the issue date with a due date moved back before it (net days)", () => {
    // Issued 2027-02-13 (a Saturday), due on net 1 the Sunday after: both move back to Friday.
    const plan = compilePlanConfig({ stages: [{ share: "remainder", due: { on: "2027-02-13" }, netDays: 1 }] });
    const schedule = buildSchedule(plan, orderSnapshotFromInput(sampleOrder({ calendar: calendar("previousWorkingDay") })));
    expect(schedule.installments.map((installment) => [installment.issueDate, installment.dueDate])).toEqual([["2027-02-12", "2027-02-12"]]);
  });
});

describe("a stage dated later by its event", () => {
  it("lands on a working day with the calendar frozen at attach", () => {
    // Fulfilled 2027-03-10 on net 30: 2027-04-09, a Friday holiday, so the Monday after.
    const dates = datesFromEvent(day("2027-03-10"), [{ count: 30, unit: "day" }], 30, calendar("nextWorkingDay", WEEKEND, ["2027-04-09"]));
    expect(dates).toEqual({ issueDate: "2027-03-10", dueDate: "2027-04-12" });
  });
});

const FIRST_DAY = dayNumber(day("2000-01-01"));
const LAST_DAY = dayNumber(day("2099-12-31"));

/** A calendar of up to six closed weekdays and holidays within a few weeks of `around`. */
const calendarAround = (around: number) =>
  fc.record({
    closedWeekdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { maxLength: 6 }),
    holidays: fc.uniqueArray(
      fc.integer({ min: around - 30, max: around + 30 }).map((offset) => calendarDateOfDayNumber(offset)),
      { maxLength: 20 },
    ),
    move: fc.constantFrom<WorkingCalendar["move"]>("nextWorkingDay", "previousWorkingDay"),
  });

const movedDate = fc
  .integer({ min: FIRST_DAY + 60, max: LAST_DAY - 60 })
  .chain((due) => fc.record({ due: fc.constant(due), notBeforeGap: fc.integer({ min: 0, max: 40 }), workingCalendar: calendarAround(due) }));

describe("toWorkingDay properties", () => {
  it("lands on a working day, never before notBefore; moving forward, at most a week plus the holidays later", () => {
    fc.assert(
      fc.property(movedDate, ({ due, notBeforeGap, workingCalendar }) => {
        const dueDate = calendarDateOfDayNumber(due);
        const notBefore = calendarDateOfDayNumber(due - notBeforeGap);
        const moved = toWorkingDay(dueDate, workingCalendar, notBefore);
        expect(isWorkingDay(moved, workingCalendar)).toBe(true);
        expect(workingCalendar.closedWeekdays).not.toContain(isoWeekdayOf(dayNumber(moved)));
        expect(workingCalendar.holidays).not.toContain(moved);
        expect(dayNumber(moved)).toBeGreaterThanOrEqual(dayNumber(notBefore));
        if (workingCalendar.move === "nextWorkingDay") {
          expect(dayNumber(moved)).toBeGreaterThanOrEqual(due);
          expect(dayNumber(moved)).toBeLessThanOrEqual(due + 7 + workingCalendar.holidays.length);
        }
        if (isWorkingDay(dueDate, workingCalendar)) expect(moved).toBe(dueDate);
      }),
    );
  });

  it("moving back, no working day lies between the moved date and the due date", () => {
    fc.assert(
      fc.property(movedDate, ({ due, notBeforeGap, workingCalendar }) => {
        const back: WorkingCalendar = { ...workingCalendar, move: "previousWorkingDay" };
        const moved = dayNumber(toWorkingDay(calendarDateOfDayNumber(due), back, calendarDateOfDayNumber(due - notBeforeGap)));
        const [from, to] = moved <= due ? [moved + 1, due] : [due - notBeforeGap, due];
        for (let between = from; between < to; between++) expect(isWorkingDay(calendarDateOfDayNumber(between), back)).toBe(false);
      }),
    );
  });
});
