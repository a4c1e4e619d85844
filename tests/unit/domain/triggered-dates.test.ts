import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { datesFromEvent } from "../../../app/domain/contract/triggered-dates";
import { addDays, parseCalendarDate } from "../../../app/domain/dates/calendar-date";
import { compilePlanConfig } from "../../../app/domain/plan/plan-config";
import { buildSchedule } from "../../../app/domain/schedule/build-schedule";
import type { DateStep } from "../../../app/domain/schedule/due-dates";
import { orderSnapshotFromInput, type OrderInput } from "../../../app/domain/schedule/order-input";
import { day } from "./contract-fixture";
import { sampleOrder } from "./sample-order";

const days = (count: number): DateStep => ({ count, unit: "day" });
const months = (count: number): DateStep => ({ count, unit: "month" });

describe("datesFromEvent", () => {
  it.each<[string, string, DateStep[], number, string, string]>([
    ["no steps, no net days: due on the event", "2027-03-10", [], 0, "2027-03-10", "2027-03-10"],
    ["net 30: issued on the event, due 30 days later", "2027-03-10", [days(30)], 30, "2027-03-10", "2027-04-09"],
    ["a week after the event, no net days", "2027-03-10", [days(7)], 0, "2027-03-17", "2027-03-17"],
    ["a week after the event, then net 14", "2027-03-10", [days(7), days(14)], 14, "2027-03-17", "2027-03-31"],
    ["Jan 31 + 1 month is Feb 28", "2027-01-31", [months(1)], 0, "2027-02-28", "2027-02-28"],
    ["Jan 31 + 1 month is Feb 29 in a leap year", "2028-01-31", [months(1)], 0, "2028-02-29", "2028-02-29"],
    ["Jan 31 + 1 month, then net 30 from Feb 28", "2027-01-31", [months(1), days(30)], 30, "2027-02-28", "2027-03-30"],
    ["Jan 31 + 1 month + 1 month is Mar 31 (months apply from the event, no drift)", "2027-01-31", [months(1), months(1)], 0, "2027-03-31", "2027-03-31"],
    ["net 30 after fulfillment, then a month more (a stage chained to it)", "2027-03-10", [days(30), months(1)], 0, "2027-05-09", "2027-05-09"],
    ["a month, then day 31 (clamped to April 30), then net 10", "2027-03-10", [months(1), { onDay: 31 }, days(10)], 10, "2027-04-30", "2027-05-10"],
    [
      "net 14, then the customer's payment days 5/20: invoiced on the event",
      "2027-03-10",
      [days(14), { nextDays: [5, 20], dueOnly: true }],
      14,
      "2027-03-10",
      "2027-04-05",
    ],
    ["no net days, the customer's payment day 20: invoiced on the event", "2027-03-10", [{ nextDays: [20], dueOnly: true }], 0, "2027-03-10", "2027-03-20"],
    ["a plan's own next day 20 dates the invoice too", "2027-03-10", [{ nextDays: [20] }], 0, "2027-03-20", "2027-03-20"],
  ])("%s", (_, event, steps, netDays, issueDate, dueDate) => {
    expect(datesFromEvent(day(event), steps, netDays)).toEqual({ issueDate, dueDate });
  });
});

/**
 * The collection planner dates a waiting stage from the steps frozen in its schedule; the schedule builder
 * dates the same stage directly when the event is already known. Both must agree.
 */
describe("datesFromEvent agrees with the schedule built once the event is known", () => {
  const config = {
    stages: [
      { kind: "deposit", share: { percent: "20" }, due: "checkout" },
      { kind: "milestone", share: { percent: "20" }, due: { milestone: "Design approved" }, netDays: 14 },
      { kind: "installment", share: { percent: "20" }, due: { after: "1m", from: "previousStage" }, netDays: 10 },
      { kind: "preShipping", share: { percent: "20" }, due: { event: "fulfillmentCreated" } },
      { kind: "balance", share: "remainder", due: { event: "orderFulfilled" }, netDays: 30 },
      { kind: "retainer", share: { fixed: "10.00" }, due: { every: "1m", onDay: 31, anchor: 5 }, netDays: 5 },
    ],
  };
  const plan = compilePlanConfig(config);
  const eventsOf = (design: string, shipped: string, fulfilled: string): OrderInput["events"] => ({
    milestones: { "Design approved": design },
    fulfillmentCreated: shipped,
    orderFulfilled: fulfilled,
  });
  const eventDateOf = (trigger: { event: string; milestone?: string }, events: NonNullable<OrderInput["events"]>): string => {
    if (trigger.event === "milestone") return events.milestones?.[trigger.milestone ?? ""] ?? "";
    return (trigger.event === "fulfillmentCreated" ? events.fulfillmentCreated : events.orderFulfilled) ?? "";
  };

  const eventDate = fc.integer({ min: 0, max: 5 * 366 }).map((offset) => addDays(day("2027-01-16"), offset));

  it("for any event dates after the order", () => {
    const pending = buildSchedule(plan, orderSnapshotFromInput(sampleOrder()));
    expect(pending.installments.slice(1).every((i) => i.trigger !== undefined && i.dueDate === null)).toBe(true);
    fc.assert(
      fc.property(eventDate, eventDate, eventDate, (design, shipped, fulfilled) => {
        const events = eventsOf(design, shipped, fulfilled);
        const dated = buildSchedule(plan, orderSnapshotFromInput(sampleOrder({ events })));
        pending.installments.forEach((installment, index) => {
          if (!installment.trigger) return;
          const event = parseCalendarDate(eventDateOf(installment.trigger.trigger, events!), "event");
          const expected = dated.installments[index]!;
          expect(datesFromEvent(event, installment.trigger.steps, installment.netDays)).toEqual({
            issueDate: expected.issueDate,
            dueDate: expected.dueDate,
          });
        });
      }),
      { numRuns: 300 },
    );
  });
});
