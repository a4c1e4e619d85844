import type { Currency } from "../money/currency";
import { formatMinorUnits } from "../money/minor-units";
import { PlanError } from "../plan-error";
import { divideHalfUp } from "./half-up";

/** Odoo's account.cash.rounding `rounding_method`: HALF-UP, UP, DOWN. */
export const CASH_ROUNDING_METHODS = ["halfUp", "up", "down"] as const;
export type CashRoundingMethod = (typeof CASH_ROUNDING_METHODS)[number];

/** Rounding to a currency's smallest coin, in minor units: CHF 0.05 is `{ unit: 5n, method: "halfUp" }`. */
export interface CashRounding {
  readonly unit: bigint;
  readonly method: CashRoundingMethod;
}

/** A positive amount rounded to a multiple of the cash unit: 1409.97 CHF → 1409.95 half-up, 1410.00 up, 1409.95 down. */
export function roundToCashUnit(amount: bigint, rounding: CashRounding): bigint {
  const { unit, method } = rounding;
  if (unit <= 0n || amount < 0n) throw new RangeError("roundToCashUnit: needs a positive unit and a non-negative amount");
  switch (method) {
    case "halfUp":
      return divideHalfUp(amount, unit) * unit;
    case "up":
      return ((amount + unit - 1n) / unit) * unit;
    case "down":
      return (amount / unit) * unit;
  }
}

/**
 * The installments of an order rounded to the cash unit, for a buyer who pays each one in coins.
 *
 * Every installment but the last is rounded to a multiple of the unit (half-up unless the rule names Odoo's UP or
 * DOWN); the last takes the rest, so the installments still add up to exactly the order total. The total is
 * Shopify's and cannot change (there is no rounding line to add to a Shopify order, Odoo's "add a rounding line"),
 * so when the total itself is not a multiple of the unit the last installment carries the odd minor units
 * (CHF 100.02 in two: 50.00 and 50.02). Tax shares are not touched here: the caller re-splits them over the new
 * amounts. An installment that rounding would leave at zero or below is a PlanError naming
 * `paymentRules.cashRounding`: the unit is too large for that schedule.
 */
export function roundInstallmentsToCashUnit(
  amounts: readonly bigint[],
  rounding: CashRounding,
  currency: Currency,
  key = "paymentRules.cashRounding",
): bigint[] {
  if (amounts.length === 0) return [];
  const total = amounts.reduce((sum, amount) => sum + amount, 0n);
  const unitText = `${formatMinorUnits(rounding.unit, currency)} ${currency.code}`;
  const rounded = amounts.slice(0, -1).map((amount, index) => {
    const result = amount > 0n ? roundToCashUnit(amount, rounding) : amount;
    if (result <= 0n) {
      throw new PlanError(
        key,
        `rounding installment ${index + 1} (${formatMinorUnits(amount, currency)} ${currency.code}) to ${unitText} leaves ${formatMinorUnits(result, currency)}; every installment must stay above zero`,
      );
    }
    return result;
  });
  const last = total - rounded.reduce((sum, amount) => sum + amount, 0n);
  if (last <= 0n) {
    throw new PlanError(
      key,
      `after rounding the others to ${unitText}, the last installment would be ${formatMinorUnits(last, currency)} ${currency.code}; every installment must stay above zero`,
    );
  }
  return [...rounded, last];
}
