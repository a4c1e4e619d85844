import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, parseCalendarDate } from "../../../app/domain/dates/calendar-date";
import { currencyFor } from "../../../app/domain/money/currency";
import { formatMinorUnits } from "../../../app/domain/money/minor-units";
import { PlanError } from "../../../app/domain/plan-error";
import { compilePlanConfig } from "../../../app/domain/plan/plan-config";
import { buildSchedule, type BuildScheduleOptions, type Schedule } from "../../../app/domain/schedule/build-schedule";
import { orderSnapshotFromInput } from "../../../app/domain/schedule/order-input";
import type { OrderSnapshot } from "../../../app/domain/schedule/order-snapshot";
import { pinFirstAmount } from "../../../app/domain/schedule/pin-first-amount";
import { sampleOrder } from "./sample-order";

const EUR = currencyFor("EUR");
const JPY = currencyFor("JPY");

describe("pinFirstAmount", () => {
  it.each<[string, bigint[], bigint, bigint[]]>([
    ["checkout charges what the schedule says: nothing moves", [36_000n, 60_000n, 24_000n], 36_000n, [36_000n, 60_000n, 24_000n]],
    ["checkout charges less (a percentage of the subtotal): the last absorbs it", [36_000n, 60_000n, 24_000n], 35_950n, [35_950n, 60_000n, 24_050n]],
    ["checkout charges more (a rounded float percentage): the last gives it up", [36_000n, 60_000n, 24_000n], 36_001n, [36_001n, 60_000n, 23_999n]],
    ["two amounts: the second takes the rest", [60_000n, 60_000n], 59_000n, [59_000n, 61_000n]],
    ["only first and last move, however many stages", [100n, 200n, 300n, 400n, 500n], 150n, [150n, 200n, 300n, 400n, 450n]],
    ["the largest first amount that leaves one minor unit for the last", [36_000n, 60_000n, 24_000n], 59_999n, [59_999n, 60_000n, 1n]],
    ["the smallest first amount", [36_000n, 60_000n, 24_000n], 1n, [1n, 60_000n, 59_999n]],
  ])("%s", (_, amounts, first, expected) => {
    const pinned = pinFirstAmount(amounts, first, EUR);
    expect(pinned).toEqual(expected);
    expect(pinned.reduce((a, b) => a + b, 0n)).toBe(amounts.reduce((a, b) => a + b, 0n));
  });

  it("leaves its input alone", () => {
    const amounts = [36_000n, 60_000n, 24_000n];
    pinFirstAmount(amounts, 35_000n, EUR);
    expect(amounts).toEqual([36_000n, 60_000n, 24_000n]);
  });

  it.each<[string, bigint[], bigint, string]>([
    [
      "nothing left for the last stage",
      [36_000n, 60_000n, 24_000n],
      60_000n,
      "stages: checkout would charge 600.00 now, which leaves nothing positive for the last stage",
    ],
    [
      "less than nothing left for the last stage",
      [36_000n, 60_000n, 24_000n],
      120_000n,
      "stages: checkout would charge 1200.00 now, which leaves nothing positive for the last stage",
    ],
    [
      "nothing charged at checkout",
      [36_000n, 60_000n, 24_000n],
      0n,
      "stages: checkout would charge 0.00 now, which leaves nothing positive for the last stage",
    ],
    ["a negative charge", [36_000n, 60_000n, 24_000n], -1n, "stages: checkout would charge -0.01 now, which leaves nothing positive for the last stage"],
  ])("refuses %s", (_, amounts, first, message) => {
    expect(() => pinFirstAmount(amounts, first, EUR)).toThrow(PlanError);
    expect(() => pinFirstAmount(amounts, first, EUR)).toThrow(message);
  });

  it("names the charge in the currency's own minor units", () => {
    expect(() => pinFirstAmount([300n, 700n], 1_000n, JPY)).toThrow("stages: checkout would charge 1000 now, which leaves nothing positive for the last stage");
  });

  it.each<[string, bigint[]]>([
    ["one amount", [120_000n]],
    ["no amounts", []],
  ])("needs a later amount to take the rest: %s is refused", (_, amounts) => {
    expect(() => pinFirstAmount(amounts, 100n, EUR)).toThrow(PlanError);
    expect(() => pinFirstAmount(amounts, 100n, EUR)).toThrow("stages: a deposit needs at least one later stage to take the rest of the total");
  });
});

/** 30/50/20: of 1200.00 EUR that is 360.00, 600.00 and 240.00. */
const PLAN_30_50_20 = {
  stages: [
    { kind: "deposit", share: { percent: "30" }, due: "checkout" },
    { kind: "milestone", share: { percent: "50" }, due: { after: "1m", from: "orderDate" } },
    { kind: "balance", share: "remainder", due: { after: "2m", from: "orderDate" } },
  ],
};

/** A plan's schedule for the sample order (1200.00 EUR), by default with 191.60 VAT. */
function scheduleFor(
  config: unknown = PLAN_30_50_20,
  options: BuildScheduleOptions = {},
  taxLines: readonly { title: string; amount: string }[] = [{ title: "VAT 19%", amount: "191.60" }],
): Schedule {
  return buildSchedule(compilePlanConfig(config), orderSnapshotFromInput(sampleOrder({ taxLines })), options);
}

const amounts = (schedule: Schedule) => schedule.installments.map((i) => i.amount);
const taxOf = (schedule: Schedule) => schedule.installments.map((i) => i.tax.map((t) => t.amount));
const titles = (schedule: Schedule) => schedule.installments.map((i) => i.title);

describe("buildSchedule with a first amount", () => {
  it("is the plain schedule when checkout charges what the plan says", () => {
    expect(scheduleFor(PLAN_30_50_20, { firstAmount: 36_000n })).toEqual(scheduleFor());
  });

  it.each([
    ["less (a percentage of the subtotal)", 35_950n, [35_950n, 60_000n, 24_050n]],
    ["more (a rounded float percentage)", 36_001n, [36_001n, 60_000n, 23_999n]],
  ])("checkout charging %s: the last installment absorbs the difference, the middle stays", (_, first, expected) => {
    const pinned = scheduleFor(PLAN_30_50_20, { firstAmount: first });
    expect(amounts(pinned)).toEqual(expected);
    expect(amounts(pinned).reduce((a, b) => a + b, 0n)).toBe(pinned.total);
  });

  it("keeps positions, kinds, rates and dates, the total and the currency", () => {
    const plain = scheduleFor();
    const pinned = scheduleFor(PLAN_30_50_20, { firstAmount: 35_950n });
    const shape = (s: Schedule) =>
      s.installments.map(({ position, kind, rate, issueDate, dueDate, netDays, trigger }) => ({ position, kind, rate, issueDate, dueDate, netDays, trigger }));
    expect(shape(pinned)).toEqual(shape(plain));
    expect(pinned.total).toBe(plain.total);
    expect(pinned.currency).toEqual(plain.currency);
  });

  it("splits the tax over the final amounts (largest remainder), the line summing to itself", () => {
    // 191.60 × 359.50/1200 = 57.4002 and × 240.50/1200 = 38.3998: the odd cent goes to the larger fraction.
    expect(taxOf(scheduleFor(PLAN_30_50_20, { firstAmount: 35_950n }))).toEqual([[5_740n], [9_580n], [3_840n]]);
  });

  it("splits several tax lines, every line's shares summing to the line", () => {
    const lines = [
      { title: "State", amount: "72.50" },
      { title: "County", amount: "15.00" },
      { title: "City", amount: "10.10" },
    ];
    const pinned = scheduleFor(PLAN_30_50_20, { firstAmount: 35_001n }, lines);
    expect(pinned.installments.map((i) => i.tax.map((t) => t.title))).toEqual([0, 1, 2].map(() => ["State", "County", "City"]));
    [7_250n, 1_500n, 1_010n].forEach((line, j) => expect(pinned.installments.reduce((sum, i) => sum + (i.tax[j]?.amount ?? 0n), 0n)).toBe(line));
  });

  it("a title that states the amount names the pinned amount", () => {
    const config = { period: "1m(3)", rate: "30,50,20", titles: "Installment [PosNo]: [InstallmentAmount]" };
    expect(titles(scheduleFor(config, { firstAmount: 35_950n }, []))).toEqual([
      "Installment 1: 359.50 EUR",
      "Installment 2: 600.00 EUR",
      "Installment 3: 240.50 EUR",
    ]);
  });

  it("a remainder stage's rate in its title follows its pinned amount", () => {
    const config = { ...PLAN_30_50_20, titles: "[InstallmentRate]" };
    // 240.50 of 1200.00 is 20.0416…%; the written rates stay as written.
    expect(titles(scheduleFor(config, { firstAmount: 35_950n }, []))).toEqual(["30%", "50%", "20.04%"]);
  });

  it.each([
    ["nothing left for the last installment", 60_000n],
    ["less than nothing left for the last installment", 120_000n],
    ["nothing charged at checkout", 0n],
    ["a negative charge", -1n],
  ])("refuses %s", (_, first) => {
    expect(() => scheduleFor(PLAN_30_50_20, { firstAmount: first })).toThrow(PlanError);
    expect(() => scheduleFor(PLAN_30_50_20, { firstAmount: first })).toThrow(/^stages: checkout would charge/);
  });

  it("needs a later installment to take the rest", () => {
    expect(() => scheduleFor({ stages: [{ share: "remainder", due: "checkout" }] }, { firstAmount: 100n }, [])).toThrow(
      "stages: a deposit needs at least one later stage to take the rest of the total",
    );
  });

  it("a single-stage plan without a first amount is fine", () => {
    expect(amounts(scheduleFor({ stages: [{ share: "remainder", due: "checkout" }] }, {}, []))).toEqual([120_000n]);
  });

  it("pins a two-installment schedule: the second takes the rest", () => {
    expect(amounts(scheduleFor({ period: "1m(2)" }, { firstAmount: 59_000n }, []))).toEqual([59_000n, 61_000n]);
  });
});

const CURRENCIES = ["USD", "EUR", "JPY", "KWD", "CLP"].map((code) => currencyFor(code));
const orderDate = fc
  .date({ min: new Date("2024-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true })
  .map((date) => parseCalendarDate(date.toISOString().slice(0, 10), "test"));

/** Any currency, a total from two minor units to a billion major units, 0-3 tax lines within it. */
const order = fc
  .record({
    currency: fc.constantFrom(...CURRENCIES),
    total: fc.oneof(fc.bigInt({ min: 2n, max: 10_000n }), fc.bigInt({ min: 2n, max: 10n ** 12n })),
    orderDate,
    taxShares: fc.array(fc.integer({ min: 0, max: 250 }), { maxLength: 3 }),
  })
  .map(({ currency, total, orderDate, taxShares }): OrderSnapshot => ({
    currency,
    total,
    orderDate,
    paymentDueDate: addDays(orderDate, 14),
    dates: {},
    taxLines: taxShares.map((share, i) => ({ title: `Tax ${i + 1}`, amount: (total * BigInt(share)) / 1000n })),
    events: {},
  }));

/** A deposit (percent or fixed), 0-6 middle stages (some waiting for events), the remainder last on net terms. */
const plan = fc
  .record({
    deposit: fc.oneof(
      fc.integer({ min: 100, max: 9900 }).map((hundredths) => ({ percent: (hundredths / 100).toString() })),
      fc.integer({ min: 1, max: 500 }).map((n) => ({ fixed: String(n) })),
    ),
    middle: fc.array(
      fc.record({
        share: fc.oneof(
          fc.constant("equal" as const),
          fc.integer({ min: 1, max: 3000 }).map((h) => ({ percent: (h / 100).toString() })),
        ),
        due: fc.constantFrom<unknown>({ after: "1m", from: "previousStage" }, { milestone: "Ready to ship" }, { event: "orderFulfilled" }),
      }),
      { maxLength: 6 },
    ),
    netDays: fc.integer({ min: 0, max: 60 }),
  })
  .map(({ deposit, middle, netDays }) => ({
    titles: "[PosNo]: [InstallmentAmount]",
    stages: [
      { kind: "deposit", share: deposit, due: "checkout" },
      ...middle,
      { kind: "balance", share: "remainder", due: { after: "1m", from: "previousStage" }, netDays },
    ],
  }));

/** The plan's schedule for the order, or null when the plan cannot fit the order (a PlanError). */
function plainSchedule(config: unknown, snapshot: OrderSnapshot): Schedule | null {
  try {
    return buildSchedule(compilePlanConfig(config), snapshot);
  } catch (error) {
    if (error instanceof PlanError) return null;
    throw error;
  }
}

describe("buildSchedule with a first amount: properties", () => {
  it("any first amount that leaves the last installment positive: sums to the total, only first and last move, tax re-split exactly, titles name the final amounts", () => {
    let pinnedCount = 0;
    fc.assert(
      fc.property(plan, order, fc.bigInt({ min: 0n, max: 10n ** 15n }), (config, snapshot, pick) => {
        const plain = plainSchedule(config, snapshot);
        if (!plain) return;
        const first = plain.installments[0]!;
        const last = plain.installments[plain.installments.length - 1]!;
        const firstAmount = 1n + (pick % (first.amount + last.amount - 1n));
        const pinned = buildSchedule(compilePlanConfig(config), snapshot, { firstAmount });
        pinnedCount++;

        const pinnedAmounts = amounts(pinned);
        expect(pinnedAmounts.reduce((a, b) => a + b, 0n)).toBe(snapshot.total);
        expect(pinnedAmounts[0]).toBe(firstAmount);
        expect(pinnedAmounts[pinnedAmounts.length - 1]).toBe(first.amount + last.amount - firstAmount);
        expect(pinnedAmounts.slice(1, -1)).toEqual(amounts(plain).slice(1, -1));
        expect(pinnedAmounts).toEqual(pinFirstAmount(amounts(plain), firstAmount, snapshot.currency));
        snapshot.taxLines.forEach((line, j) => {
          expect(pinned.installments.reduce((sum, i) => sum + (i.tax[j]?.amount ?? 0n), 0n)).toBe(line.amount);
        });
        pinned.installments.forEach((installment, index) => {
          expect(installment.amount > 0n).toBe(true);
          expect(installment.tax.every((t) => t.amount >= 0n)).toBe(true);
          expect(installment.tax.reduce((sum, t) => sum + t.amount, 0n) <= installment.amount).toBe(true);
          expect(installment.title).toBe(`${index + 1}: ${formatMinorUnits(installment.amount, snapshot.currency)} ${snapshot.currency.code}`);
          const before = plain.installments[index]!;
          expect([installment.position, installment.kind, installment.issueDate, installment.dueDate, installment.netDays]).toEqual([
            before.position,
            before.kind,
            before.issueDate,
            before.dueDate,
            before.netDays,
          ]);
        });
      }),
      { numRuns: 800 },
    );
    expect(pinnedCount).toBeGreaterThan(200);
  });

  it("any first amount that leaves the last installment nothing, or is not above zero, is refused", () => {
    fc.assert(
      fc.property(plan, order, fc.bigInt({ min: 0n, max: 10n ** 6n }), fc.boolean(), (config, snapshot, beyond, tooLarge) => {
        const plain = plainSchedule(config, snapshot);
        if (!plain) return;
        const first = plain.installments[0]!;
        const last = plain.installments[plain.installments.length - 1]!;
        const firstAmount = tooLarge ? first.amount + last.amount + beyond : -beyond;
        expect(() => buildSchedule(compilePlanConfig(config), snapshot, { firstAmount })).toThrow(PlanError);
      }),
      { numRuns: 300 },
    );
  });
});
