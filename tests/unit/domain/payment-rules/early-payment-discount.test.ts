import { describe, expect, it } from "vitest";
import type { CalendarDate } from "../../../../app/domain/dates/calendar-date";
import {
  discountAppliesTo,
  earlyPaymentOffer,
  settleWithEarlyPayment,
  type EarlyPaymentOffer,
} from "../../../../app/domain/payment-rules/early-payment-discount";
import type { TaxLine } from "../../../../app/domain/schedule/order-snapshot";

const date = (text: string) => text as CalendarDate;
const tax = (title: string, amount: bigint): TaxLine => ({ title, amount });

describe("the early-payment offer", () => {
  // Odoo's examples are from odoo/odoo addons/account/tests/test_early_payment_discount.py (payment term
  // "10% discount if paid within 10 days", early_pay_discount_computation = "included"), in minor units.
  it.each([
    {
      example: "test_register_discounted_payment_on_single_invoice: 1000.00, no tax, 10%",
      percent: "10",
      amount: 100_000n,
      taxLines: [],
      payable: 90_000n,
      discount: 10_000n,
      taxReduction: [],
    },
    {
      example: "test_register_discounted_payment_on_single_out_invoice_with_tax: 1500.00 + 15% tax = 1725.00, 10%",
      percent: "10",
      amount: 172_500n,
      taxLines: [tax("Tax 15%", 22_500n)],
      payable: 155_250n,
      discount: 17_250n,
      taxReduction: [tax("Tax 15%", 2_250n)],
    },
    {
      example: "test_register_discounted_payment_multi_line_discount: 1000.00 at 15% + 2000.00 untaxed = 3150.00, 10%",
      percent: "10",
      amount: 315_000n,
      taxLines: [tax("Tax 15%", 15_000n)],
      payable: 283_500n,
      discount: 31_500n,
      taxReduction: [tax("Tax 15%", 1_500n)],
    },
    {
      example: "test_register_payment_batch_included: 1000.00 + 2000.00, no tax, 10%",
      percent: "10",
      amount: 300_000n,
      taxLines: [],
      payable: 270_000n,
      discount: 30_000n,
      taxReduction: [],
    },
    {
      example: "test_intracomm_bill_with_early_payment_included: 1000.00 at 2% (its reverse-charge tax nets to nothing)",
      percent: "2",
      amount: 100_000n,
      taxLines: [],
      payable: 98_000n,
      discount: 2_000n,
      taxReduction: [],
    },
    {
      example: "two tax lines fall by the same 2%: 100.00 + GST 5.00 + PST 7.00",
      percent: "2",
      amount: 11_200n,
      taxLines: [tax("GST", 500n), tax("PST", 700n)],
      payable: 10_976n,
      discount: 224n,
      taxReduction: [tax("GST", 10n), tax("PST", 14n)],
    },
    {
      example: "the payable amount is rounded half-up: 10.01 at 50% is 5.01",
      percent: "50",
      amount: 1_001n,
      taxLines: [],
      payable: 501n,
      discount: 500n,
      taxReduction: [],
    },
    {
      example: "the tax reduction is split by largest remainder, ties to the earlier line: 1.5 rounds to 2 over three lines of 1",
      percent: "50",
      amount: 100n,
      taxLines: [tax("A", 1n), tax("B", 1n), tax("C", 1n)],
      payable: 50n,
      discount: 50n,
      taxReduction: [tax("A", 1n), tax("B", 1n), tax("C", 0n)],
    },
    {
      example: "JPY has no minor unit: 10000 incl. 909 tax, 3%",
      percent: "3",
      amount: 10_000n,
      taxLines: [tax("Consumption tax", 909n)],
      payable: 9_700n,
      discount: 300n,
      taxReduction: [tax("Consumption tax", 27n)],
    },
  ])("$example", ({ percent, amount, taxLines, payable, discount, taxReduction }) => {
    const offer = earlyPaymentOffer({ percent, withinDays: 10 }, { amount, taxLines, issuedOn: date("2019-01-01") });
    expect(offer).toEqual({ percent, until: date("2019-01-11"), discount, payable, taxReduction });
  });

  it("runs to the issue date plus the days (Odoo test_early_payment_end_date: 2019-01-01 + 10 days = 2019-01-11)", () => {
    const offer = earlyPaymentOffer({ percent: "10", withinDays: 10 }, { amount: 120_000n, taxLines: [], issuedOn: date("2019-01-01") });
    expect(offer.until).toBe("2019-01-11");
    expect(earlyPaymentOffer({ percent: "2", withinDays: 0 }, { amount: 100n, taxLines: [], issuedOn: date("2027-02-28") }).until).toBe("2027-02-28");
    expect(earlyPaymentOffer({ percent: "2", withinDays: 1 }, { amount: 100n, taxLines: [], issuedOn: date("2028-02-28") }).until).toBe("2028-02-29");
  });

  it("refuses tax above the amount or negative amounts, which no schedule holds", () => {
    expect(() => earlyPaymentOffer({ percent: "2", withinDays: 10 }, { amount: 100n, taxLines: [tax("VAT", 101n)], issuedOn: date("2027-01-01") })).toThrow(
      RangeError,
    );
    expect(() => earlyPaymentOffer({ percent: "2", withinDays: 10 }, { amount: -1n, taxLines: [], issuedOn: date("2027-01-01") })).toThrow(RangeError);
  });
});

describe("paying within the discount period", () => {
  const offer: EarlyPaymentOffer = earlyPaymentOffer(
    { percent: "10", withinDays: 10 },
    { amount: 172_500n, taxLines: [tax("Tax 15%", 22_500n)], issuedOn: date("2019-01-01") },
  );

  it.each([
    ["2019-01-01", true],
    ["2019-01-11", true],
    ["2019-01-12", false],
  ])("a payment on %s earns the discount: %s", (paidOn, expected) => {
    expect(discountAppliesTo(date(paidOn), offer)).toBe(expected);
  });

  it.each([
    {
      case: "the discounted amount paid on the last day settles the stage",
      payments: [{ paidOn: date("2019-01-11"), amount: 155_250n }],
      owed: 0n,
      discountGranted: 17_250n,
      taxReduction: [tax("Tax 15%", 2_250n)],
    },
    {
      case: "two payments in time that together reach it settle it too",
      payments: [
        { paidOn: date("2019-01-03"), amount: 100_000n },
        { paidOn: date("2019-01-10"), amount: 55_250n },
      ],
      owed: 0n,
      discountGranted: 17_250n,
      taxReduction: [tax("Tax 15%", 2_250n)],
    },
    {
      case: "the discounted amount paid a day late leaves the discount owed",
      payments: [{ paidOn: date("2019-01-12"), amount: 155_250n }],
      owed: 17_250n,
      discountGranted: 0n,
      taxReduction: [tax("Tax 15%", 0n)],
    },
    {
      case: "a part payment in time earns no part of the discount",
      payments: [{ paidOn: date("2019-01-05"), amount: 100_000n }],
      owed: 72_500n,
      discountGranted: 0n,
      taxReduction: [tax("Tax 15%", 0n)],
    },
    {
      case: "in time, then the rest late: the full amount is owed",
      payments: [
        { paidOn: date("2019-01-05"), amount: 100_000n },
        { paidOn: date("2019-02-01"), amount: 55_250n },
      ],
      owed: 17_250n,
      discountGranted: 0n,
      taxReduction: [tax("Tax 15%", 0n)],
    },
    {
      case: "the full amount paid late settles it without a discount",
      payments: [{ paidOn: date("2019-03-01"), amount: 172_500n }],
      owed: 0n,
      discountGranted: 0n,
      taxReduction: [tax("Tax 15%", 0n)],
    },
    {
      case: "nothing paid: everything owed",
      payments: [],
      owed: 172_500n,
      discountGranted: 0n,
      taxReduction: [tax("Tax 15%", 0n)],
    },
  ])("$case", ({ payments, owed, discountGranted, taxReduction }) => {
    expect(settleWithEarlyPayment(payments, offer)).toEqual({ owed, discountGranted, taxReduction });
  });
});
