import { describe, expect, it } from "vitest";

import { dueReminder } from "../../../app/domain/contract/reminders";
import type { CalendarDate } from "../../../app/domain/dates/calendar-date";

const day = (text: string) => text as CalendarDate;
const cadence = { remindBeforeDays: [3], remindAfterDays: [1, 7] };
const invoiced = { status: "invoiced" as const, dueDate: day("2027-01-10"), linkEmailedOn: day("2027-01-01") };

describe("dueReminder", () => {
  it.each([
    ["2027-01-06", null],
    ["2027-01-07", ["before:3"]],
    ["2027-01-09", ["before:3"]],
    ["2027-01-10", null],
    ["2027-01-11", ["after:1"]],
    ["2027-01-17", ["after:1", "after:7"]],
  ])("on %s an invoiced stage due 2027-01-10 is owed %j", (today, offsets) => {
    expect(dueReminder(invoiced, day(today), cadence, new Set())?.offsets ?? null).toEqual(offsets);
  });

  it("sends nothing already sent, and one email for what is left", () => {
    expect(dueReminder(invoiced, day("2027-01-17"), cadence, new Set(["before:3", "after:1"]))).toEqual({ offsets: ["after:7"] });
    expect(dueReminder(invoiced, day("2027-01-17"), cadence, new Set(["after:1", "after:7"]))).toBeNull();
  });

  it.each(["scheduled", "paid", "failed", "cancelled"] as const)("reminds no %s stage", (status) => {
    expect(dueReminder({ ...invoiced, status }, day("2027-01-17"), cadence, new Set())).toBeNull();
  });

  it("reminds no stage without a due date yet", () => {
    expect(dueReminder({ ...invoiced, dueDate: null }, day("2027-01-17"), cadence, new Set())).toBeNull();
  });

  it("waits a day when the link itself went out today (late), then sends what came", () => {
    const late = { ...invoiced, linkEmailedOn: day("2027-01-17") };
    expect(dueReminder(late, day("2027-01-17"), cadence, new Set())).toBeNull();
    expect(dueReminder(late, day("2027-01-18"), cadence, new Set())).toEqual({ offsets: ["after:1", "after:7"] });
  });
});
