import { describe, expect, it } from "vitest";

import { journalOfContract } from "../../../app/domain/books/journal";
import type { LedgerFact, StageFact } from "../../../app/domain/books/journal-types";
import { balanceOf, contractFacts, day, linesOf, paid, refunded, stageFact } from "./books-fixture";

/** The 30/50/20 contract: a deposit, a pre-shipping payment, shipping on Feb 10, then the balance on net 30. */
function threeStageContract() {
  return contractFacts({
    fulfilledOn: day("2027-02-10"),
    stages: [
      stageFact(1, { issueDate: day("2027-01-05"), status: "paid", invoiceNumber: "T-1" }),
      stageFact(2, { issueDate: day("2027-02-01"), status: "paid", invoiceNumber: "T-2" }),
      stageFact(3, { issueDate: day("2027-02-10"), dueDate: day("2027-03-12"), status: "paid", invoiceNumber: "T-3" }),
    ],
    ledger: [paid("s1", 33_000n, "2027-01-05T10:00:00Z"), paid("s2", 55_000n, "2027-02-03T09:00:00Z"), paid("s3", 22_000n, "2027-03-10T15:00:00Z")],
  });
}

describe("journalOfContract: a deposit, shipping, then the balance", () => {
  const journal = journalOfContract(threeStageContract());

  it("books each event on its day, in order, with hand-computed figures", () => {
    expect(journal.map((entry) => [entry.date, entry.kind, ...linesOf(entry)])).toEqual([
      ["2027-01-05", "invoice", "Dr accountsReceivable 33000", "Cr contractLiability 30000", "Cr taxPayable:State tax 1800", "Cr taxPayable:City tax 1200"],
      ["2027-01-05", "payment", "Dr cashClearing 33000", "Cr accountsReceivable 33000"],
      ["2027-02-01", "invoice", "Dr accountsReceivable 55000", "Cr contractLiability 50000", "Cr taxPayable:State tax 3000", "Cr taxPayable:City tax 2000"],
      ["2027-02-03", "payment", "Dr cashClearing 55000", "Cr accountsReceivable 55000"],
      // Revenue is recognised first on the shipping day, with the liability at the end of the day before.
      ["2027-02-10", "recognition", "Dr contractLiability 80000", "Cr revenue 80000"],
      ["2027-02-10", "invoice", "Dr accountsReceivable 22000", "Cr revenue 20000", "Cr taxPayable:State tax 1200", "Cr taxPayable:City tax 800"],
      ["2027-03-10", "payment", "Dr cashClearing 22000", "Cr accountsReceivable 22000"],
    ]);
  });

  it("names the contract, the stage and its invoice in the memo", () => {
    expect(journal[0]?.memo).toBe("#1001 · stage 1 Deposit invoiced (invoice T-1)");
    expect(journal[0]?.stagePosition).toBe(1);
    expect(journal[4]?.memo).toBe("#1001 · revenue recognised on shipping");
  });

  it("ends with no receivable, no liability, the revenue and the tax of the order", () => {
    expect(balanceOf(journal, "accountsReceivable")).toBe(0n);
    expect(balanceOf(journal, "contractLiability")).toBe(0n);
    expect(balanceOf(journal, "revenue")).toBe(-100_000n);
    expect(balanceOf(journal, "taxPayable", "State tax")).toBe(-6_000n);
    expect(balanceOf(journal, "taxPayable", "City tax")).toBe(-4_000n);
    expect(balanceOf(journal, "cashClearing")).toBe(110_000n);
  });
});

describe("journalOfContract: refunds", () => {
  it("before shipping, a refund gives back contract liability and its share of each tax line", () => {
    const facts = threeStageContract();
    const journal = journalOfContract({ ...facts, ledger: [...facts.ledger, refunded("s1", 11_000n, "2027-01-20T12:00:00Z")] });
    const refund = journal.find((entry) => entry.kind === "refund");
    expect(refund && [refund.date, ...linesOf(refund)]).toEqual([
      "2027-01-20",
      "Cr cashClearing 11000",
      "Dr contractLiability 10000",
      "Dr taxPayable:State tax 600",
      "Dr taxPayable:City tax 400",
    ]);
    expect(linesOf(journal.find((entry) => entry.kind === "recognition")!)).toEqual(["Dr contractLiability 70000", "Cr revenue 70000"]);
    expect(balanceOf(journal, "contractLiability")).toBe(0n);
  });

  it("giving back a payment made twice restores the receivable: the sale and its tax stand", () => {
    const facts = threeStageContract();
    const twice = [...facts.ledger, paid("s1", 33_000n, "2027-01-06T10:00:00Z"), refunded("s1", 33_000n, "2027-01-07T10:00:00Z")];
    const journal = journalOfContract({ ...facts, ledger: twice });
    expect(linesOf(journal.find((entry) => entry.kind === "refund")!)).toEqual(["Cr cashClearing 33000", "Dr accountsReceivable 33000"]);
    expect(balanceOf(journal, "accountsReceivable")).toBe(0n);
    expect(balanceOf(journal, "revenue")).toBe(-100_000n);
    expect(balanceOf(journal, "taxPayable", "State tax")).toBe(-6_000n);
    expect(balanceOf(journal, "cashClearing")).toBe(110_000n);
  });

  it("a refund beyond the overpayment gives back the overpayment first, then the sale", () => {
    const facts = threeStageContract();
    const ledger = [...facts.ledger, paid("s1", 11_000n, "2027-01-06T10:00:00Z"), refunded("s1", 22_000n, "2027-01-07T10:00:00Z")];
    const refund = journalOfContract({ ...facts, ledger }).find((entry) => entry.kind === "refund")!;
    expect(linesOf(refund)).toEqual([
      "Cr cashClearing 22000",
      "Dr accountsReceivable 11000",
      "Dr contractLiability 10000",
      "Dr taxPayable:State tax 600",
      "Dr taxPayable:City tax 400",
    ]);
  });

  it("on and after shipping, a refund is a sales return", () => {
    const facts = threeStageContract();
    const journal = journalOfContract({ ...facts, ledger: [...facts.ledger, refunded("s2", 5_500n, "2027-02-10T18:00:00Z")] });
    const refund = journal.find((entry) => entry.kind === "refund");
    expect(refund && linesOf(refund)).toEqual(["Cr cashClearing 5500", "Dr salesReturns 5000", "Dr taxPayable:State tax 300", "Dr taxPayable:City tax 200"]);
    expect(refund?.memo).toBe("#1001 · refund from stage 2 Pre-shipping");
  });

  it("refunds of one stage in pieces give back exactly its tax lines in all", () => {
    const facts = threeStageContract();
    const pieces = [
      refunded("s1", 10_001n, "2027-01-20T12:00:00Z"),
      refunded("s1", 9_999n, "2027-01-21T12:00:00Z"),
      refunded("s1", 13_000n, "2027-01-22T12:00:00Z"),
    ];
    const journal = journalOfContract({ ...facts, ledger: [...facts.ledger, ...pieces] });
    const refunds = journal.filter((entry) => entry.kind === "refund");
    // 10 001 of 33 000: tax 3000 × 10001 / 33000 = 909.18 → 909, split by highest averages: 545 / 363,
    // and the unit left is a tie (1800 / 546 = 1200 / 364), won by the earlier line.
    expect(linesOf(refunds[0]!)).toEqual(["Cr cashClearing 10001", "Dr contractLiability 9092", "Dr taxPayable:State tax 546", "Dr taxPayable:City tax 363"]);
    expect(balanceOf(refunds, "taxPayable", "State tax")).toBe(1_800n);
    expect(balanceOf(refunds, "taxPayable", "City tax")).toBe(1_200n);
    expect(balanceOf(refunds, "contractLiability")).toBe(30_000n);
  });

  it("a refund naming no stage is spread over the stages by what each holds", () => {
    const facts = threeStageContract();
    const journal = journalOfContract({ ...facts, fulfilledOn: null, ledger: [...facts.ledger.slice(0, 2), refunded(null, 8_800n, "2027-02-05T12:00:00Z")] });
    const refund = journal.find((entry) => entry.kind === "refund");
    // Stage 1 holds 33 000 and stage 2 55 000: 3 300 and 5 500, each with its own tax.
    expect(refund && linesOf(refund)).toEqual([
      "Cr cashClearing 8800",
      "Dr contractLiability 8000",
      "Dr taxPayable:State tax 480",
      "Dr taxPayable:City tax 320",
    ]);
  });
});

describe("journalOfContract: early-payment discounts", () => {
  /** Stage 2 (550.00 with 30.00 + 20.00 tax) paid 539.00 in time: 2% (11.00) let off, its tax falling in proportion. */
  function discounted(payOn: string) {
    const facts = threeStageContract();
    return contractFacts({
      ...facts,
      ledger: [facts.ledger[0]!, paid("s2", 53_900n, `${payOn}T09:00:00Z`), paid("s2", 1_100n, `${payOn}T09:00:00Z`, "earlyPaymentDiscount"), facts.ledger[2]!],
    });
  }

  it("before shipping, the discount lowers the deferred revenue and each tax line, and settles the receivable", () => {
    const journal = journalOfContract(discounted("2027-02-03"));
    const discount = journal.find((entry) => entry.kind === "earlyPaymentDiscount");
    expect(discount && [discount.date, discount.memo, ...linesOf(discount)]).toEqual([
      "2027-02-03",
      "#1001 · early-payment discount on stage 2 Pre-shipping",
      "Dr contractLiability 1000",
      "Dr taxPayable:State tax 60",
      "Dr taxPayable:City tax 40",
      "Cr accountsReceivable 1100",
    ]);
    expect(balanceOf(journal, "accountsReceivable")).toBe(0n);
    expect(balanceOf(journal, "contractLiability")).toBe(0n);
    expect(balanceOf(journal, "revenue")).toBe(-99_000n);
    expect(balanceOf(journal, "taxPayable", "State tax")).toBe(-5_940n);
    expect(balanceOf(journal, "taxPayable", "City tax")).toBe(-3_960n);
    expect(balanceOf(journal, "cashClearing")).toBe(108_900n);
  });

  it("after shipping, it is a sales discount", () => {
    const facts = discounted("2027-02-11");
    const journal = journalOfContract(facts);
    expect(linesOf(journal.find((entry) => entry.kind === "earlyPaymentDiscount")!)[0]).toBe("Dr salesDiscounts 1000");
    expect(balanceOf(journal, "salesDiscounts")).toBe(1_000n);
    expect(balanceOf(journal, "accountsReceivable")).toBe(0n);
  });

  it("is no money: refunding all the stage's money gives back its tax less the discount's, and the tax lines close", () => {
    const facts = discounted("2027-02-03");
    const journal = journalOfContract({ ...facts, ledger: [...facts.ledger, refunded("s2", 53_900n, "2027-02-05T12:00:00Z")] });
    const refund = journal.find((entry) => entry.kind === "refund")!;
    expect(linesOf(refund)).toEqual(["Cr cashClearing 53900", "Dr contractLiability 49000", "Dr taxPayable:State tax 2940", "Dr taxPayable:City tax 1960"]);
    // Stage 2's tax is wholly given back: 3 000 = 60 (discount) + 2 940 (refund).
    expect(balanceOf(journal, "taxPayable", "State tax")).toBe(-3_000n);
  });

  it("refuses a discount that names no stage", () => {
    const facts = threeStageContract();
    expect(() => journalOfContract({ ...facts, ledger: [...facts.ledger, paid(null, 100n, "2027-02-03T09:00:00Z", "earlyPaymentDiscount")] })).toThrow(
      /an early-payment discount must name its stage/,
    );
  });
});

describe("journalOfContract: cancellations", () => {
  /** The deposit paid, the pre-shipping stage invoiced and unpaid, cancelled on Feb 15 before shipping. */
  function cancelledContract(settlement: "keepAsCredit" | "close" | "refund" | null) {
    return contractFacts({
      cancelledOn: day("2027-02-15"),
      settlement,
      stages: [
        stageFact(1, { issueDate: day("2027-01-05"), status: "paid", invoiceNumber: "T-1" }),
        stageFact(2, { issueDate: day("2027-02-01"), status: "cancelled", invoiceNumber: "T-2" }),
        stageFact(3, { status: "cancelled" }),
      ],
      ledger: [paid("s1", 33_000n, "2027-01-05T10:00:00Z")],
    });
  }

  const unpaidCredited = ["Dr contractLiability 50000", "Dr taxPayable:State tax 3000", "Dr taxPayable:City tax 2000", "Cr accountsReceivable 55000"];

  it("keepAsCredit: credits the unpaid invoice, then moves the kept deposit to customer credit", () => {
    const journal = journalOfContract(cancelledContract("keepAsCredit"));
    const onCancellation = journal.filter((entry) => entry.date === "2027-02-15");
    expect(onCancellation.map((entry) => [entry.kind, ...linesOf(entry)])).toEqual([
      ["cancellationCredit", ...unpaidCredited],
      ["cancellationToCredit", "Dr contractLiability 30000", "Cr customerCredit 30000"],
    ]);
    expect(balanceOf(journal, "accountsReceivable")).toBe(0n);
    expect(balanceOf(journal, "revenue")).toBe(0n);
  });

  it("close: the kept deposit is earned on cancellation", () => {
    const journal = journalOfContract(cancelledContract("close"));
    expect(journal.filter((entry) => entry.date === "2027-02-15").map((entry) => [entry.kind, ...linesOf(entry)])).toEqual([
      ["cancellationCredit", ...unpaidCredited],
      ["cancellationEarned", "Dr contractLiability 30000", "Cr revenue 30000"],
    ]);
  });

  it("a contract cancelled by Shopify (no settlement) is closed the same way", () => {
    const journal = journalOfContract(cancelledContract(null));
    expect(journal.at(-1)?.kind).toBe("cancellationEarned");
  });

  it("refund: the deposit refunded the same day leaves nothing to earn", () => {
    const facts = cancelledContract("refund");
    const journal = journalOfContract({ ...facts, ledger: [...facts.ledger, refunded("s1", 33_000n, "2027-02-15T16:00:00Z")] });
    expect(journal.filter((entry) => entry.date === "2027-02-15").map((entry) => [entry.kind, ...linesOf(entry)])).toEqual([
      ["refund", "Cr cashClearing 33000", "Dr contractLiability 30000", "Dr taxPayable:State tax 1800", "Dr taxPayable:City tax 1200"],
      ["cancellationCredit", ...unpaidCredited],
    ]);
    expect(balanceOf(journal, "taxPayable")).toBe(0n);
    expect(balanceOf(journal, "cashClearing")).toBe(0n);
  });

  it("a refund after the cancellation gives back earned revenue, or customer credit when the deposit was kept as credit", () => {
    const later = refunded("s1", 3_300n, "2027-03-01T10:00:00Z");
    const closed = journalOfContract({ ...cancelledContract("close"), ledger: [...cancelledContract("close").ledger, later] });
    const credited = journalOfContract({ ...cancelledContract("keepAsCredit"), ledger: [...cancelledContract("keepAsCredit").ledger, later] });
    expect(linesOf(closed.at(-1)!)).toContain("Dr salesReturns 3000");
    expect(linesOf(credited.at(-1)!)).toContain("Dr customerCredit 3000");
    expect(balanceOf(closed, "contractLiability")).toBe(0n);
    expect(balanceOf(credited, "contractLiability")).toBe(0n);
  });

  it("a contract cancelled before it shipped recognises nothing on a later fulfilment date", () => {
    const journal = journalOfContract({ ...cancelledContract("close"), fulfilledOn: day("2027-03-01") });
    expect(journal.some((entry) => entry.kind === "recognition")).toBe(false);
  });

  it("cancelled after shipping: the unpaid balance is credited as a sales return", () => {
    const facts = threeStageContract();
    const journal = journalOfContract({
      ...facts,
      cancelledOn: day("2027-02-20"),
      settlement: "close",
      stages: facts.stages.map((stage) => (stage.position === 3 ? { ...stage, status: "cancelled" } : stage)),
      ledger: facts.ledger.slice(0, 2),
    });
    expect(journal.filter((entry) => entry.date === "2027-02-20").map((entry) => [entry.kind, ...linesOf(entry)])).toEqual([
      ["cancellationCredit", "Dr salesReturns 20000", "Dr taxPayable:State tax 1200", "Dr taxPayable:City tax 800", "Cr accountsReceivable 22000"],
    ]);
  });
});

describe("journalOfContract: invoice dates", () => {
  it("a stage paid before its issue date is invoiced when paid", () => {
    const journal = journalOfContract(
      contractFacts({
        stages: [stageFact(2, { id: "s2", issueDate: day("2027-02-01"), status: "paid" })],
        ledger: [paid("s2", 55_000n, "2027-01-25T08:00:00Z")],
      }),
    );
    expect(journal.map((entry) => [entry.date, entry.kind])).toEqual([
      ["2027-01-25", "invoice"],
      ["2027-01-25", "payment"],
    ]);
  });

  it("a scheduled stage with no issue date that was paid is invoiced on the payment's day in the contract's zone", () => {
    const journal = journalOfContract(
      contractFacts({
        timeZone: "Asia/Tokyo",
        stages: [stageFact(1, { status: "scheduled" })],
        ledger: [paid("s1", 33_000n, "2027-01-05T20:00:00Z", "manualPayment")],
      }),
    );
    expect(journal.map((entry) => [entry.date, entry.kind])).toEqual([
      ["2027-01-06", "invoice"],
      ["2027-01-06", "payment"],
    ]);
    expect(journal[1]?.memo).toBe("#1001 · offline payment received for stage 1 Deposit");
  });

  it("stages still scheduled, or cancelled before any invoice, have no entry", () => {
    const journal = journalOfContract(
      contractFacts({
        stages: [stageFact(1, { issueDate: day("2027-01-05"), status: "scheduled" }), stageFact(2, { issueDate: day("2027-02-01"), status: "cancelled" })],
      }),
    );
    expect(journal).toEqual([]);
  });
});

describe("journalOfContract: currencies with 0 and 3 decimals", () => {
  it("JPY: a ¥10 000 refund of a ¥33 000 deposit gives back ¥909 of its ¥3 000 consumption tax", () => {
    const stage = stageFact(1, {
      amountMinor: 33_000n,
      taxShares: [{ title: "Consumption tax 10%", amountMinor: 3_000n }],
      issueDate: day("2027-01-05"),
      status: "paid",
    });
    const journal = journalOfContract(
      contractFacts({
        currency: "JPY",
        stages: [stage],
        ledger: [paid("s1", 33_000n, "2027-01-05T01:00:00Z"), refunded("s1", 10_000n, "2027-01-07T01:00:00Z")],
      }),
    );
    expect(linesOf(journal.at(-1)!)).toEqual(["Cr cashClearing 10000", "Dr contractLiability 9091", "Dr taxPayable:Consumption tax 10% 909"]);
    expect(journal.every((entry) => entry.currency === "JPY")).toBe(true);
  });

  it("KWD: 10.001 of a 105.000 stage with 5.000 VAT gives back 0.476 of tax", () => {
    const stage = stageFact(1, { amountMinor: 105_000n, taxShares: [{ title: "VAT 5%", amountMinor: 5_000n }], issueDate: day("2027-01-05"), status: "paid" });
    const journal = journalOfContract(
      contractFacts({
        currency: "KWD",
        stages: [stage],
        ledger: [paid("s1", 105_000n, "2027-01-05T01:00:00Z"), refunded("s1", 10_001n, "2027-01-07T01:00:00Z")],
      }),
    );
    expect(linesOf(journal.at(-1)!)).toEqual(["Cr cashClearing 10001", "Dr contractLiability 9525", "Dr taxPayable:VAT 5% 476"]);
  });
});

describe("journalOfContract: bad facts", () => {
  it("refuses a stage whose tax is more than its amount, naming the stage and contract", () => {
    const stage = stageFact(2, { amountMinor: 100n, taxShares: [{ title: "VAT", amountMinor: 101n }], status: "invoiced", issueDate: day("2027-01-01") });
    expect(() => journalOfContract(contractFacts({ stages: [stage] }))).toThrow("stage 2 of contract c1: its tax shares (101) exceed its amount (100)");
  });
});

describe("journalOfContract: late fees", () => {
  /** A fixed 25.00 fee charged on stage `on` of the 30/50/20 contract: a stage of its own, with no tax. */
  function feeStage(on: number, chargedOn: string, overrides: Partial<StageFact> = {}): StageFact {
    return stageFact(1000 + on, {
      id: `f${on}`,
      title: `Late fee on payment ${on} (${stageFact(on).title})`,
      amountMinor: 2_500n,
      taxShares: [],
      issueDate: day(chargedOn),
      dueDate: day(chargedOn),
      status: "invoiced",
      invoiceNumber: "T-4",
      lateFee: true,
      ...overrides,
    });
  }

  /** The balance (due Mar 12, 5 days' grace) paid late on Mar 25; its fee, charged on Mar 18, paid with it. */
  function balancePaidLate(feeLedger: readonly LedgerFact[] = [paid("f3", 2_500n, "2027-03-25T15:00:00Z")]) {
    const facts = threeStageContract();
    return contractFacts({
      ...facts,
      stages: [...facts.stages, feeStage(3, "2027-03-18", { status: "paid" })],
      ledger: [...facts.ledger.slice(0, 2), paid("s3", 22_000n, "2027-03-25T14:00:00Z"), ...feeLedger],
    });
  }

  it("a fee charged after shipping is invoiced to late-fee income, with no tax, and paid like any stage", () => {
    const journal = journalOfContract(balancePaidLate());
    expect(journal.filter((entry) => entry.stagePosition === 1003).map((entry) => [entry.date, entry.kind, ...linesOf(entry)])).toEqual([
      ["2027-03-18", "invoice", "Dr accountsReceivable 2500", "Cr lateFeeIncome 2500"],
      ["2027-03-25", "payment", "Dr cashClearing 2500", "Cr accountsReceivable 2500"],
    ]);
    expect(journal.find((entry) => entry.kind === "payment" && entry.stagePosition === 1003)?.memo).toBe(
      "#1001 · payment received for stage 1003 Late fee on payment 3 (Balance)",
    );
    expect(balanceOf(journal, "accountsReceivable")).toBe(0n);
    expect(balanceOf(journal, "lateFeeIncome")).toBe(-2_500n);
    // The order's revenue and tax are what they were without the fee.
    expect(balanceOf(journal, "revenue")).toBe(-100_000n);
    expect(balanceOf(journal, "taxPayable")).toBe(-10_000n);
    expect(balanceOf(journal, "cashClearing")).toBe(112_500n);
  });

  it("a fee charged before shipping is earned at once: never deferred, so the shipping day recognises only the order", () => {
    const facts = threeStageContract();
    const journal = journalOfContract({
      ...facts,
      stages: [...facts.stages, feeStage(2, "2027-02-07", { status: "paid" })],
      ledger: [facts.ledger[0]!, paid("s2", 55_000n, "2027-02-09T09:00:00Z"), paid("f2", 2_500n, "2027-02-09T09:05:00Z"), facts.ledger[2]!],
    });
    expect(linesOf(journal.find((entry) => entry.kind === "invoice" && entry.stagePosition === 1002)!)).toEqual([
      "Dr accountsReceivable 2500",
      "Cr lateFeeIncome 2500",
    ]);
    expect(linesOf(journal.find((entry) => entry.kind === "recognition")!)).toEqual(["Dr contractLiability 80000", "Cr revenue 80000"]);
    expect(balanceOf(journal, "contractLiability")).toBe(0n);
    expect(balanceOf(journal, "lateFeeIncome")).toBe(-2_500n);
    expect(balanceOf(journal, "revenue")).toBe(-100_000n);
  });

  it("a refund of the fee stage gives back late-fee income, not sales returns, even after shipping", () => {
    const journal = journalOfContract(balancePaidLate([paid("f3", 2_500n, "2027-03-25T15:00:00Z"), refunded("f3", 1_000n, "2027-03-28T10:00:00Z")]));
    const refund = journal.find((entry) => entry.kind === "refund")!;
    expect([refund.date, refund.stagePosition, ...linesOf(refund)]).toEqual(["2027-03-28", 1003, "Cr cashClearing 1000", "Dr lateFeeIncome 1000"]);
    expect(balanceOf(journal, "lateFeeIncome")).toBe(-1_500n);
    expect(balanceOf(journal, "salesReturns")).toBe(0n);
    expect(balanceOf(journal, "taxPayable")).toBe(-10_000n);
  });

  /** The deposit paid, the pre-shipping stage unpaid and its fee charged on Feb 8, cancelled on Feb 15 before shipping. */
  function cancelledWithFee(feeLedger: readonly LedgerFact[]) {
    return contractFacts({
      cancelledOn: day("2027-02-15"),
      settlement: "close",
      stages: [
        stageFact(1, { issueDate: day("2027-01-05"), status: "paid", invoiceNumber: "T-1" }),
        stageFact(2, { issueDate: day("2027-02-01"), status: "cancelled", invoiceNumber: "T-2" }),
        stageFact(3, { status: "cancelled" }),
        feeStage(2, "2027-02-08", { status: "cancelled" }),
      ],
      ledger: [paid("s1", 33_000n, "2027-01-05T10:00:00Z"), ...feeLedger],
    });
  }

  it("a fee unpaid on cancellation is credited back against late-fee income; the kept deposit is earned as before", () => {
    const journal = journalOfContract(cancelledWithFee([]));
    expect(journal.filter((entry) => entry.date === "2027-02-15").map((entry) => [entry.kind, entry.stagePosition, ...linesOf(entry)])).toEqual([
      ["cancellationCredit", 2, "Dr contractLiability 50000", "Dr taxPayable:State tax 3000", "Dr taxPayable:City tax 2000", "Cr accountsReceivable 55000"],
      ["cancellationCredit", 1002, "Dr lateFeeIncome 2500", "Cr accountsReceivable 2500"],
      ["cancellationEarned", null, "Dr contractLiability 30000", "Cr revenue 30000"],
    ]);
    expect(balanceOf(journal, "lateFeeIncome")).toBe(0n);
    expect(balanceOf(journal, "accountsReceivable")).toBe(0n);
  });

  it("a fee partly paid before the cancellation keeps what was paid as income and credits back only the rest", () => {
    const journal = journalOfContract(cancelledWithFee([paid("f2", 1_000n, "2027-02-10T10:00:00Z")]));
    const feeCredit = journal.find((entry) => entry.kind === "cancellationCredit" && entry.stagePosition === 1002)!;
    expect(linesOf(feeCredit)).toEqual(["Dr lateFeeIncome 1500", "Cr accountsReceivable 1500"]);
    expect(balanceOf(journal, "lateFeeIncome")).toBe(-1_000n);
    expect(linesOf(journal.at(-1)!)).toEqual(["Dr contractLiability 30000", "Cr revenue 30000"]);
  });

  it("a refund naming no stage is spread over the order's stages only, never onto a fee that holds money", () => {
    const facts = threeStageContract();
    const journal = journalOfContract({
      ...facts,
      fulfilledOn: null,
      stages: [...facts.stages, feeStage(2, "2027-02-02", { status: "paid" })],
      ledger: [...facts.ledger.slice(0, 2), paid("f2", 2_500n, "2027-02-04T12:00:00Z"), refunded(null, 8_800n, "2027-02-05T12:00:00Z")],
    });
    // As without the fee: stage 1 holds 33 000 and stage 2 55 000, so 3 300 and 5 500, each with its own tax.
    expect(linesOf(journal.find((entry) => entry.kind === "refund")!)).toEqual([
      "Cr cashClearing 8800",
      "Dr contractLiability 8000",
      "Dr taxPayable:State tax 480",
      "Dr taxPayable:City tax 320",
    ]);
    expect(balanceOf(journal, "lateFeeIncome")).toBe(-2_500n);
  });

  it("a fee staff waived is taken back on the day it was waived", () => {
    const facts = threeStageContract();
    const journal = journalOfContract({ ...facts, stages: [...facts.stages, feeStage(3, "2027-03-18", { status: "cancelled", waivedOn: day("2027-03-20") })] });
    expect(journal.filter((entry) => entry.stagePosition === 1003).map((entry) => [entry.date, entry.kind, ...linesOf(entry)])).toEqual([
      ["2027-03-18", "invoice", "Dr accountsReceivable 2500", "Cr lateFeeIncome 2500"],
      ["2027-03-20", "lateFeeWaived", "Dr lateFeeIncome 2500", "Cr accountsReceivable 2500"],
    ]);
    expect(balanceOf(journal, "lateFeeIncome")).toBe(0n);
  });

  it("a waiver the buyer's payment overtook stands not: the fee was paid, and is earned", () => {
    const journal = journalOfContract(balancePaidLate([paid("f3", 2_500n, "2027-03-25T15:00:00Z")]));
    const waivedButPaid = journalOfContract({
      ...balancePaidLate([paid("f3", 2_500n, "2027-03-25T15:00:00Z")]),
      stages: balancePaidLate().stages.map((stage) => (stage.lateFee ? { ...stage, waivedOn: day("2027-03-25") } : stage)),
    });
    expect(waivedButPaid).toEqual(journal);
  });

  it("a contract cancelled before the waiver day has already credited the fee back: the waiver adds nothing", () => {
    const facts = cancelledWithFee([]);
    const waivedLater = { ...facts, stages: facts.stages.map((stage) => (stage.lateFee ? { ...stage, waivedOn: day("2027-02-20") } : stage)) };
    expect(journalOfContract(waivedLater)).toEqual(journalOfContract(facts));
  });
});
