import { describe, expect, it } from "vitest";
import { currencyFor } from "../../../../app/domain/money/currency";
import { PlanError } from "../../../../app/domain/plan-error";
import { roundInstallmentsToCashUnit, roundToCashUnit, type CashRoundingMethod } from "../../../../app/domain/payment-rules/cash-rounding";

const chf = currencyFor("CHF");

describe("rounding one amount to the cash unit", () => {
  it.each<[string, bigint, bigint, CashRoundingMethod, bigint]>([
    // odoo/odoo addons/account/tests/test_account_move_out_invoice.py, test_out_invoice_line_onchange_cash_rounding_1:
    // a total of 1409.99 with cash_rounding_a (0.05, UP) gets a rounding line of 0.01 (1410.00) and with
    // cash_rounding_b (0.05, DOWN) one of −0.04 (1409.95); the roundings are set up in addons/account/tests/common.py.
    ["Odoo's UP example", 140_999n, 5n, "up", 141_000n],
    ["Odoo's DOWN example", 140_999n, 5n, "down", 140_995n],
    ["half-up, below the half", 140_997n, 5n, "halfUp", 140_995n],
    ["half-up, above the half", 140_998n, 5n, "halfUp", 141_000n],
    ["half-up, exactly the half goes up (1409.95 to 0.10)", 140_995n, 10n, "halfUp", 141_000n],
    ["a multiple stays as it is (up)", 140_995n, 5n, "up", 140_995n],
    ["a multiple stays as it is (down)", 140_995n, 5n, "down", 140_995n],
    ["a whole franc (1.00)", 1_250n, 100n, "halfUp", 1_300n],
  ])("%s: %i to a unit of %i (%s) is %i", (_name, amount, unit, method, expected) => {
    expect(roundToCashUnit(amount, { unit, method })).toBe(expected);
  });
});

describe("rounding a schedule's installments", () => {
  it.each<[string, bigint[], bigint, CashRoundingMethod, bigint[]]>([
    ["CHF 100.00 in three: the last takes the rest", [3_334n, 3_333n, 3_333n], 5n, "halfUp", [3_335n, 3_335n, 3_330n]],
    ["rounded down, the last takes up the difference", [3_334n, 3_333n, 3_333n], 5n, "down", [3_330n, 3_330n, 3_340n]],
    ["rounded up", [3_334n, 3_333n, 3_333n], 5n, "up", [3_335n, 3_335n, 3_330n]],
    ["a total that is not a multiple of the unit: the last carries the odd centimes", [5_001n, 5_001n], 5n, "halfUp", [5_000n, 5_002n]],
    ["one installment is the last: nothing changes", [10_002n], 5n, "halfUp", [10_002n]],
    ["already multiples: nothing changes", [2_000n, 3_000n, 5_000n], 5n, "halfUp", [2_000n, 3_000n, 5_000n]],
    ["no installments", [], 5n, "halfUp", []],
  ])("%s", (_name, amounts, unit, method, expected) => {
    const rounded = roundInstallmentsToCashUnit(amounts, { unit, method }, chf);
    expect(rounded).toEqual(expected);
    expect(rounded.reduce((sum, amount) => sum + amount, 0n)).toBe(amounts.reduce((sum, amount) => sum + amount, 0n));
  });

  it.each<[string, bigint[], CashRoundingMethod, string]>([
    [
      "an installment rounded to nothing",
      [2n, 9_998n],
      "halfUp",
      "paymentRules.cashRounding: rounding installment 1 (0.02 CHF) to 0.05 CHF leaves 0.00; every installment must stay above zero",
    ],
    [
      "a last installment left with nothing",
      [9_999n, 1n],
      "up",
      "paymentRules.cashRounding: after rounding the others to 0.05 CHF, the last installment would be 0.00 CHF; every installment must stay above zero",
    ],
    [
      "a last installment pushed below zero",
      [4_998n, 4_998n, 3n],
      "halfUp",
      "paymentRules.cashRounding: after rounding the others to 0.05 CHF, the last installment would be -0.01 CHF; every installment must stay above zero",
    ],
  ])("%s is refused, naming paymentRules.cashRounding", (_name, amounts, method, message) => {
    const attempt = () => roundInstallmentsToCashUnit(amounts, { unit: 5n, method }, chf);
    expect(attempt).toThrow(PlanError);
    expect(attempt).toThrow(expect.objectContaining({ message }));
  });
});
