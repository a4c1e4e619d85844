import { describe, expect, it } from "vitest";
import { currencyFor } from "../../../../app/domain/money/currency";
import { PlanError } from "../../../../app/domain/plan-error";
import { compilePaymentRules, paymentRulesInCurrency } from "../../../../app/domain/payment-rules/payment-rules-config";

const KEY = "paymentRules";

describe("reading the payment rules", () => {
  it.each([
    { written: {}, rules: {} },
    { written: { earlyPayment: { percent: "2", withinDays: 10 } }, rules: { earlyPayment: { percent: "2", withinDays: 10 } } },
    { written: { earlyPayment: { percent: 2.5, withinDays: 0 } }, rules: { earlyPayment: { percent: "2.5", withinDays: 0 } } },
    { written: { lateFee: { fixed: "25.00" } }, rules: { lateFee: { kind: "fixed", fee: "25", graceDays: 0 } } },
    { written: { lateFee: { fixed: "25.00", graceDays: 5 } }, rules: { lateFee: { kind: "fixed", fee: "25", graceDays: 5 } } },
    {
      written: { lateFee: { percentPerMonth: "1.5", compound: false, graceDays: 5 } },
      rules: { lateFee: { kind: "interest", percentPerMonth: "1.5", compound: false, graceDays: 5 } },
    },
    {
      written: { lateFee: { percentPerMonth: "1.50", compound: true, max: "100.00" } },
      rules: { lateFee: { kind: "interest", percentPerMonth: "1.5", compound: true, graceDays: 0, max: "100" } },
    },
    { written: { cashRounding: "0.05" }, rules: { cashRounding: { unit: "0.05", method: "halfUp" } } },
    { written: { cashRounding: { unit: "0.05" } }, rules: { cashRounding: { unit: "0.05", method: "halfUp" } } },
    { written: { cashRounding: { unit: "0.1", method: "down" } }, rules: { cashRounding: { unit: "0.1", method: "down" } } },
  ])("$written", ({ written, rules }) => {
    expect(compilePaymentRules(written, KEY)).toEqual(rules);
  });

  it.each([
    [null, "paymentRules: must be an object with any of: earlyPayment, lateFee, cashRounding"],
    [[], "paymentRules: must be an object with any of: earlyPayment, lateFee, cashRounding"],
    [{ discount: {} }, 'paymentRules: unknown key "discount"'],
    [{ earlyPayment: "2%" }, 'paymentRules.earlyPayment: must be an object like {"percent": "2", "withinDays": 10}'],
    [{ earlyPayment: { withinDays: 10 } }, "paymentRules.earlyPayment.percent: is required"],
    [{ earlyPayment: { percent: true, withinDays: 10 } }, 'paymentRules.earlyPayment.percent: must be a decimal written as text, such as "2.5"'],
    [{ earlyPayment: { percent: "two", withinDays: 10 } }, 'paymentRules.earlyPayment.percent: "two" is not a percentage'],
    [{ earlyPayment: { percent: "0", withinDays: 10 } }, "paymentRules.earlyPayment.percent: 0% is not a discount above 0 and below 100"],
    [{ earlyPayment: { percent: "100", withinDays: 10 } }, "paymentRules.earlyPayment.percent: 100% is not a discount above 0 and below 100"],
    [{ earlyPayment: { percent: "1.0000001", withinDays: 10 } }, "paymentRules.earlyPayment.percent: 1.0000001% has more than 6 decimal places"],
    [{ earlyPayment: { percent: "2" } }, "paymentRules.earlyPayment.withinDays: is required"],
    [{ earlyPayment: { percent: "2", withinDays: "10" } }, "paymentRules.earlyPayment.withinDays: must be a whole number of days"],
    [{ earlyPayment: { percent: "2", withinDays: 1.5 } }, "paymentRules.earlyPayment.withinDays: must be a whole number of days"],
    [{ earlyPayment: { percent: "2", withinDays: -1 } }, "paymentRules.earlyPayment.withinDays: must not be negative"],
    [{ earlyPayment: { percent: "2", withinDays: 3651 } }, "paymentRules.earlyPayment.withinDays: must be at most 3650 days"],
    [{ earlyPayment: { percent: "2", withinDays: 10, days: 10 } }, 'paymentRules.earlyPayment: unknown key "days"'],
    [{ lateFee: 25 }, 'paymentRules.lateFee: must be an object like {"fixed": "25.00"} or {"percentPerMonth": "1.5"}'],
    [{ lateFee: {} }, 'paymentRules.lateFee: needs exactly one of "fixed" (an amount, such as "25.00") or "percentPerMonth" (such as "1.5")'],
    [
      { lateFee: { fixed: "25.00", percentPerMonth: "1.5" } },
      'paymentRules.lateFee: needs exactly one of "fixed" (an amount, such as "25.00") or "percentPerMonth" (such as "1.5")',
    ],
    [{ lateFee: { fixed: "0" } }, "paymentRules.lateFee.fixed: 0 is not an amount above zero"],
    [{ lateFee: { fixed: "25,00" } }, 'paymentRules.lateFee.fixed: "25,00" is not a decimal amount'],
    [{ lateFee: { fixed: "25.00", compound: true } }, 'paymentRules.lateFee.compound: applies only to "percentPerMonth" interest, not to a fixed fee'],
    [{ lateFee: { fixed: "25.00", max: "30.00" } }, 'paymentRules.lateFee.max: applies only to "percentPerMonth" interest, not to a fixed fee'],
    [{ lateFee: { percentPerMonth: "0" } }, "paymentRules.lateFee.percentPerMonth: 0% is not a monthly rate above 0 and at most 100"],
    [{ lateFee: { percentPerMonth: "101" } }, "paymentRules.lateFee.percentPerMonth: 101% is not a monthly rate above 0 and at most 100"],
    [{ lateFee: { percentPerMonth: "1.5%" } }, 'paymentRules.lateFee.percentPerMonth: "1.5%" is not a percentage'],
    [{ lateFee: { percentPerMonth: "1.5", compound: "no" } }, "paymentRules.lateFee.compound: must be true or false"],
    [{ lateFee: { percentPerMonth: "1.5", max: "-5" } }, "paymentRules.lateFee.max: -5 is not an amount above zero"],
    [{ lateFee: { percentPerMonth: "1.5", graceDays: 2.5 } }, "paymentRules.lateFee.graceDays: must be a whole number of days"],
    [{ lateFee: { percentPerMonth: "1.5", interval: "month" } }, 'paymentRules.lateFee: unknown key "interval"'],
    [true, "paymentRules: must be an object with any of: earlyPayment, lateFee, cashRounding"],
    [{ cashRounding: true }, 'paymentRules.cashRounding: must be a unit such as "0.05", or {"unit": "0.05", "method": "halfUp" | "up" | "down"}'],
    [{ cashRounding: "0" }, "paymentRules.cashRounding: 0 is not an amount above zero"],
    [{ cashRounding: "five cents" }, 'paymentRules.cashRounding: "five cents" is not a decimal amount'],
    [{ cashRounding: { method: "up" } }, "paymentRules.cashRounding.unit: is required"],
    [{ cashRounding: { unit: "-0.05" } }, "paymentRules.cashRounding.unit: -0.05 is not an amount above zero"],
    [{ cashRounding: { unit: "0.05", method: "HALF-UP" } }, 'paymentRules.cashRounding.method: must be "halfUp", "up" or "down"'],
    [{ cashRounding: { unit: "0.05", strategy: "biggest_tax" } }, 'paymentRules.cashRounding: unknown key "strategy"'],
  ])("%j is refused: %s", (written, message) => {
    const attempt = () => compilePaymentRules(written, KEY);
    expect(attempt).toThrow(PlanError);
    expect(attempt).toThrow(expect.objectContaining({ message }));
  });

  it("names the key path inside the key it is given", () => {
    expect(() => compilePaymentRules({ earlyPayment: { percent: "0", withinDays: 1 } }, "plan.paymentRules")).toThrow(
      expect.objectContaining({ key: "plan.paymentRules.earlyPayment.percent" }),
    );
  });
});

describe("the rules in the order's currency", () => {
  const rules = compilePaymentRules(
    {
      earlyPayment: { percent: "2", withinDays: 10 },
      lateFee: { percentPerMonth: "1.5", compound: true, graceDays: 5, max: "100" },
      cashRounding: { unit: "0.05", method: "up" },
    },
    KEY,
  );

  it("turns amounts into minor units", () => {
    expect(paymentRulesInCurrency(rules, currencyFor("CHF"), KEY)).toEqual({
      earlyPayment: { percent: "2", withinDays: 10 },
      lateFee: { kind: "interest", percentPerMonth: "1.5", compound: true, graceDays: 5, max: 10_000n },
      cashRounding: { unit: 5n, method: "up" },
    });
    expect(paymentRulesInCurrency(compilePaymentRules({ lateFee: { fixed: "2500" } }, KEY), currencyFor("JPY"), KEY)).toEqual({
      lateFee: { kind: "fixed", fee: 2_500n, graceDays: 0 },
    });
    expect(paymentRulesInCurrency(compilePaymentRules({ lateFee: { fixed: "1.250" } }, KEY), currencyFor("KWD"), KEY)).toEqual({
      lateFee: { kind: "fixed", fee: 1_250n, graceDays: 0 },
    });
  });

  it.each([
    [{ lateFee: { fixed: "25.001" } }, "EUR", "paymentRules.lateFee.fixed: 25.001 has more decimal places than EUR allows (2)"],
    [{ lateFee: { percentPerMonth: "1", max: "10.5" } }, "JPY", "paymentRules.lateFee.max: 10.5 has more decimal places than JPY allows (0)"],
    [{ cashRounding: "0.005" }, "CHF", "paymentRules.cashRounding: 0.005 has more decimal places than CHF allows (2)"],
    [{ cashRounding: { unit: "0.5" } }, "JPY", "paymentRules.cashRounding: 0.5 has more decimal places than JPY allows (0)"],
  ])("%j in %s is refused: %s", (written, code, message) => {
    const attempt = () => paymentRulesInCurrency(compilePaymentRules(written, KEY), currencyFor(code), KEY);
    expect(attempt).toThrow(PlanError);
    expect(attempt).toThrow(expect.objectContaining({ message }));
  });
});
