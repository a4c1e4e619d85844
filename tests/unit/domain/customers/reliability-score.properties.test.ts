import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { addDays, type CalendarDate } from "../../../../app/domain/dates/calendar-date";
import type { DatedStage } from "../../../../app/domain/customers/payment-history";
import { bandOf, reliabilityScore, type ReliabilityScore } from "../../../../app/domain/customers/reliability-score";

const TODAY = "2027-06-15" as CalendarDate;
const day = (offset: number) => addDays(TODAY, offset);

/** A stage due between two years ago and three months ahead, paid (never after today) or not. */
const datedStage = fc
  .record({
    currency: fc.constantFrom("USD", "EUR", "JPY"),
    amountMinor: fc.bigInt({ min: 1n, max: 10_000_000n }),
    dueOffset: fc.integer({ min: -730, max: 90 }),
    paidAfterDue: fc.option(fc.integer({ min: -60, max: 200 }), { nil: null }),
  })
  .map(({ currency, amountMinor, dueOffset, paidAfterDue }): DatedStage => {
    const paidOffset = paidAfterDue === null ? null : Math.min(0, dueOffset + paidAfterDue);
    return {
      currency,
      amountMinor,
      paidMinor: paidOffset === null ? 0n : amountMinor,
      dueDate: day(dueOffset),
      paidOn: paidOffset === null ? null : day(paidOffset),
    };
  });

const history = fc.array(datedStage, { minLength: 0, maxLength: 12 });

const scoreOf = (result: ReliabilityScore) => (result.kind === "scored" ? result.score : null);
const latenessOf = (result: ReliabilityScore) => (result.kind === "scored" ? result.parts.weightedLateness : null);

describe("the reliability score's invariants", () => {
  it("is a whole number from 0 to 100 in the band it names", () => {
    fc.assert(
      fc.property(history, (stages) => {
        const result = reliabilityScore(stages, TODAY);
        if (result.kind === "noHistory") return;
        expect(Number.isInteger(result.score)).toBe(true);
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(100);
        expect(result.band).toBe(bandOf(result.score));
        expect(result.parts.onTime + result.parts.late + result.parts.overdue).toBe(result.parts.counted);
      }),
    );
  });

  it("never rises when a stage is paid later, or not yet at all", () => {
    fc.assert(
      fc.property(history, fc.nat(), fc.integer({ min: 1, max: 400 }), fc.boolean(), (stages, pick, delay, unpaid) => {
        const paid = stages.flatMap((stage, index) => (stage.paidOn === null ? [] : [index]));
        fc.pre(paid.length > 0);
        const index = paid[pick % paid.length] ?? 0;
        const original = stages[index] as DatedStage & { paidOn: CalendarDate };
        const laterDay = addDays(original.paidOn, delay);
        const later: DatedStage = unpaid || laterDay > TODAY ? { ...original, paidOn: null, paidMinor: 0n } : { ...original, paidOn: laterDay };
        const before = reliabilityScore(stages, TODAY);
        const after = reliabilityScore(
          stages.map((stage, at) => (at === index ? later : stage)),
          TODAY,
        );
        if (after.kind === "noHistory") return;
        expect(scoreOf(after)).toBeLessThanOrEqual(scoreOf(before) ?? 100);
        expect(latenessOf(after)).toBeGreaterThanOrEqual((latenessOf(before) ?? 0) - 1e-12);
      }),
    );
  });

  it("never scores an unpaid overdue stage better than the same stage paid late", () => {
    fc.assert(
      fc.property(history, fc.integer({ min: 2, max: 700 }), fc.integer({ min: 1, max: 700 }), datedStage, (others, age, daysLate, template) => {
        fc.pre(daysLate <= age);
        const due = day(-age);
        const paidLate: DatedStage = { ...template, dueDate: due, paidOn: addDays(due, daysLate), paidMinor: template.amountMinor };
        const unpaid: DatedStage = { ...template, dueDate: due, paidOn: null, paidMinor: 0n };
        const late = reliabilityScore([...others, paidLate], TODAY);
        const overdue = reliabilityScore([...others, unpaid], TODAY);
        expect(scoreOf(overdue)).toBeLessThanOrEqual(scoreOf(late) ?? 100);
        expect(latenessOf(overdue)).toBeGreaterThanOrEqual((latenessOf(late) ?? 0) - 1e-12);
      }),
    );
  });

  it("lowers the score more for recent lateness than for the same lateness long ago", () => {
    const onTimeStage = fc
      .record({ amountMinor: fc.bigInt({ min: 1n, max: 1_000_000n }), dueOffset: fc.integer({ min: -730, max: 0 }) })
      .map(({ amountMinor, dueOffset }): DatedStage => ({
        currency: "USD",
        amountMinor,
        paidMinor: amountMinor,
        dueDate: day(dueOffset),
        paidOn: day(dueOffset),
      }));
    fc.assert(
      fc.property(
        fc.array(onTimeStage, { minLength: 1, maxLength: 8 }),
        fc.bigInt({ min: 1n, max: 1_000_000n }),
        fc.integer({ min: 1, max: 90 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 1, max: 400 }),
        fc.boolean(),
        (onTime, amountMinor, daysLate, recentAge, olderBy, unpaid) => {
          const lateStage = (age: number): DatedStage => {
            const due = day(-(age + daysLate));
            return unpaid
              ? { currency: "USD", amountMinor, paidMinor: 0n, dueDate: due, paidOn: null }
              : { currency: "USD", amountMinor, paidMinor: amountMinor, dueDate: due, paidOn: addDays(due, daysLate) };
          };
          // Unpaid, the days overdue grow with age: the same lateness means the same days behind, so paid only.
          fc.pre(!unpaid);
          const recent = reliabilityScore([...onTime, lateStage(recentAge)], TODAY);
          const older = reliabilityScore([...onTime, lateStage(recentAge + olderBy)], TODAY);
          expect(scoreOf(recent)).toBeLessThanOrEqual(scoreOf(older) ?? 100);
          expect(latenessOf(recent)).toBeGreaterThan(latenessOf(older) ?? 1);
        },
      ),
    );
  });
});
