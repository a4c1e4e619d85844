import { describe, expect, it } from "vitest";

import { endOfWeek, portfolioFigures, type PortfolioContract } from "../../../app/domain/contract/portfolio";
import type { CalendarDate } from "../../../app/domain/dates/calendar-date";

const day = (text: string) => text as CalendarDate;
// 2026-11-18 is a Wednesday.
const today = day("2026-11-18");

function contract(stages: PortfolioContract["stages"], changes: Partial<PortfolioContract> = {}): PortfolioContract {
  return { status: "active", currency: "USD", stages, ...changes };
}

describe("endOfWeek (weeks start on Monday)", () => {
  it.each([
    ["2026-11-16", "2026-11-22"],
    ["2026-11-18", "2026-11-22"],
    ["2026-11-22", "2026-11-22"],
    ["2026-12-28", "2027-01-03"],
  ])("%s → %s", (date, sunday) => expect(endOfWeek(day(date))).toBe(sunday));
});

describe("portfolioFigures", () => {
  it("sorts each unpaid stage's open amount into overdue, this week and this month", () => {
    const figures = portfolioFigures(
      [
        contract([
          { status: "paid", amount: 100n, paid: 100n, dueDate: day("2026-11-01") },
          { status: "overdue", amount: 200n, paid: 50n, dueDate: day("2026-11-17") },
          { status: "invoiced", amount: 300n, paid: 0n, dueDate: day("2026-11-18") },
          { status: "scheduled", amount: 400n, paid: 0n, dueDate: day("2026-11-23") },
          { status: "scheduled", amount: 500n, paid: 0n, dueDate: day("2026-12-01") },
          { status: "scheduled", amount: 600n, paid: 0n, dueDate: null },
        ]),
      ],
      [],
      today,
    );
    expect(figures.byCurrency.get("USD")).toEqual({ dueThisWeek: 300n, dueThisMonth: 700n, overdue: 150n, collectedThisMonth: 0n });
  });

  it("never adds up money of different currencies, and a cancelled contract owes nothing", () => {
    const figures = portfolioFigures(
      [
        contract([{ status: "invoiced", amount: 1_000n, paid: 0n, dueDate: today }]),
        contract([{ status: "invoiced", amount: 3_000n, paid: 0n, dueDate: today }], { currency: "JPY" }),
        contract([{ status: "cancelled", amount: 9_000n, paid: 0n, dueDate: today }], { status: "cancelled" }),
      ],
      [],
      today,
    );
    expect(figures.byCurrency.get("USD")?.dueThisWeek).toBe(1_000n);
    expect(figures.byCurrency.get("JPY")?.dueThisWeek).toBe(3_000n);
    expect(figures.contractsByStatus).toEqual({ pending: 0, awaitingDeposit: 0, active: 2, completed: 0, cancelled: 1 });
  });

  it("counts money recorded from the first of the month to today", () => {
    const figures = portfolioFigures(
      [],
      [
        { currency: "EUR", amount: 10n, date: day("2026-10-31") },
        { currency: "EUR", amount: 20n, date: day("2026-11-01") },
        { currency: "EUR", amount: 30n, date: today },
      ],
      today,
    );
    expect(figures.byCurrency.get("EUR")?.collectedThisMonth).toBe(50n);
  });
});
