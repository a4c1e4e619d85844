import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { datesFromEvent } from "../../../../app/domain/contract/triggered-dates";
import { applyNegotiatedTerms } from "../../../../app/domain/customers/customer-terms";
import {
  addDays,
  addMonths,
  calendarDateOfDayNumber,
  dayNumber,
  dayOfMonth,
  daysInMonthOf,
  type CalendarDate,
} from "../../../../app/domain/dates/calendar-date";
import { compilePlanConfig } from "../../../../app/domain/plan/plan-config";
import { buildSchedule } from "../../../../app/domain/schedule/build-schedule";
import { orderSnapshotFromInput } from "../../../../app/domain/schedule/order-input";
import { sampleOrder } from "../sample-order";

const ORDER_DATE = "2027-01-15" as CalendarDate;
const order = orderSnapshotFromInput(sampleOrder());
/** What the form and the domain accept: one to four distinct days of the month, ascending. */
const paymentDays = fc.uniqueArray(fc.integer({ min: 1, max: 31 }), { minLength: 1, maxLength: 4 }).map((days) => [...days].sort((a, b) => a - b));
const planDate = fc.integer({ min: 0, max: 3 * 366 }).map((offset) => addDays(ORDER_DATE, offset));
const netDays = fc.integer({ min: 0, max: 120 });

const onDate = (date: CalendarDate, net: number) =>
  compilePlanConfig({
    stages: [
      { kind: "deposit", share: { percent: "25" }, due: "checkout" },
      { kind: "balance", share: "remainder", due: { on: date }, netDays: net },
    ],
  });

const isPaymentDay = (date: CalendarDate, days: readonly number[]) => days.map((day) => Math.min(day, daysInMonthOf(date))).includes(dayOfMonth(date));

describe("a customer's payment days (properties)", () => {
  it("the due date is the first payment day on or after the plan's date plus net days, less than a month later; the issue date stays", () => {
    fc.assert(
      fc.property(planDate, netDays, paymentDays, (date, net, days) => {
        const plain = buildSchedule(onDate(date, net), order).installments[1];
        const moved = buildSchedule(applyNegotiatedTerms(onDate(date, net), { depositPercent: null, netDays: null, paymentDays: days }), order).installments[1];
        const planDue = plain?.dueDate as CalendarDate;
        const due = moved?.dueDate as CalendarDate;
        expect(moved?.issueDate).toBe(plain?.issueDate);
        expect(due >= planDue).toBe(true);
        expect(isPaymentDay(due, days)).toBe(true);
        expect(due <= addMonths(planDue, 1)).toBe(true);
        for (let day = dayNumber(planDue); day < dayNumber(due); day++) expect(isPaymentDay(calendarDateOfDayNumber(day), days)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it("a stage that waits for an event is dated from its frozen steps as the schedule built after the event dates it", () => {
    const plan = compilePlanConfig({
      stages: [
        { kind: "deposit", share: { percent: "20" }, due: "checkout" },
        { kind: "milestone", share: { percent: "30" }, due: { milestone: "Design approved" }, netDays: 14 },
        { kind: "balance", share: "remainder", due: { event: "orderFulfilled" } },
      ],
    });
    const eventDate = fc.integer({ min: 1, max: 2 * 366 }).map((offset) => addDays(ORDER_DATE, offset));
    fc.assert(
      fc.property(eventDate, eventDate, paymentDays, (design, fulfilled, days) => {
        const terms = applyNegotiatedTerms(plan, { depositPercent: null, netDays: null, paymentDays: days });
        const pending = buildSchedule(terms, order).installments;
        const events = { milestones: { "Design approved": design }, orderFulfilled: fulfilled };
        const dated = buildSchedule(terms, orderSnapshotFromInput(sampleOrder({ events }))).installments;
        [design, fulfilled].forEach((event, index) => {
          const waiting = pending[index + 1];
          const expected = dated[index + 1];
          expect(datesFromEvent(event, waiting?.trigger?.steps ?? [], waiting?.netDays ?? 0)).toEqual({
            issueDate: expected?.issueDate,
            dueDate: expected?.dueDate,
          });
          // Invoiced on the event plus the plan's steps: the payment days move only when it is payable.
          expect(expected?.issueDate).toBe(event);
        });
      }),
      { numRuns: 200 },
    );
  });
});
