import { describe, expect, it } from "vitest";

import { checkTotal, formRowOf, readFormRows, type ScheduleFormRow } from "../../../app/components/schedule/schedule-form";
import type { CalendarDate } from "../../../app/domain/dates/calendar-date";
import { currencyFor } from "../../../app/domain/money/currency";

const EUR = currencyFor("EUR");
const row = (change: Partial<ScheduleFormRow>): ScheduleFormRow => ({
  kind: "installment",
  title: "",
  amountMode: "fixed",
  amountValue: "",
  dueMode: "date",
  dueDate: "2027-02-15",
  milestone: "",
  after: "",
  netDays: "0",
  ...change,
});

describe("schedule revision amounts, typed the shop's way", () => {
  it("shows a fixed amount and a percent in the shop's locale", () => {
    const fixed = formRowOf(
      { kind: "installment", amount: { kind: "fixed", amount: 1_200_050n }, due: { kind: "date", dueDate: "2027-02-15" as CalendarDate } },
      EUR,
      "de-DE",
    );
    expect(fixed.amountValue).toBe("12.000,50");
    const percent = formRowOf(
      { kind: "installment", amount: { kind: "percent", percent: "12.5" }, due: { kind: "date", dueDate: "2027-02-15" as CalendarDate } },
      EUR,
      "de-DE",
    );
    expect(percent.amountValue).toBe("12,5");
  });

  it("reads 12,000.00 in an American shop and 12.000,00 in a German one", () => {
    expect(readFormRows([row({ amountValue: "12,000.00" })], EUR, "en-US").rows[0]?.amount).toEqual({ kind: "fixed", amount: 1_200_000n });
    expect(readFormRows([row({ amountValue: "12.000,00" })], EUR, "de-DE").rows[0]?.amount).toEqual({ kind: "fixed", amount: 1_200_000n });
    expect(readFormRows([row({ amountMode: "percent", amountValue: "12,5" })], EUR, "de-DE").rows[0]?.amount).toEqual({ kind: "percent", percent: "12.5" });
  });

  it("says at the row's amount why a text is not an amount", () => {
    const { issues } = readFormRows([row({ amountValue: "4oo" })], EUR, "en-US");
    expect(issues).toEqual([{ row: 1, field: "amount", message: expect.stringMatching(/^“4oo” is not an amount: type digits, like 12,000\.00/) }]);
  });

  it("checks the total with the amounts as typed", () => {
    const check = checkTotal([row({ amountValue: "1.000,00" }), row({ amountMode: "remainder" })], 150_000n, EUR, "de-DE");
    expect(check).toMatchObject({ sum: 150_000n, amounts: [100_000n, 50_000n], issues: [] });
  });
});

describe("a row waiting for an event, with the customer's payment days", () => {
  it("carries the payment days through the form unchanged, so saving the row as it is keeps them", () => {
    const due = { kind: "trigger" as const, trigger: { event: "orderFulfilled" as const }, steps: [], netDays: 30, paymentDays: [5, 20] };
    const shown = formRowOf({ kind: "balance", amount: { kind: "fixed", amount: 84_000n }, due }, EUR, "en-US");
    expect(shown).toMatchObject({ dueMode: "orderFulfilled", after: "", netDays: "30", paymentDays: [5, 20] });
    expect(readFormRows([shown], EUR, "en-US").rows[0]?.due).toEqual(due);
  });
});
