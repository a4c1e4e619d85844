import { describe, expect, it } from "vitest";
import type { CalendarDate } from "../../../app/domain/dates/calendar-date";
import type { StagePaymentTerms } from "../../../app/domain/documents/stage-payment-terms";
import { paymentTermsFromColumn, paymentTermsToColumn } from "../../../app/models/contract-columns.server";

const date = (text: string) => text as CalendarDate;

const OFFER = {
  percent: "2",
  until: date("2027-02-24"),
  discount: 23_00n,
  payable: 1_127_00n,
  taxReduction: [
    { title: "State tax", amount: 2_30n },
    { title: "City tax", amount: 0n },
  ],
};

describe("a stage's payment terms column", () => {
  it.each<[string, StagePaymentTerms]>([
    ["the offer alone", { earlyPayment: OFFER }],
    ["a fixed fee alone", { lateFee: { kind: "fixedFee", appliesFrom: date("2027-03-06"), fee: 25_00n } }],
    [
      "the offer and simple interest",
      {
        earlyPayment: OFFER,
        lateFee: { kind: "interest", appliesFrom: date("2027-02-15"), percentPerMonth: "1.5", compound: false, onAmount: 1_200_00n, perMonth: 18_00n },
      },
    ],
    [
      "compound interest with a cap",
      {
        lateFee: {
          kind: "interest",
          appliesFrom: date("2027-02-15"),
          percentPerMonth: "0.083333",
          compound: true,
          onAmount: 1_200_00n,
          perMonth: 1_00n,
          max: 50_00n,
        },
      },
    ],
    [
      "the rules of a stage waiting for its event",
      { pending: { earlyPayment: { percent: "2.5", withinDays: 5 }, lateFee: { kind: "fixed", fee: 25_00n, graceDays: 3 } } },
    ],
    [
      "pending interest with a cap",
      { pending: { lateFee: { kind: "interest", percentPerMonth: "1", compound: true, graceDays: 0, max: 9_007_199_254_740_993n } } },
    ],
    ["a pending discount alone", { pending: { earlyPayment: { percent: "0.5", withinDays: 0 } } }],
    ["a pending discount rounded to the coin", { pending: { earlyPayment: { percent: "2", withinDays: 10 }, cashRounding: { unit: 5n, method: "halfUp" } } }],
    // Past 2^53 minor units: a JSON number would lose the last digits.
    ["amounts beyond a double's precision", { earlyPayment: { ...OFFER, discount: 9_007_199_254_740_993n, payable: 900_719_925_474_099_301n } }],
  ])("%s reads back as written", (_name, terms) => {
    const text = paymentTermsToColumn(terms);
    expect(text).not.toBeNull();
    expect(paymentTermsFromColumn(text)).toEqual(terms);
  });

  it("stores amounts as strings, not JSON numbers", () => {
    const stored = JSON.parse(paymentTermsToColumn({ earlyPayment: OFFER }) ?? "null") as { earlyPayment: Record<string, unknown> };
    expect(stored.earlyPayment).toMatchObject({
      discount: "2300",
      payable: "112700",
      taxReduction: [
        { title: "State tax", amount: "230" },
        { title: "City tax", amount: "0" },
      ],
    });
  });

  it("is null for a stage without terms, and reads back as none", () => {
    expect(paymentTermsToColumn({})).toBeNull();
    expect(paymentTermsFromColumn(null)).toEqual({});
  });

  it("keeps only the terms: the rest of an installment is stored in its own columns", () => {
    const installment = { position: 2, amount: 1_150_00n, earlyPayment: OFFER };
    expect(Object.keys(JSON.parse(paymentTermsToColumn(installment) ?? "{}") as object)).toEqual(["earlyPayment"]);
  });
});
