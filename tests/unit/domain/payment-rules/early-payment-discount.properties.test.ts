import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, type CalendarDate } from "../../../../app/domain/dates/calendar-date";
import { earlyPaymentOffer, settleWithEarlyPayment } from "../../../../app/domain/payment-rules/early-payment-discount";

const ISSUED = "2027-03-01" as CalendarDate;

/** A percentage above 0 and below 100 with up to 6 decimals, as the config accepts. */
const percent = fc.integer({ min: 1, max: 99_999_999 }).map((micro) => (micro / 1_000_000).toFixed(6));

/** An installment: its amount including tax, and tax lines (0-4) that together never exceed it. */
const installment = fc
  .record({
    amount: fc.bigInt({ min: 0n, max: 10n ** 13n }),
    taxWeights: fc.array(fc.bigInt({ min: 0n, max: 1_000n }), { maxLength: 4 }),
    taxShare: fc.integer({ min: 0, max: 100 }),
  })
  .map(({ amount, taxWeights, taxShare }) => {
    const weightSum = taxWeights.reduce((sum, weight) => sum + weight, 0n);
    const taxTotal = (amount * BigInt(taxShare)) / 100n;
    const taxLines = taxWeights.map((weight, index) => ({ title: `Tax ${index + 1}`, amount: weightSum === 0n ? 0n : (taxTotal * weight) / weightSum }));
    return { amount, taxLines, issuedOn: ISSUED };
  });

describe("the early-payment offer's invariants", () => {
  it("the discount is never negative nor above the amount, and with the payable amount makes up the amount exactly", () => {
    fc.assert(
      fc.property(percent, installment, (rate, stage) => {
        const offer = earlyPaymentOffer({ percent: rate, withinDays: 10 }, stage);
        expect(offer.discount >= 0n && offer.discount <= stage.amount).toBe(true);
        expect(offer.payable + offer.discount).toBe(stage.amount);
      }),
    );
  });

  it("the discount is the percentage of the amount, to within half a minor unit", () => {
    fc.assert(
      fc.property(percent, installment, (rate, stage) => {
        const offer = earlyPaymentOffer({ percent: rate, withinDays: 10 }, stage);
        const micro = BigInt(Math.round(Number(rate) * 1_000_000));
        const error = offer.discount * 100_000_000n - stage.amount * micro;
        expect(2n * (error < 0n ? -error : error) <= 100_000_000n).toBe(true);
      }),
    );
  });

  it("the tax reduction is never above the tax nor the discount, and the lines' reductions add up to it exactly", () => {
    fc.assert(
      fc.property(percent, installment, (rate, stage) => {
        const offer = earlyPaymentOffer({ percent: rate, withinDays: 10 }, stage);
        const tax = stage.taxLines.reduce((sum, line) => sum + line.amount, 0n);
        const reduction = offer.taxReduction.reduce((sum, line) => sum + line.amount, 0n);
        expect(reduction <= tax && reduction <= offer.discount).toBe(true);
        // The installment's tax reduction is the tax's share of the discount, rounded half-up.
        if (stage.amount > 0n) expect(reduction).toBe((2n * offer.discount * tax + stage.amount) / (2n * stage.amount));
        offer.taxReduction.forEach((line, index) => {
          expect(line.title).toBe(stage.taxLines[index]?.title);
          expect(line.amount >= 0n && line.amount <= (stage.taxLines[index]?.amount ?? 0n)).toBe(true);
        });
      }),
    );
  });

  it("payments in time reaching the discounted amount settle the stage; otherwise the owed amount is the amount less what was paid", () => {
    fc.assert(
      fc.property(
        percent,
        installment,
        fc.array(fc.record({ day: fc.integer({ min: 0, max: 20 }), share: fc.integer({ min: 0, max: 60 }) }), { maxLength: 4 }),
        (rate, stage, paymentSpecs) => {
          const offer = earlyPaymentOffer({ percent: rate, withinDays: 10 }, stage);
          const payments = paymentSpecs.map(({ day, share }) => ({ paidOn: addDays(ISSUED, day), amount: (stage.amount * BigInt(share)) / 100n }));
          const settlement = settleWithEarlyPayment(payments, offer);
          const inTime = payments.filter((payment) => payment.paidOn <= offer.until).reduce((sum, payment) => sum + payment.amount, 0n);
          const paid = payments.reduce((sum, payment) => sum + payment.amount, 0n);
          expect(settlement.owed >= 0n).toBe(true);
          if (inTime >= offer.payable) {
            expect(settlement).toEqual({ owed: 0n, discountGranted: offer.discount, taxReduction: offer.taxReduction });
          } else {
            expect(settlement.discountGranted).toBe(0n);
            expect(settlement.owed).toBe(paid >= stage.amount ? 0n : stage.amount - paid);
          }
        },
      ),
    );
  });
});
