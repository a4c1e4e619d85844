import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, addMonths, parseCalendarDate, type CalendarDate } from "../../../app/domain/dates/calendar-date";
import { currencyFor } from "../../../app/domain/money/currency";
import { formatMinorUnits } from "../../../app/domain/money/minor-units";
import { PlanError } from "../../../app/domain/plan-error";
import { compilePlanConfig } from "../../../app/domain/plan/plan-config";
import { buildSchedule, type Schedule } from "../../../app/domain/schedule/build-schedule";
import type { OrderSnapshot } from "../../../app/domain/schedule/order-snapshot";

const CURRENCIES = ["USD", "EUR", "JPY", "KWD", "BHD", "CLP", "GBP", "INR"].map((code) => currencyFor(code));

const calendarDate = fc
  .date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2035-12-31T00:00:00Z"), noInvalidDate: true })
  .map((date) => parseCalendarDate(date.toISOString().slice(0, 10), "test"));

/** An order: any currency, a total from one minor unit to a billion major units, 0-3 tax lines within it. */
const order = fc
  .record({
    currency: fc.constantFrom(...CURRENCIES),
    totalMinor: fc.oneof(fc.bigInt({ min: 1n, max: 10_000n }), fc.bigInt({ min: 1n, max: 10n ** 12n })),
    orderDate: calendarDate,
    dueAfterDays: fc.integer({ min: 0, max: 90 }),
    taxShares: fc.array(fc.integer({ min: 0, max: 250 }), { maxLength: 3 }),
  })
  .map(({ currency, totalMinor, orderDate, dueAfterDays, taxShares }): OrderSnapshot => ({
    currency,
    total: totalMinor,
    orderDate,
    paymentDueDate: addDays(orderDate, dueAfterDays),
    dates: { delivery: addDays(orderDate, 45) },
    taxLines: taxShares.map((share, i) => ({ title: `Tax ${i + 1}`, amount: (totalMinor * BigInt(share)) / 1000n })),
    events: {},
  }));

const percent = fc.integer({ min: 1, max: 4000 }).map((hundredths) => (hundredths / 100).toString());
const share = fc.oneof(
  percent.map((p) => ({ percent: p })),
  fc.integer({ min: 1, max: 500 }).map((n) => ({ fixed: String(n) })),
  fc.constant("equal"),
);
const due = fc.oneof(
  fc.constant("checkout"),
  fc.record({ after: fc.constantFrom("7d", "2w", "1m", "3m", "30d"), from: fc.constantFrom("orderDate", "paymentDueDate", "previousStage") }),
  fc.record({ dayOfMonth: fc.integer({ min: 1, max: 31 }) }),
  fc.record({ every: fc.constantFrom("1m", "2w", "3m"), onDay: fc.option(fc.integer({ min: 1, max: 31 }), { nil: undefined }) }),
  fc.record({ milestone: fc.constantFrom("Design approved", "Ready to ship") }),
  fc.record({ field: fc.constant("delivery") }),
);

/** Engine configs: 1-12 stages of mixed shares and due rules, the last taking the remainder. */
const engineConfig = fc.array(fc.record({ share, due, netDays: fc.integer({ min: 0, max: 60 }) }), { minLength: 0, maxLength: 11 }).map((stages) => ({
  stages: [
    ...stages.map((stage, i) => ({
      ...stage,
      due:
        i === 0 && typeof stage.due === "object" && ("every" in stage.due || ("from" in stage.due && stage.due.from === "previousStage"))
          ? "checkout"
          : stage.due,
    })),
    { share: "remainder", due: stages.length === 0 ? "checkout" : { after: "1m", from: "previousStage" } },
  ].map((stage) => (typeof stage.due === "object" && "every" in stage.due && stage.due.every === "2w" ? { ...stage, due: { every: "2w" } } : stage)),
}));

function checkInvariants(schedule: Schedule, snapshot: OrderSnapshot): void {
  const amounts = schedule.installments.map((i) => i.amount);
  expect(amounts.reduce((a, b) => a + b, 0n)).toBe(snapshot.total);
  expect(amounts.every((amount) => amount > 0n)).toBe(true);
  snapshot.taxLines.forEach((line, j) => {
    expect(schedule.installments.reduce((sum, i) => sum + (i.tax[j]?.amount ?? 0n), 0n)).toBe(line.amount);
  });
  for (const installment of schedule.installments) {
    expect(installment.tax.every((t) => t.amount >= 0n)).toBe(true);
    expect(installment.tax.reduce((sum, t) => sum + t.amount, 0n) <= installment.amount).toBe(true);
    if (installment.dueDate !== null) {
      expect(installment.issueDate! >= snapshot.orderDate).toBe(true);
      expect(installment.dueDate).toBe(addDays(installment.issueDate!, installment.netDays));
    } else {
      expect(installment.trigger).toBeDefined();
    }
  }
}

describe("schedule invariants over random plans, totals, currencies and dates", () => {
  it("engine plans: exact totals and tax, no negative or zero stage, dates not before the order", () => {
    let built = 0;
    fc.assert(
      fc.property(engineConfig, order, (config, snapshot) => {
        try {
          checkInvariants(buildSchedule(compilePlanConfig(config), snapshot), snapshot);
          built++;
        } catch (error) {
          if (!(error instanceof PlanError)) throw error;
        }
      }),
      { numRuns: 1500 },
    );
    expect(built).toBeGreaterThan(300);
  });

  it("JustOn plans: Nm(M) dates are the due date plus k·N months, from the anchor", () => {
    let built = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 36 }),
        fc.oneof(
          fc.constant(undefined),
          fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 4 }).map((r) => r.join(",")),
        ),
        order,
        (months, count, rate, snapshot) => {
          try {
            const schedule = buildSchedule(compilePlanConfig({ period: `${months}m(${count})`, ...(rate ? { rate } : {}) }), snapshot);
            checkInvariants(schedule, snapshot);
            schedule.installments.forEach((installment, k) => {
              expect(installment.dueDate).toBe(addMonths(snapshot.paymentDueDate, k * months));
            });
            built++;
          } catch (error) {
            if (!(error instanceof PlanError)) throw error;
          }
        },
      ),
      { numRuns: 800 },
    );
    expect(built).toBeGreaterThan(400);
  });

  it("equal splits differ by at most one minor unit, the extra units on the earliest", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 48 }), order, (count, snapshot) => {
        fc.pre(snapshot.total >= BigInt(count));
        const schedule = buildSchedule(compilePlanConfig({ period: `1m(${count})` }), snapshot);
        const amounts = schedule.installments.map((i) => i.amount);
        const base = snapshot.total / BigInt(count);
        const extra = Number(snapshot.total % BigInt(count));
        expect(amounts).toEqual(amounts.map((_, k) => (k < extra ? base + 1n : base)));
      }),
      { numRuns: 500 },
    );
  });

  it("a rate stage is within one minor unit of its exact percentage", () => {
    fc.assert(
      fc.property(percent, order, (rate, snapshot) => {
        fc.pre(snapshot.total >= 10_000n);
        const schedule = buildSchedule(compilePlanConfig({ period: "1m(2)", rate }), snapshot);
        const first = schedule.installments[0]!.amount;
        const exactTimes10000 = snapshot.total * BigInt(Math.round(Number(rate) * 100));
        const diff = first * 10000n - exactTimes10000;
        expect(diff <= 10000n && diff >= -10000n).toBe(true);
        expect(formatMinorUnits(first, snapshot.currency)).toMatch(snapshot.currency.exponent ? /^\d+\.\d+$/ : /^\d+$/);
      }),
      { numRuns: 500 },
    );
  });

  it("a day-of-month recurrence lands on day D, clamped, in consecutive months from the first", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 31 }), fc.integer({ min: 2, max: 24 }), order, (day, count, snapshot) => {
        const config = {
          stages: [
            { share: "equal", due: "checkout" },
            { share: "equal", due: { every: "1m", onDay: day }, count: count - 1 },
          ],
        };
        fc.pre(snapshot.total >= BigInt(count));
        const schedule = buildSchedule(compilePlanConfig(config), snapshot);
        schedule.installments.slice(1).forEach((installment, index) => {
          const month = addMonths(snapshot.orderDate, index + 1);
          const lastDay = Number(addDays(addMonths(`${month.slice(0, 8)}01` as CalendarDate, 1), -1).slice(8));
          expect(installment.dueDate).toBe(`${month.slice(0, 8)}${String(Math.min(day, lastDay)).padStart(2, "0")}`);
        });
      }),
      { numRuns: 300 },
    );
  });
});
