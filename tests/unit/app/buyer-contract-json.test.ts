import { describe, expect, it } from "vitest";
import { buyerContractJson } from "../../../app/buyer-contract-json.server";
import type { CalendarDate } from "../../../app/domain/dates/calendar-date";
import type { StoredContract, StoredStage } from "../../../app/models/contracts.server";

const date = (text: string) => text as CalendarDate;
const ORDER = "gid://shopify/Order/7";

/** 1,070.00 including 70.00 VAT, 2% off in time: 1,048.60 payable, 21.40 off, 1.40 of it VAT. */
const offer = { percent: "2", until: date("2027-03-11"), discount: 21_40n, payable: 1_048_60n, taxReduction: [{ title: "VAT", amount: 1_40n }] };

function stage(position: number, changes: Partial<StoredStage> = {}): StoredStage {
  return {
    position,
    kind: "installment",
    title: `Stage ${position}`,
    status: "scheduled",
    amountMinor: 1_070_00n,
    paidMinor: 0n,
    discountMinor: 0n,
    taxShares: [{ title: "VAT", amount: 70_00n }],
    dueDate: date("2027-03-31"),
    dueRule: {},
    payUrl: null,
    invoiceNumber: null,
    stageOrderId: null,
    paymentTerms: { earlyPayment: offer },
    ...changes,
  } as Partial<StoredStage> as StoredStage;
}

const contractOf = (stages: StoredStage[]) =>
  ({ id: "c1", status: "active", currency: "EUR", totalMinor: 3_210_00n, mainOrderId: ORDER, stages }) as Partial<StoredContract> as StoredContract;

const json = (stages: StoredStage[], paidMinor = 0n) => buyerContractJson("shop.example", contractOf(stages), { buyer: null, orderId: ORDER, paidMinor });

describe("what the buyer paid with the order, with an early-payment discount", () => {
  it("shows the money, the tax inside it (the stage's less the offer's reduction) and the discount with its percentage", () => {
    const paid = stage(1, { status: "paid", paidMinor: 1_070_00n, discountMinor: 21_40n });
    expect(json([paid, stage(2), stage(3)], 1_048_60n).paidOnOrder).toEqual({
      positions: [1],
      amount: "1048.60",
      tax: [{ title: "VAT", amount: "68.60" }],
      discount: { amount: "21.40", percent: "2" },
    });
  });

  it("adds up the discounts of several stages, naming no percentage when their rules differ", () => {
    const other = { ...offer, percent: "3" };
    const first = stage(1, { status: "paid", paidMinor: 1_070_00n, discountMinor: 21_40n });
    const second = stage(2, { status: "paid", paidMinor: 1_070_00n, discountMinor: 21_40n, paymentTerms: { earlyPayment: other } });
    const answer = json([first, second, stage(3)]).paidOnOrder;
    expect(answer?.discount).toEqual({ amount: "42.80", percent: null });
    expect(answer?.tax).toEqual([{ title: "VAT", amount: "137.20" }]);
  });

  it("says no discount and the whole tax when the stage was paid in full", () => {
    const paid = stage(1, { status: "paid", paidMinor: 1_070_00n });
    expect(json([paid, stage(2), stage(3)]).paidOnOrder).toMatchObject({ amount: "1070.00", tax: [{ title: "VAT", amount: "70.00" }], discount: null });
  });
});

describe("a late fee in the buyer's schedule", () => {
  const fee = stage(1002, {
    kind: "lateFee",
    title: "Late fee on payment 2 of 3 (Stage 2)",
    amountMinor: 25_00n,
    taxShares: [],
    paymentTerms: {},
    status: "paid",
    paidMinor: 25_00n,
  });

  it("keeps its title and its own position, with no tax and no discount", () => {
    const answer = json([stage(1, { status: "paid", paidMinor: 1_070_00n }), stage(2, { status: "overdue" }), stage(3), fee]);
    const listed = answer.stages.find((row) => row.position === 1002);
    expect(listed).toMatchObject({ title: "Late fee on payment 2 of 3 (Stage 2)", amount: "25.00", tax: [], status: "paid" });
    expect(answer.stages.filter((row) => /of 4|1002/.test(row.title))).toEqual([]);
    // Paid with the main order beside the deposit: its money counts, it adds no tax line.
    expect(answer.paidOnOrder).toEqual({ positions: [1, 1002], amount: "1095.00", tax: [{ title: "VAT", amount: "70.00" }], discount: null });
  });
});
