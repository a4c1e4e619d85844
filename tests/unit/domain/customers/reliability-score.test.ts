import { describe, expect, it } from "vitest";

import type { CalendarDate } from "../../../../app/domain/dates/calendar-date";
import { stageOutcome, type DatedStage } from "../../../../app/domain/customers/payment-history";
import { bandOf, reliabilityScore } from "../../../../app/domain/customers/reliability-score";

const TODAY = "2027-01-01" as CalendarDate;
const date = (text: string) => text as CalendarDate;

const stage = (dueDate: string, paidOn: string | null, changes: Partial<DatedStage> = {}): DatedStage => ({
  currency: "USD",
  amountMinor: 10_000n,
  paidMinor: paidOn === null ? 0n : (changes.amountMinor ?? 10_000n),
  dueDate: date(dueDate),
  paidOn: paidOn === null ? null : date(paidOn),
  ...changes,
});

describe("a stage's outcome", () => {
  it.each([
    ["paid before its due date", stage("2026-12-10", "2026-12-01"), { kind: "onTime", paidOn: "2026-12-01" }],
    ["paid on its due date", stage("2026-12-10", "2026-12-10"), { kind: "onTime", paidOn: "2026-12-10" }],
    ["paid the day after", stage("2026-12-10", "2026-12-11"), { kind: "late", paidOn: "2026-12-11", daysLate: 1 }],
    ["unpaid on its due date", stage("2027-01-01", null), { kind: "notYetDue" }],
    ["unpaid, due later", stage("2027-02-01", null), { kind: "notYetDue" }],
    [
      "unpaid the day after its due date, partly paid",
      stage("2026-12-31", null, { paidMinor: 4_000n }),
      { kind: "overdue", daysOverdue: 1, outstandingMinor: 6_000n },
    ],
  ])("%s", (_name, input, expected) => {
    expect(stageOutcome(input, TODAY)).toEqual(expected);
  });
});

describe("the reliability score", () => {
  it("has no history when nothing was due or paid", () => {
    expect(reliabilityScore([], TODAY)).toEqual({ kind: "noHistory", notYetDue: 0 });
    expect(reliabilityScore([stage("2027-01-01", null), stage("2027-03-01", null)], TODAY)).toEqual({ kind: "noHistory", notYetDue: 2 });
    // A stage of nothing (a 0 % deposit) says nothing about the customer.
    expect(reliabilityScore([stage("2026-06-01", null, { amountMinor: 0n })], TODAY)).toEqual({ kind: "noHistory", notYetDue: 0 });
  });

  // Hand-computed from the formula in the module's doc comment.
  it.each([
    // One stage: its weight cancels, the score is 100 × (1 − its penalty).
    ["one stage paid on time", [stage("2026-11-01", "2026-10-30")], 100, "reliable"],
    ["one stage paid early, due date still ahead (age 0)", [stage("2027-02-01", "2026-12-20")], 100, "reliable"],
    ["one stage paid 30 days late: penalty 30/60", [stage("2026-10-01", "2026-10-31")], 50, "watch"],
    ["one stage paid 12 days late: penalty 0.2", [stage("2026-10-01", "2026-10-13")], 80, "reliable"],
    ["one stage paid 90 days late: penalty capped at 1", [stage("2026-09-01", "2026-11-30")], 0, "risky"],
    ["one stage 3 days overdue: 0.25 + 3/60", [stage("2026-12-29", null)], 70, "watch"],
    ["one stage 15 days overdue: 0.25 + 15/60", [stage("2026-12-17", null)], 50, "watch"],
    ["one stage 45 days overdue: capped at 1", [stage("2026-11-17", null)], 0, "risky"],
    // Ages 0 and 180 days: recency 1 and 0.5; L = 0.5 × 1 / 1.5 = 1/3, score 66.67.
    ["on time today, 60 days late half a year ago", [stage("2027-01-01", "2027-01-01"), stage("2026-07-05", "2026-09-03")], 67, "watch"],
    // Lateness the recent one: 60 days late, due 63 days ago (recency 0.5^(63/180) = 0.785); on time 180 days ago (0.5):
    // L = 0.785 / 1.285 = 0.611, score 38.9.
    ["60 days late recently, on time half a year ago", [stage("2026-07-05", "2026-07-05"), stage("2026-10-30", "2026-12-29")], 39, "risky"],
    // Same day, amounts 100 and 300 (mean 200: sizes 0.5 and 1.5); the larger 30 days late: L = 1.5 × 0.5 / 2 = 0.375.
    [
      "a large stage late, a small one on time",
      [stage("2026-12-01", "2026-12-01", { amountMinor: 10_000n }), stage("2026-12-01", "2026-12-31", { amountMinor: 30_000n })],
      63,
      "watch",
    ],
    // The other way: L = 0.5 × 0.5 / 2 = 0.125.
    [
      "a small stage late, a large one on time",
      [stage("2026-12-01", "2026-12-31", { amountMinor: 10_000n }), stage("2026-12-01", "2026-12-01", { amountMinor: 30_000n })],
      88,
      "reliable",
    ],
  ])("%s", (_name, stages, score, band) => {
    expect(reliabilityScore(stages, TODAY)).toMatchObject({ kind: "scored", score, band });
  });

  it("weights a stage's amount against the mean of its own currency, never converting", () => {
    // 100 USD late 30 days and 1,000,000 JPY on time, same day: each is its currency's mean (size 1): L = 0.5 / 2.
    const stages = [
      stage("2026-12-01", "2026-12-31", { currency: "USD", amountMinor: 10_000n }),
      stage("2026-12-01", "2026-12-01", { currency: "JPY", amountMinor: 1_000_000n }),
    ];
    expect(reliabilityScore(stages, TODAY)).toMatchObject({ score: 75, band: "watch" });
  });

  it("reports its parts: on-time share, average and worst days late, overdue now per currency", () => {
    const result = reliabilityScore(
      [
        stage("2026-12-01", "2026-11-30"),
        stage("2026-12-01", "2026-12-11"),
        stage("2026-12-12", null, { currency: "EUR", amountMinor: 5_000n, paidMinor: 2_000n }),
        stage("2026-12-20", null, { currency: "EUR", amountMinor: 1_000n }),
        stage("2026-12-25", null, { currency: "USD", amountMinor: 700n }),
        stage("2027-01-15", null),
      ],
      TODAY,
    );
    expect(result.kind).toBe("scored");
    if (result.kind !== "scored") return;
    expect(result.parts).toMatchObject({
      counted: 5,
      onTime: 1,
      late: 1,
      overdue: 3,
      notYetDue: 1,
      onTimeShare: 0.2,
      // 10, 20, 12 and 7 days.
      averageDaysLate: 12.25,
      worstDaysLate: 20,
      overdueNow: [
        { currency: "EUR", amountMinor: 4_000n },
        { currency: "USD", amountMinor: 700n },
      ],
    });
  });

  it.each([
    [100, "reliable"],
    [80, "reliable"],
    [79, "watch"],
    [50, "watch"],
    [49, "risky"],
    [0, "risky"],
  ] as const)("scores %i in the band %s", (score, band) => {
    expect(bandOf(score)).toBe(band);
  });
});
