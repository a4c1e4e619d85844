import { describe, expect, it } from "vitest";

import { journalOfContract } from "../../../app/domain/books/journal";
import { periodsOf, RollForward } from "../../../app/domain/books/roll-forward";
import { contractFacts, day, paid, refunded, stageFact } from "./books-fixture";

describe("periodsOf", () => {
  it("months, the first and last cut to the range", () => {
    expect(periodsOf(day("2027-01-15"), day("2027-03-10"), "month")).toEqual([
      { start: "2027-01-15", end: "2027-01-31" },
      { start: "2027-02-01", end: "2027-02-28" },
      { start: "2027-03-01", end: "2027-03-10" },
    ]);
  });

  it("ISO weeks, Monday to Sunday", () => {
    // 2027-01-06 is a Wednesday.
    expect(periodsOf(day("2027-01-06"), day("2027-01-18"), "week")).toEqual([
      { start: "2027-01-06", end: "2027-01-10" },
      { start: "2027-01-11", end: "2027-01-17" },
      { start: "2027-01-18", end: "2027-01-18" },
    ]);
  });

  it("refuses a range that ends before it starts", () => {
    expect(() => periodsOf(day("2027-02-01"), day("2027-01-01"), "month")).toThrow("the range ends (2027-01-01) before it starts (2027-02-01)");
  });
});

describe("RollForward", () => {
  const shipped = contractFacts({
    fulfilledOn: day("2027-02-10"),
    stages: [
      stageFact(1, { issueDate: day("2027-01-05"), status: "paid" }),
      stageFact(2, { issueDate: day("2027-02-01"), status: "paid" }),
      stageFact(3, { issueDate: day("2027-02-10"), status: "invoiced" }),
    ],
    ledger: [paid("s1", 33_000n, "2027-01-05T10:00:00Z"), refunded("s1", 11_000n, "2027-01-20T10:00:00Z"), paid("s2", 55_000n, "2027-02-03T09:00:00Z")],
  });
  const cancelled = contractFacts({
    id: "c2",
    cancelledOn: day("2027-03-04"),
    settlement: "keepAsCredit",
    stages: [
      stageFact(1, { id: "c2s1", issueDate: day("2026-12-20"), status: "paid" }),
      stageFact(2, { id: "c2s2", issueDate: day("2027-03-01"), status: "cancelled", invoiceNumber: "T-9" }),
    ],
    ledger: [paid("c2s1", 33_000n, "2026-12-20T10:00:00Z")],
  });

  it("opens with the liability before the range and moves it by each event's column, month by month", () => {
    const rollForward = new RollForward(day("2027-01-01"), day("2027-03-31"), "month");
    for (const entry of [...journalOfContract(cancelled), ...journalOfContract(shipped)]) rollForward.add(entry);
    const rows = rollForward
      .rows()
      .map((row) => [
        row.periodStart,
        row.openingMinor,
        row.invoicedBeforeShippingMinor,
        row.recognisedOnShippingMinor,
        row.recognisedOnCancellationMinor,
        row.refundsAndCreditsMinor,
        row.movedToCustomerCreditMinor,
        row.closingMinor,
        row.revenueRecognisedMinor,
      ]);
    expect(rows).toEqual([
      // Opening: the December deposit of c2 (30 000 net). January: the deposit of c1, less a third refunded.
      ["2027-01-01", 30_000n, 30_000n, 0n, 0n, 10_000n, 0n, 50_000n, 0n],
      // February: stage 2 invoiced, then shipping recognises 70 000 of c1; its balance invoice goes to revenue.
      ["2027-02-01", 50_000n, 50_000n, 70_000n, 0n, 0n, 0n, 30_000n, 90_000n],
      // March: c2's second stage invoiced and credited back unpaid, then its deposit moved to customer credit.
      ["2027-03-01", 30_000n, 50_000n, 0n, 0n, 50_000n, 30_000n, 0n, 0n],
    ]);
    expect(rollForward.rows().every((row) => row.currency === "USD")).toBe(true);
  });

  it("one set of rows per currency, and none without any entry", () => {
    const rollForward = new RollForward(day("2027-01-01"), day("2027-01-31"), "month");
    expect(rollForward.rows()).toEqual([]);
    for (const entry of journalOfContract({ ...shipped, currency: "JPY" })) rollForward.add(entry);
    for (const entry of journalOfContract(shipped)) rollForward.add(entry);
    expect(rollForward.rows().map((row) => [row.currency, row.closingMinor])).toEqual([
      ["JPY", 20_000n],
      ["USD", 20_000n],
    ]);
  });
});
