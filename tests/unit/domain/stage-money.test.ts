import { describe, expect, it } from "vitest";
import { splitBetween } from "../../../app/domain/books/stage-split";
import { discountTaxShares, moneyHeld, moneyReceived, taxPaid } from "../../../app/domain/contract/stage-money";
import { parseCalendarDate } from "../../../app/domain/dates/calendar-date";
import { earlyPaymentOffer } from "../../../app/domain/payment-rules/early-payment-discount";

describe("a stage's money", () => {
  it.each([
    ["paid in full, no discount", { paidMinor: 1_000n, discountMinor: 0n, refundedMinor: 0n }, 1_000n, 1_000n],
    ["980 paid in time, 20 let off", { paidMinor: 1_000n, discountMinor: 20n, refundedMinor: 0n }, 980n, 980n],
    ["the same, 500 refunded", { paidMinor: 1_000n, discountMinor: 20n, refundedMinor: 500n }, 980n, 480n],
    ["all its money refunded: the discount is nothing to give back", { paidMinor: 1_000n, discountMinor: 20n, refundedMinor: 980n }, 980n, 0n],
  ])("%s", (_name, stage, received, held) => {
    expect(moneyReceived(stage)).toBe(received);
    expect(moneyHeld(stage)).toBe(held);
  });
});

describe("the tax paid on a stage settled with an early-payment discount", () => {
  const taxShares = [
    { title: "State Tax", amount: 4_000n },
    { title: "County Tax", amount: 3_000n },
  ];
  const offer = earlyPaymentOffer(
    { percent: "2", withinDays: 10 },
    { amount: 107_000n, taxLines: taxShares, issuedOn: parseCalendarDate("2026-11-02", "issuedOn") },
  );
  const stage = (paidMinor: bigint, discountMinor: bigint) => ({
    amountMinor: 107_000n,
    taxShares,
    paidMinor,
    discountMinor,
    paymentTerms: { earlyPayment: offer },
  });

  it("takes the offer's tax reduction off when the whole offer was granted", () => {
    expect(offer.discount).toBe(2_140n);
    expect(discountTaxShares(stage(107_000n, 2_140n))).toEqual(offer.taxReduction);
    expect(taxPaid(stage(107_000n, 2_140n))).toEqual([
      { title: "State Tax", amount: 4_000n - offer.taxReduction[0]!.amount },
      { title: "County Tax", amount: 3_000n - offer.taxReduction[1]!.amount },
    ]);
    expect(offer.taxReduction.map((line) => line.amount)).toEqual([80n, 60n]);
  });

  it("splits a part of the offer as the books split the discount", () => {
    // 106,000 paid, 1,000 let off: the tax inside 106,000 is 7,000 × 106/107 = 6,934.58 → 6,935, so 65 is the discount's.
    const partial = stage(107_000n, 1_000n);
    const fact = { id: "s1", position: 1, title: "Deposit", issueDate: null, dueDate: null, status: "paid", invoiceNumber: null };
    const books = splitBetween(
      { ...fact, amountMinor: 107_000n, taxShares: taxShares.map((line) => ({ title: line.title, amountMinor: line.amount })) },
      106_000n,
      107_000n,
    );
    expect(discountTaxShares(partial).map((line) => line.amount)).toEqual(books.taxes);
    expect(taxPaid(partial).reduce((sum, line) => sum + line.amount, 0n)).toBe(6_935n);
  });

  it("leaves the tax whole when no discount was granted", () => {
    expect(taxPaid(stage(107_000n, 0n))).toEqual(taxShares);
    expect(taxPaid({ ...stage(107_000n, 0n), paymentTerms: {} })).toEqual(taxShares);
  });
});
