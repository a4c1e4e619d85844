import { describe, expect, it } from "vitest";
import { datesOf, preview } from "./sample-order";

const stage = (due: unknown, extra: Record<string, unknown> = {}) => ({ share: "equal", due, ...extra });
const plan = (...stages: unknown[]) => ({ stages });

// The order: 1200.00 EUR, ordered 2027-01-15, payment due 2027-01-31 (see sample-order.ts).
describe("due rules", () => {
  it.each([
    ["at checkout: the order date", "checkout", "2027-01-15"],
    ["days after the order date", { after: "10d" }, "2027-01-25"],
    ["weeks after the payment due date", { after: "2w", from: "paymentDueDate" }, "2027-02-14"],
    ["months after the order date", { after: "1m", from: "orderDate" }, "2027-02-15"],
    ["months then days after the order date", { after: ["1m", "5d"] }, "2027-02-20"],
    ["a fixed calendar date", { on: "2027-03-15" }, "2027-03-15"],
    ["a named date of the order plus days", { field: "delivery", after: "7d" }, "2027-02-27"],
    ["day 15, not yet passed this month (the order is on the 15th)", { dayOfMonth: 15 }, "2027-01-15"],
    ["day 10, passed this month: next month", { dayOfMonth: 10 }, "2027-02-10"],
    ["day 5 of the month after the payment due date", { dayOfMonth: 5, from: "paymentDueDate" }, "2027-02-05"],
  ])("%s", (_, due, expected) => {
    expect(datesOf(preview(plan(stage(due)), { dates: { delivery: "2027-02-20" } }))).toEqual([expected]);
  });

  it("day 31 in February clamps to the 28th rather than passing", () => {
    expect(datesOf(preview(plan(stage({ dayOfMonth: 31 })), { orderDate: "2027-02-10", paymentDueDate: "2027-02-10" }))).toEqual(["2027-02-28"]);
  });

  it("offsets from the previous stage chain back to the first anchor (no month-end drift)", () => {
    const schedule = preview(plan(stage({ on: "2027-01-31" }), stage({ after: "1m", from: "previousStage" }, { count: 3 })));
    expect(datesOf(schedule)).toEqual(["2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30"]);
  });

  it("recurrence on the same day as the first, from a first installment on day 31", () => {
    const schedule = preview(plan(stage({ dayOfMonth: 31 }), stage({ every: "1m" }, { count: 3 })));
    expect(datesOf(schedule)).toEqual(["2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30"]);
  });

  it("recurrence on day D", () => {
    const schedule = preview(plan(stage("checkout"), stage({ every: "1m", onDay: 1 }, { count: 2 })));
    expect(datesOf(schedule)).toEqual(["2027-01-15", "2027-02-01", "2027-03-01"]);
  });

  it("recurrence every two weeks and every quarter", () => {
    expect(datesOf(preview(plan(stage("checkout"), stage({ every: "2w" }, { count: 2 }))))).toEqual(["2027-01-15", "2027-01-29", "2027-02-12"]);
    expect(datesOf(preview(plan(stage({ on: "2027-01-31" }), stage({ every: "3m" }, { count: 2 }))))).toEqual(["2027-01-31", "2027-04-30", "2027-07-31"]);
  });

  it("the 1st on the 15th, the 3rd and 4th on fixed dates, monthly after", () => {
    const config = plan(
      stage({ dayOfMonth: 15 }),
      stage({ every: "1m" }),
      stage({ on: "2027-05-01" }),
      stage({ on: "2027-06-01" }),
      stage({ every: "1m" }, { count: 2 }),
    );
    expect(datesOf(preview(config, { orderDate: "2027-01-20" }))).toEqual(["2027-02-15", "2027-03-15", "2027-05-01", "2027-06-01", "2027-07-01", "2027-08-01"]);
  });

  it("fixed dates for installments 2, 3 and 4, recurrence from the first for the rest", () => {
    const config = plan(
      stage({ dayOfMonth: 15 }),
      stage({ on: "2027-03-01" }),
      stage({ on: "2027-04-10" }),
      stage({ on: "2027-05-20" }),
      stage({ every: "1m", anchor: 1 }, { count: 2 }),
    );
    expect(datesOf(preview(config, { orderDate: "2027-01-20" }))).toEqual(["2027-02-15", "2027-03-01", "2027-04-10", "2027-05-20", "2027-06-15", "2027-07-15"]);
  });

  it("net terms move the due date after the invoice date", () => {
    expect(datesOf(preview(plan(stage("checkout", { netDays: 14 }))))).toEqual(["2027-01-29"]);
  });
});

describe("event triggers", () => {
  const config = plan(
    { kind: "deposit", share: { percent: "30" }, due: "checkout" },
    { kind: "preShipping", share: { percent: "50" }, due: { milestone: "Ready to ship" } },
    { kind: "balance", share: "remainder", due: { event: "orderFulfilled" }, netDays: 30 },
    { kind: "installment", share: { fixed: "10.00" }, due: { after: "1m", from: "previousStage" } },
    { kind: "installment", share: { fixed: "10.00" }, due: { event: "fulfillmentCreated" }, netDays: 7 },
  );

  it("a stage waiting for an event has no date yet and says what it waits for", () => {
    const schedule = preview(config);
    expect(datesOf(schedule)).toEqual(["2027-01-15", null, null, null, null]);
    expect(schedule.installments.map((i) => i.trigger)).toEqual([
      undefined,
      { event: "milestone", milestone: "Ready to ship" },
      { event: "orderFulfilled", after: ["30d"] },
      { event: "orderFulfilled", after: ["30d", "1m"] },
      { event: "fulfillmentCreated", after: ["7d"] },
    ]);
  });

  it("once the events happened, the dates follow from them with their net days", () => {
    const schedule = preview(config, {
      events: { milestones: { "Ready to ship": "2027-03-01" }, fulfillmentCreated: "2027-03-05", orderFulfilled: "2027-03-10" },
    });
    expect(datesOf(schedule)).toEqual(["2027-01-15", "2027-03-01", "2027-04-09", "2027-05-09", "2027-03-12"]);
    expect(schedule.installments.every((i) => i.trigger === undefined)).toBe(true);
  });
});

describe("due-rule errors", () => {
  it.each([
    [plan(stage({ on: "2027-01-01" })), "stages[0].due: installment 1 would fall on 2027-01-01, before the order date 2027-01-15"],
    [plan(stage({ on: "2027-02-30" })), 'stages[0].due.on: "2027-02-30" is not a real calendar date'],
    [plan(stage({ after: "1m", from: "previousStage" })), "stages[0].due: the first stage has no previous stage to count from"],
    [plan(stage({ every: "1m" })), "stages[0].due: a recurrence needs an earlier stage to count from"],
    [plan(stage("checkout"), stage({ every: "1m", anchor: 2 })), "stages[1].due: a recurrence counts from an earlier stage; stage 2 cannot count from stage 2"],
    [plan(stage("checkout"), stage({ every: "2w", onDay: 3 })), "stages[1].due: a day of the month only applies to a monthly recurrence"],
    [plan(stage({ dayOfMonth: 32 })), "stages[0].due.dayOfMonth: Number must be less than or equal to 31"],
    [plan(stage({ field: "nope" })), 'stages[0].due: the order has no date "nope"'],
    [plan(stage({ when: "later" })), 'stages[0].due: must be "checkout" or an object with one of: after, on, field, dayOfMonth, every, milestone, event'],
    [plan(stage({ after: "1m", extra: 1 })), 'stages[0].due: unknown key "extra"'],
    [plan(stage("checkout", { netDays: -1 })), "stages[0].netDays: Number must be greater than or equal to 0"],
  ])("%j → %s", (config, message) => {
    expect(() => preview(config)).toThrow(message);
  });
});
