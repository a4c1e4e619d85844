import { describe, expect, it } from "vitest";
import type { CalendarDate } from "../../../../app/domain/dates/calendar-date";
import { lateFeeAppliesFrom, lateFeeAsOf, lateFeeNotice, type DueStage, type LateFee } from "../../../../app/domain/payment-rules/late-fee";

const date = (text: string) => text as CalendarDate;
const DUE = date("2027-02-28");
const unpaid = (amount: bigint, payments: DueStage["payments"] = []): DueStage => ({ dueDate: DUE, amount, payments });

const fixed25: LateFee = { kind: "fixed", fee: 2_500n, graceDays: 5 };
const interest = (percentPerMonth: string, options: { compound?: boolean; max?: bigint; graceDays?: number } = {}): LateFee => ({
  kind: "interest",
  percentPerMonth,
  compound: options.compound ?? false,
  graceDays: options.graceDays ?? 5,
  ...(options.max === undefined ? {} : { max: options.max }),
});

describe("when a late fee applies", () => {
  it.each([
    [0, "2027-03-01"],
    [5, "2027-03-06"],
    [30, "2027-03-31"],
  ])("%i grace days after a due date of 2027-02-28: from %s", (graceDays, expected) => {
    expect(lateFeeAppliesFrom({ kind: "fixed", fee: 1n, graceDays }, DUE)).toBe(expected);
  });
});

describe("a fixed late fee", () => {
  it.each([
    { case: "nothing during the grace period", stage: unpaid(100_000n), asOf: "2027-03-05", fee: 0n },
    { case: "the fee from the day after it", stage: unpaid(100_000n), asOf: "2027-03-06", fee: 2_500n },
    { case: "once, however long the stage stays unpaid", stage: unpaid(100_000n), asOf: "2028-03-06", fee: 2_500n },
    {
      case: "nothing when the stage was paid by the last day of grace",
      stage: unpaid(100_000n, [{ paidOn: date("2027-03-05"), amount: 100_000n }]),
      asOf: "2027-04-01",
      fee: 0n,
    },
    {
      case: "owed when the payment came on the day the fee applied",
      stage: unpaid(100_000n, [{ paidOn: date("2027-03-06"), amount: 100_000n }]),
      asOf: "2027-04-01",
      fee: 2_500n,
    },
    {
      case: "never more than what was owed when it applied",
      stage: unpaid(100_000n, [{ paidOn: date("2027-03-01"), amount: 99_000n }]),
      asOf: "2027-04-01",
      fee: 1_000n,
    },
  ])("$case", ({ stage, asOf, fee }) => {
    expect(lateFeeAsOf(fixed25, stage, date(asOf))).toBe(fee);
  });
});

describe("late interest", () => {
  // Business Central's "average daily balance" finance charge (MicrosoftDocs/dynamics365smb-docs,
  // business-central/finance-setup-finance-charges.md): Overdue Amount × (Days Overdue / Interest Period) ×
  // (Interest Rate / 100), here with an interest period of 30 days; the fee applies from 2027-03-06.
  it.each([
    { case: "1000.00 at 1.5% for 30 days: 15.00", rule: interest("1.5"), stage: unpaid(100_000n), asOf: "2027-04-04", fee: 1_500n },
    { case: "1000.00 at 1.5% for 45 days: 22.50", rule: interest("1.5"), stage: unpaid(100_000n), asOf: "2027-04-19", fee: 2_250n },
    { case: "1000.00 at 1.5% for 10 days: 5.00", rule: interest("1.5"), stage: unpaid(100_000n), asOf: "2027-03-15", fee: 500n },
    { case: "1000.00 at 1.5% for 1 day: 0.50", rule: interest("1.5"), stage: unpaid(100_000n), asOf: "2027-03-06", fee: 50n },
    { case: "nothing on the last day of grace", rule: interest("1.5"), stage: unpaid(100_000n), asOf: "2027-03-05", fee: 0n },
    { case: "simple for 60 days: 30.00", rule: interest("1.5"), stage: unpaid(100_000n), asOf: "2027-05-04", fee: 3_000n },
    {
      case: "compounding monthly for 60 days: 15.00 + 1.5% of 1015.00 = 30.225, rounded half-up once: 30.23",
      rule: interest("1.5", { compound: true }),
      stage: unpaid(100_000n),
      asOf: "2027-05-04",
      fee: 3_023n,
    },
    {
      case: "compounding for 90 days: 1000.00 × (1.015³ − 1) = 45.678375 → 45.68",
      rule: interest("1.5", { compound: true }),
      stage: unpaid(100_000n),
      asOf: "2027-06-03",
      fee: 4_568n,
    },
    {
      case: "compounding for 45 days: 15.00, then half a month on 1015.00 = 22.6125 → 22.61",
      rule: interest("1.5", { compound: true }),
      stage: unpaid(100_000n),
      asOf: "2027-04-19",
      fee: 2_261n,
    },
    {
      case: "a part payment lowers the interest from its day: 9 days on 1000.00 and 21 on 500.00 = 9.75",
      rule: interest("1.5"),
      stage: unpaid(100_000n, [{ paidOn: date("2027-03-15"), amount: 50_000n }]),
      asOf: "2027-04-04",
      fee: 975n,
    },
    {
      case: "1% a month on 1.50 for 30 days is exactly 0.015, half-up 0.02 (no decimal drift)",
      rule: interest("1"),
      stage: unpaid(150n),
      asOf: "2027-04-04",
      fee: 2n,
    },
    { case: "capped by max", rule: interest("1.5", { max: 2_000n }), stage: unpaid(100_000n), asOf: "2027-05-04", fee: 2_000n },
    {
      case: "never more than the debt it is charged on",
      rule: interest("10", { compound: true }),
      stage: unpaid(100_000n),
      asOf: "2029-03-06",
      fee: 100_000n,
    },
    {
      case: "nothing once the stage was paid before the fee applied",
      rule: interest("1.5"),
      stage: unpaid(100_000n, [{ paidOn: date("2027-03-02"), amount: 100_000n }]),
      asOf: "2027-06-01",
      fee: 0n,
    },
    {
      case: "a payment on the day the fee applies stops it",
      rule: interest("1.5"),
      stage: unpaid(100_000n, [{ paidOn: date("2027-03-06"), amount: 100_000n }]),
      asOf: "2027-06-01",
      fee: 0n,
    },
  ])("$case", ({ rule, stage, asOf, fee }) => {
    expect(lateFeeAsOf(rule, stage, date(asOf))).toBe(fee);
  });
});

describe("what the buyer is told before it applies", () => {
  it("a fixed fee: the amount and the day (A late fee of 25.00 EUR applies from 2027-03-06)", () => {
    expect(lateFeeNotice(fixed25, DUE, 100_000n)).toEqual({ kind: "fixedFee", appliesFrom: "2027-03-06", fee: 2_500n });
  });

  it("a fixed fee above what is owed is shown as what it will be", () => {
    expect(lateFeeNotice(fixed25, DUE, 1_000n)).toEqual({ kind: "fixedFee", appliesFrom: "2027-03-06", fee: 1_000n });
  });

  it("interest: the rate, the day, the amount it runs on and a month of it (1.5% per month on 1000.00 from 2027-03-06)", () => {
    expect(lateFeeNotice(interest("1.5"), DUE, 100_000n)).toEqual({
      kind: "interest",
      appliesFrom: "2027-03-06",
      percentPerMonth: "1.5",
      compound: false,
      onAmount: 100_000n,
      perMonth: 1_500n,
    });
  });

  it("interest with a cap names it, and a month's interest stays within it", () => {
    expect(lateFeeNotice(interest("1.5", { compound: true, max: 1_000n }), DUE, 100_000n)).toEqual({
      kind: "interest",
      appliesFrom: "2027-03-06",
      percentPerMonth: "1.5",
      compound: true,
      onAmount: 100_000n,
      perMonth: 1_000n,
      max: 1_000n,
    });
  });
});
