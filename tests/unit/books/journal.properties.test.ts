import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { journalOfContract } from "../../../app/domain/books/journal";
import type { ContractFacts, LedgerFact, StageFact } from "../../../app/domain/books/journal-types";
import { addDays, type CalendarDate } from "../../../app/domain/dates/calendar-date";
import { balanceOf, contractFacts } from "./books-fixture";

const START = "2027-01-01" as CalendarDate;
const dayAt = (offset: number) => addDays(START, offset);
const noonOf = (offset: number) => new Date(`${dayAt(offset)}T12:00:00Z`);

interface GeneratedStage {
  readonly fact: StageFact;
  readonly payments: readonly { amount: bigint; day: number }[];
  readonly refunds: readonly { amount: bigint; day: number }[];
}

/** A stage: its gross and 0-2 tax lines inside it; invoiced ones are paid in 0-2 pieces, then perhaps partly refunded. */
const stageArb = (position: number): fc.Arbitrary<GeneratedStage> =>
  fc
    .record({
      gross: fc.bigInt({ min: 0n, max: 200_000n }),
      taxRatios: fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 2 }),
      status: fc.constantFrom("scheduled", "cancelled", "invoiced", "paid", "overdue"),
      issueDay: fc.integer({ min: 0, max: 60 }),
      payDays: fc.array(fc.integer({ min: 0, max: 90 }), { maxLength: 2 }),
      paidShare: fc.integer({ min: 0, max: 100 }),
      refundShare: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 100 })),
      refundDay: fc.integer({ min: 0, max: 100 }),
    })
    .map(({ gross, taxRatios, status, issueDay, payDays, paidShare, refundShare, refundDay }) => {
      const taxes = taxRatios.map((ratio) => (gross * BigInt(ratio)) / 100n);
      const invoiced = status === "invoiced" || status === "paid" || status === "overdue";
      const paidTotal = !invoiced ? 0n : status === "paid" ? gross : (gross * BigInt(paidShare)) / 100n;
      const pieces = invoiced && paidTotal > 0n && payDays.length > 0 ? payDays : [];
      const payments = pieces.map((day, index) => ({ day, amount: index === 0 ? paidTotal - (paidTotal / 2n) * BigInt(pieces.length - 1) : paidTotal / 2n }));
      const refundAmount = (paidTotal * BigInt(refundShare)) / 100n;
      const lastPayment = Math.max(0, ...pieces);
      return {
        fact: {
          id: `s${position}`,
          position,
          title: `Stage ${position}`,
          amountMinor: gross,
          taxShares: taxes.map((amountMinor, index) => ({ title: index === 0 ? "State tax" : "City tax", amountMinor })),
          issueDate: dayAt(issueDay),
          dueDate: dayAt(issueDay + 30),
          status: pieces.length === 0 && status === "paid" ? "invoiced" : status,
          invoiceNumber: invoiced ? `T-${position}` : null,
        },
        payments: payments.filter((payment) => payment.amount > 0n),
        refunds: refundAmount > 0n && pieces.length > 0 ? [{ amount: refundAmount, day: Math.max(refundDay, lastPayment) }] : [],
      };
    });

/** A late fee charged on the contract (no tax, income of its own): waived before any payment, or paid in part or whole. */
const feeArb: fc.Arbitrary<GeneratedStage> = fc
  .record({
    gross: fc.bigInt({ min: 1n, max: 10_000n }),
    waived: fc.boolean(),
    issueDay: fc.integer({ min: 0, max: 60 }),
    laterDays: fc.integer({ min: 0, max: 40 }),
    paidShare: fc.integer({ min: 0, max: 100 }),
  })
  .map(({ gross, waived, issueDay, laterDays, paidShare }) => {
    const paid = waived ? 0n : (gross * BigInt(paidShare)) / 100n;
    return {
      fact: {
        id: "fee",
        position: 1001,
        title: "Late fee on payment 1",
        amountMinor: gross,
        taxShares: [],
        issueDate: dayAt(issueDay),
        dueDate: dayAt(issueDay + 14),
        status: waived ? "cancelled" : paid === gross ? "paid" : "invoiced",
        invoiceNumber: "T-fee",
        lateFee: true,
        waivedOn: waived ? dayAt(issueDay + laterDays) : null,
      },
      payments: paid > 0n ? [{ amount: paid, day: issueDay + laterDays }] : [],
      refunds: [],
    };
  });

const contractArb: fc.Arbitrary<{ facts: ContractFacts; stages: GeneratedStage[] }> = fc
  .record({
    count: fc.integer({ min: 1, max: 4 }),
    fulfilledDay: fc.option(fc.integer({ min: 0, max: 120 })),
    cancelledDay: fc.option(fc.integer({ min: 101, max: 130 })),
    settlement: fc.constantFrom("refund" as const, "keepAsCredit" as const, "close" as const, null),
    unnamedRefund: fc.boolean(),
    fee: fc.option(feeArb),
  })
  .chain(({ count, fulfilledDay, cancelledDay, settlement, unnamedRefund, fee }) =>
    fc.tuple(...Array.from({ length: count }, (_, index) => stageArb(index + 1))).map((planStages) => {
      const stages = fee === null ? planStages : [...planStages, fee];
      let order = 0;
      const ledgerOf = (stage: GeneratedStage): LedgerFact[] => [
        ...stage.payments.map((payment) => ({
          id: `l${order++}`,
          kind: "payment" as const,
          amountMinor: payment.amount,
          stageId: stage.fact.id,
          occurredAt: noonOf(payment.day),
        })),
        // Now and then a refund names no stage; it lands a little later than the stage's own would.
        ...stage.refunds.map((refund) => ({
          id: `l${order++}`,
          kind: "refund" as const,
          amountMinor: refund.amount,
          stageId: unnamedRefund ? null : stage.fact.id,
          occurredAt: noonOf(refund.day + (unnamedRefund ? 1 : 0)),
        })),
      ];
      const facts = contractFacts({
        fulfilledOn: fulfilledDay === null ? null : dayAt(fulfilledDay),
        cancelledOn: cancelledDay === null ? null : dayAt(cancelledDay),
        settlement: cancelledDay === null ? null : settlement,
        stages: stages.map((stage) => stage.fact),
        ledger: stages.flatMap(ledgerOf),
      });
      return { facts, stages };
    }),
  );

const sum = (amounts: readonly bigint[]) => amounts.reduce((total, amount) => total + amount, 0n);

describe("journalOfContract properties", () => {
  it("every entry balances, and no line is negative or zero", () => {
    fc.assert(
      fc.property(contractArb, ({ facts }) => {
        for (const entry of journalOfContract(facts)) {
          expect(sum(entry.lines.map((line) => line.debitMinor))).toBe(sum(entry.lines.map((line) => line.creditMinor)));
          for (const line of entry.lines) {
            expect(line.debitMinor >= 0n && line.creditMinor >= 0n).toBe(true);
            expect(line.debitMinor + line.creditMinor > 0n).toBe(true);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it("cash clearing moves by the payments less the refunds of the ledger", () => {
    fc.assert(
      fc.property(contractArb, ({ facts }) => {
        const signed = facts.ledger.map((entry) => (entry.kind === "refund" ? -entry.amountMinor : entry.amountMinor));
        expect(balanceOf(journalOfContract(facts), "cashClearing")).toBe(sum(signed));
      }),
      { numRuns: 500 },
    );
  });

  it("the receivable is the unpaid gross of the invoiced stages; nothing once the contract is cancelled", () => {
    fc.assert(
      fc.property(contractArb, ({ facts, stages }) => {
        const invoiced = stages.filter((stage) => ["invoiced", "paid", "overdue"].includes(stage.fact.status) || stage.payments.length > 0);
        const unpaid = sum(invoiced.map((stage) => stage.fact.amountMinor - sum(stage.payments.map((payment) => payment.amount))));
        expect(balanceOf(journalOfContract(facts), "accountsReceivable")).toBe(facts.cancelledOn === null ? unpaid : 0n);
      }),
      { numRuns: 500 },
    );
  });

  it("the contract liability is zero from the shipping day on, and after a cancellation", () => {
    fc.assert(
      fc.property(contractArb, ({ facts }) => {
        const journal = journalOfContract(facts);
        const shippedFirst = facts.fulfilledOn !== null && (facts.cancelledOn === null || facts.fulfilledOn <= facts.cancelledOn);
        if (shippedFirst) {
          const shippingDay = facts.fulfilledOn!;
          expect(
            balanceOf(
              journal.filter((entry) => entry.date <= shippingDay),
              "contractLiability",
            ),
          ).toBe(0n);
        }
        if (shippedFirst || facts.cancelledOn !== null) expect(balanceOf(journal, "contractLiability")).toBe(0n);
      }),
      { numRuns: 500 },
    );
  });

  it("a fully paid contract owes exactly its tax shares on each tax line", () => {
    const fullyPaid = contractArb.map(({ facts }) => ({
      ...facts,
      cancelledOn: null,
      settlement: null,
      stages: facts.stages.map((stage) => ({ ...stage, status: "paid" })),
      ledger: facts.stages.map((stage, index) => ({
        id: `p${index}`,
        kind: "payment" as const,
        amountMinor: stage.amountMinor,
        stageId: stage.id,
        occurredAt: noonOf(index),
      })),
    }));
    fc.assert(
      fc.property(fullyPaid, (facts) => {
        const journal = journalOfContract(facts);
        for (const title of ["State tax", "City tax"]) {
          const shares = facts.stages.flatMap((stage) => stage.taxShares.filter((share) => share.title === title).map((share) => share.amountMinor));
          expect(balanceOf(journal, "taxPayable", title)).toBe(-sum(shares));
        }
        expect(balanceOf(journal, "accountsReceivable")).toBe(0n);
      }),
      { numRuns: 500 },
    );
  });

  /** Every stage settled by a payment and an early-payment discount of up to a tenth, before anything shipped. */
  const discounted = fc
    .tuple(contractArb, fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 4, maxLength: 4 }), fc.boolean())
    .map(([{ facts }, discountShares, refundAll]) => {
      const discountOf = (index: number, gross: bigint) => (gross * BigInt(discountShares[index] ?? 0)) / 100n;
      const settled: LedgerFact[] = facts.stages.flatMap((stage, index) => {
        // A late fee carries no early-payment offer.
        const discount = stage.lateFee ? 0n : discountOf(index, stage.amountMinor);
        const money = stage.amountMinor - discount;
        const entry = (kind: LedgerFact["kind"], amountMinor: bigint, day: number): LedgerFact[] =>
          amountMinor > 0n ? [{ id: `${kind}${index}`, kind, amountMinor, stageId: stage.id, occurredAt: noonOf(day) }] : [];
        return [...entry("payment", money, index), ...entry("earlyPaymentDiscount", discount, index), ...(refundAll ? entry("refund", money, 50 + index) : [])];
      });
      const stages = facts.stages.map((stage) => ({ ...stage, status: "paid" }));
      return { facts: { ...facts, fulfilledOn: null, cancelledOn: null, settlement: null, stages, ledger: settled }, refundAll };
    });

  it("early-payment discounts settle the receivable exactly, and with all money refunded every tax line closes at zero", () => {
    fc.assert(
      fc.property(discounted, ({ facts, refundAll }) => {
        const journal = journalOfContract(facts);
        for (const entry of journal) expect(sum(entry.lines.map((line) => line.debitMinor))).toBe(sum(entry.lines.map((line) => line.creditMinor)));
        expect(balanceOf(journal, "accountsReceivable")).toBe(0n);
        const money = sum(facts.ledger.filter((entry) => entry.kind === "payment").map((entry) => entry.amountMinor));
        expect(balanceOf(journal, "cashClearing")).toBe(refundAll ? 0n : money);
        for (const title of ["State tax", "City tax"]) {
          const shares = sum(facts.stages.flatMap((stage) => stage.taxShares.filter((share) => share.title === title).map((share) => share.amountMinor)));
          const owed = balanceOf(journal, "taxPayable", title);
          if (refundAll) expect(owed).toBe(0n);
          else expect(owed <= 0n && owed >= -shares).toBe(true);
        }
        if (refundAll) expect(balanceOf(journal, "contractLiability")).toBe(0n);
      }),
      { numRuns: 500 },
    );
  });

  it("refunds never give back more tax on a line than the stages collected", () => {
    fc.assert(
      fc.property(contractArb, ({ facts }) => {
        const journal = journalOfContract({ ...facts, cancelledOn: null, settlement: null });
        for (const title of ["State tax", "City tax"]) expect(balanceOf(journal, "taxPayable", title) <= 0n).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
