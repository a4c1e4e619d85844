import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { CHARGE_NOTICE_DAYS, chargeDue, linkDue, nextTimedAction, pastDue, type TimedStage } from "../../../app/domain/contract/stage-due";
import { addDays, calendarDateAt, startOfDayIn, type CalendarDate } from "../../../app/domain/dates/calendar-date";

const date = (text: string) => text as CalendarDate;
const stage = (changes: Partial<TimedStage> = {}): TimedStage => ({
  status: "scheduled",
  issueDate: null,
  dueDate: date("2027-03-31"),
  nextAttemptAt: null,
  ...changes,
});

describe("when a stage is due", () => {
  it("sends its link from its issue date (or due date) and charges its card on the due date, in the shop's day", () => {
    const netTerms = stage({ issueDate: date("2027-03-01") });
    expect(linkDue(netTerms, { now: new Date(), today: date("2027-02-28") })).toBe(false);
    expect(linkDue(netTerms, { now: new Date(), today: date("2027-03-01") })).toBe(true);
    expect(chargeDue(netTerms, { now: new Date(), today: date("2027-03-30") })).toBe(false);
    expect(chargeDue(netTerms, { now: new Date(), today: date("2027-03-31") })).toBe(true);
    expect(pastDue(netTerms, { now: new Date(), today: date("2027-03-31") })).toBe(false);
    expect(pastDue(netTerms, { now: new Date(), today: date("2027-04-01") })).toBe(true);
  });

  it("charges a declined card again at its retry time, not its due date", () => {
    const failed = stage({ status: "failed", nextAttemptAt: new Date("2027-04-02T09:00:00Z") });
    expect(chargeDue(failed, { now: new Date("2027-04-02T08:59:59Z"), today: date("2027-04-02") })).toBe(false);
    expect(chargeDue(failed, { now: new Date("2027-04-02T09:00:00Z"), today: date("2027-04-02") })).toBe(true);
  });
});

describe("nextTimedAction: when the due sweep looks at a stage again", () => {
  const berlin = "Europe/Berlin";
  it.each([
    [
      "before its issue day: the issue day's start in the shop's zone",
      stage({ issueDate: date("2027-03-01") }),
      "2027-02-10T12:00:00Z",
      "2027-02-28T23:00:00.000Z",
    ],
    [
      "after the issue day: a scheduled stage's charge-notice day, three days before its due day",
      stage({ issueDate: date("2027-03-01") }),
      "2027-03-05T12:00:00Z",
      "2027-03-27T23:00:00.000Z",
    ],
    ["after the notice day: the due day's start", stage({ issueDate: date("2027-03-01") }), "2027-03-29T12:00:00Z", "2027-03-30T22:00:00.000Z"],
    ["on the due day: the next day's start, when it becomes overdue", stage({ status: "invoiced" }), "2027-03-31T10:00:00Z", "2027-03-31T22:00:00.000Z"],
    [
      "an invoiced stage with an early-payment offer: the start of the day after the offer's last day",
      stage({ status: "invoiced", issueDate: date("2027-03-01"), earlyPaymentUntil: date("2027-03-11") }),
      "2027-03-05T12:00:00Z",
      "2027-03-11T23:00:00.000Z",
    ],
    [
      "a declined charge: its retry time when that comes first",
      stage({ status: "failed", nextAttemptAt: new Date("2027-03-20T08:00:00Z") }),
      "2027-03-19T08:00:00Z",
      "2027-03-20T08:00:00.000Z",
    ],
  ])("%s", (_name, timed, now, expected) => {
    expect(nextTimedAction(timed, berlin, new Date(now))?.toISOString()).toBe(expected);
  });

  it.each([
    ["a paid stage", stage({ status: "paid" })],
    ["a cancelled stage", stage({ status: "cancelled" })],
    ["a stage waiting for an event (no dates)", stage({ dueDate: null })],
    ["a stage whose every date has come", stage({ status: "overdue", dueDate: date("2027-01-31") })],
  ])("none for %s", (_name, timed) => {
    expect(nextTimedAction(timed, berlin, new Date("2027-03-10T12:00:00Z"))).toBeNull();
  });

  it("is always after now, and is the start of one of the stage's days or its retry time", () => {
    const zones = fc.constantFrom("UTC", "Europe/Berlin", "Pacific/Auckland", "America/Los_Angeles");
    const day = fc.integer({ min: 0, max: 400 }).map((offset) => addDays(date("2027-01-01"), offset));
    fc.assert(
      fc.property(
        zones,
        day,
        fc.option(day),
        fc.integer({ min: 0, max: 500 * 24 }),
        fc.constantFrom("scheduled", "invoiced", "overdue", "failed" as const),
        (zone, due, issue, hours, status) => {
          const now = new Date(Date.UTC(2027, 0, 1) + hours * 3_600_000);
          const retry = status === "failed" ? new Date(now.getTime() + 3_600_000) : null;
          const timed = stage({ status, dueDate: due, issueDate: issue, nextAttemptAt: retry });
          const next = nextTimedAction(timed, zone, now);
          const notice = status === "scheduled" ? [addDays(due, -CHARGE_NOTICE_DAYS)] : [];
          const candidates = [issue ?? due, ...notice, due, addDays(due, 1)].map((candidate) => startOfDayIn(candidate, zone).getTime());
          if (retry) candidates.push(retry.getTime());
          const ahead = candidates.filter((instant) => instant > now.getTime());
          expect(next?.getTime() ?? null).toBe(ahead.length ? Math.min(...ahead) : null);
          if (next) expect(calendarDateAt(next, zone) >= calendarDateAt(now, zone)).toBe(true);
        },
      ),
    );
  });
});
