import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { currencyFor } from "../../../../app/domain/money/currency";
import { PlanError } from "../../../../app/domain/plan-error";
import { CASH_ROUNDING_METHODS, roundInstallmentsToCashUnit, roundToCashUnit } from "../../../../app/domain/payment-rules/cash-rounding";

const chf = currencyFor("CHF");
const unit = fc.constantFrom(5n, 10n, 20n, 50n, 100n);
const method = fc.constantFrom(...CASH_ROUNDING_METHODS);
const installments = fc.array(fc.bigInt({ min: 1n, max: 10n ** 9n }), { minLength: 1, maxLength: 24 });

describe("cash rounding's invariants", () => {
  it("sums exactly to the total, every installment but the last a multiple of the unit, none zero or below; or refuses with the key", () => {
    fc.assert(
      fc.property(installments, unit, method, (amounts, cashUnit, roundingMethod) => {
        let rounded: bigint[];
        try {
          rounded = roundInstallmentsToCashUnit(amounts, { unit: cashUnit, method: roundingMethod }, chf);
        } catch (error) {
          expect(error).toBeInstanceOf(PlanError);
          expect((error as PlanError).key).toBe("paymentRules.cashRounding");
          return;
        }
        expect(rounded.length).toBe(amounts.length);
        expect(rounded.reduce((sum, amount) => sum + amount, 0n)).toBe(amounts.reduce((sum, amount) => sum + amount, 0n));
        rounded.slice(0, -1).forEach((amount) => expect(amount % cashUnit).toBe(0n));
        rounded.forEach((amount) => expect(amount > 0n).toBe(true));
      }),
    );
  });

  it("refuses only when an installment would really fall to zero or below", () => {
    fc.assert(
      fc.property(installments, unit, method, (amounts, cashUnit, roundingMethod) => {
        const others = amounts.slice(0, -1).map((amount) => roundToCashUnit(amount, { unit: cashUnit, method: roundingMethod }));
        const last = amounts.reduce((sum, amount) => sum + amount, 0n) - others.reduce((sum, amount) => sum + amount, 0n);
        const fits = others.every((amount) => amount > 0n) && last > 0n;
        const attempt = () => roundInstallmentsToCashUnit(amounts, { unit: cashUnit, method: roundingMethod }, chf);
        if (fits) expect(attempt()).toEqual([...others, last]);
        else expect(attempt).toThrow(PlanError);
      }),
    );
  });

  it("rounds each amount to the nearest multiple half-up, the one above (up) or the one below (down)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), unit, (amount, cashUnit) => {
        const below = amount - (amount % cashUnit);
        const above = amount % cashUnit === 0n ? amount : below + cashUnit;
        expect(roundToCashUnit(amount, { unit: cashUnit, method: "down" })).toBe(below);
        expect(roundToCashUnit(amount, { unit: cashUnit, method: "up" })).toBe(above);
        expect(roundToCashUnit(amount, { unit: cashUnit, method: "halfUp" })).toBe(2n * (amount - below) >= cashUnit ? above : below);
      }),
    );
  });

  it("never refuses installments rounded down when each is at least one unit", () => {
    fc.assert(
      fc.property(installments, unit, (amounts, cashUnit) => {
        const atLeastUnit = amounts.map((amount) => amount + cashUnit);
        expect(() => roundInstallmentsToCashUnit(atLeastUnit, { unit: cashUnit, method: "down" }, chf)).not.toThrow();
      }),
    );
  });
});
