import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, type CalendarDate } from "../../../../app/domain/dates/calendar-date";
import { DAYS_PER_MONTH, lateFeeAppliesFrom, lateFeeAsOf, type DueStage, type LateFee } from "../../../../app/domain/payment-rules/late-fee";

const DUE = "2027-01-31" as CalendarDate;

/** A monthly rate above 0 with up to 6 decimals, at most 20%. */
const percent = fc.integer({ min: 1, max: 20_000_000 }).map((micro) => (micro / 1_000_000).toFixed(6));

/** A stage due on DUE, with 0-3 part payments between the due date and a year later. */
const stage = fc
  .record({
    amount: fc.bigInt({ min: 1n, max: 10n ** 12n }),
    payments: fc.array(fc.record({ day: fc.integer({ min: 0, max: 365 }), share: fc.integer({ min: 0, max: 50 }) }), { maxLength: 3 }),
  })
  .map(({ amount, payments }): DueStage => ({
    dueDate: DUE,
    amount,
    payments: payments.map(({ day, share }) => ({ paidOn: addDays(DUE, day), amount: (amount * BigInt(share)) / 100n })),
  }));

const rule: fc.Arbitrary<LateFee> = fc.oneof(
  fc.record({ kind: fc.constant("fixed" as const), fee: fc.bigInt({ min: 1n, max: 10n ** 9n }), graceDays: fc.integer({ min: 0, max: 30 }) }),
  fc.record(
    {
      kind: fc.constant("interest" as const),
      percentPerMonth: percent,
      compound: fc.boolean(),
      graceDays: fc.integer({ min: 0, max: 30 }),
      max: fc.bigInt({ min: 1n, max: 10n ** 9n }),
    },
    { requiredKeys: ["kind", "percentPerMonth", "compound", "graceDays"] },
  ),
);

const daysAfterDue = fc.integer({ min: 0, max: 500 });

describe("the late fee's invariants", () => {
  it("is never negative, never above the cap, never above the stage's amount", () => {
    fc.assert(
      fc.property(rule, stage, daysAfterDue, (lateFee, due, days) => {
        const fee = lateFeeAsOf(lateFee, due, addDays(DUE, days));
        expect(fee >= 0n).toBe(true);
        expect(fee <= due.amount).toBe(true);
        if (lateFee.kind === "fixed") expect(fee <= lateFee.fee).toBe(true);
        if (lateFee.kind === "interest" && lateFee.max !== undefined) expect(fee <= lateFee.max).toBe(true);
      }),
    );
  });

  it("is nothing before the day it applies, and never falls as days pass", () => {
    fc.assert(
      fc.property(rule, stage, daysAfterDue, (lateFee, due, days) => {
        const asOf = addDays(DUE, days);
        const fee = lateFeeAsOf(lateFee, due, asOf);
        if (asOf < lateFeeAppliesFrom(lateFee, DUE)) expect(fee).toBe(0n);
        expect(lateFeeAsOf(lateFee, due, addDays(asOf, 1)) >= fee).toBe(true);
      }),
    );
  });

  it("without compounding is linear in months: k months of interest are k times one month's", () => {
    fc.assert(
      fc.property(
        // A whole number of ten-thousandths of the rate's base keeps a month's interest a whole minor unit.
        fc.bigInt({ min: 1n, max: 10n ** 8n }).map((units) => units * 10_000n),
        fc.integer({ min: 1, max: 1_000 }).map((hundredths) => (hundredths / 100).toFixed(2)),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 30 }),
        (amount, percentPerMonth, months, graceDays) => {
          const simple: LateFee = { kind: "interest", percentPerMonth, compound: false, graceDays };
          const due: DueStage = { dueDate: DUE, amount, payments: [] };
          const monthEnd = (count: number) => addDays(lateFeeAppliesFrom(simple, DUE), count * DAYS_PER_MONTH - 1);
          expect(lateFeeAsOf(simple, due, monthEnd(months))).toBe(BigInt(months) * lateFeeAsOf(simple, due, monthEnd(1)));
        },
      ),
    );
  });

  it("compounding is never less than simple interest, and equal to it within the first month", () => {
    fc.assert(
      fc.property(percent, fc.integer({ min: 0, max: 30 }), stage, daysAfterDue, (percentPerMonth, graceDays, due, days) => {
        const simple: LateFee = { kind: "interest", percentPerMonth, compound: false, graceDays };
        const compound: LateFee = { ...simple, compound: true };
        const asOf = addDays(DUE, days);
        const simpleFee = lateFeeAsOf(simple, due, asOf);
        expect(lateFeeAsOf(compound, due, asOf) >= simpleFee).toBe(true);
        if (days <= graceDays + DAYS_PER_MONTH) expect(lateFeeAsOf(compound, due, asOf)).toBe(simpleFee);
      }),
    );
  });

  it("payments never raise it", () => {
    fc.assert(
      fc.property(rule, stage, daysAfterDue, (lateFee, due, days) => {
        const asOf = addDays(DUE, days);
        expect(lateFeeAsOf(lateFee, due, asOf) <= lateFeeAsOf(lateFee, { ...due, payments: [] }, asOf)).toBe(true);
      }),
    );
  });
});
