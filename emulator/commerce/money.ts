import Decimal from "decimal.js";
import { currencyDigits } from "./currency-exponents";

/**
 * The emulator's money: decimal strings in a currency, as the state holds them and Shopify sends them. Pricing,
 * order balances, GraphQL views and webhook payloads all do their arithmetic here. This is Shopify's side of the
 * double and never imports the app's money code (tests/emulator/boundary.test.ts), so a mistake in one cannot
 * hide behind the same mistake in the other.
 */

/**
 * Decimal arithmetic with 40 significant digits: every sum, product and quotient of amounts a shop can hold is
 * exact to far below a minor unit, so amounts change only where `roundMoney` rounds them.
 */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = Decimal;

/** Digits to the left and right of the point together; more is refused so that reading never rounds. */
const MAX_INPUT_DIGITS = 30;

/** Signed digits with an optional fraction: "12", "-0.5", ".5". No exponent, no trailing point, no hex. */
const PLAIN_DECIMAL = /^[+-]?(?:\d+(?:\.\d+)?|\.\d+)$/;

/**
 * An amount argument as GraphQL hands it over (Decimal and Money scalars arrive as strings, or as numbers in
 * variables), or undefined when it is not a plain decimal. Validation messages are the caller's.
 */
export function readDecimal(value: unknown): Dec | undefined {
  if (typeof value !== "string" && typeof value !== "number") return undefined;
  const text = String(value).trim();
  if (!PLAIN_DECIMAL.test(text)) return undefined;
  if (text.replace(/\D/g, "").length > MAX_INPUT_DIGITS) return undefined;
  return new Dec(text);
}

/**
 * Rounds to the currency's minor unit, ties away from zero (2.345 USD → "2.35", 0.5 JPY → "1", -0.005 USD →
 * "-0.01"), as a fixed-point string with exactly the currency's decimals. Shopify rounds tax per line, discounts
 * and deposits this way.
 */
export function roundMoney(amount: Dec | string, currencyCode: string): string {
  return new Dec(amount).toFixed(currencyDigits(currencyCode), Dec.ROUND_HALF_UP);
}

/** The rounded sum of amounts (already rounded amounts sum exactly). */
export function sumMoney(amounts: readonly string[], currencyCode: string): string {
  let total = new Dec(0);
  for (const amount of amounts) total = total.plus(amount);
  return roundMoney(total, currencyCode);
}

/** Shopify's GraphQL writes decimals without trailing zeros but with at least one decimal: "100.0", "12.5", "0.07". */
export function shopifyDecimal(amount: string): string {
  const text = new Dec(amount).toFixed();
  if (!text.includes(".")) return `${text}.0`;
  const trimmed = text.replace(/0+$/, "");
  return trimmed.endsWith(".") ? `${trimmed}0` : trimmed;
}

/**
 * Splits `total` over parts in proportion to `weights`, in whole minor units of the currency that add up to
 * `total` exactly. Each part first gets its exact share rounded down; the minor units still missing go one each
 * to the parts whose exact share lost the most to that rounding, the earlier part on a tie. A zero weight gets
 * zero, and no part is ever a minor unit or more from its exact share. Amounts must already be rounded to the
 * currency; none may be negative, and the weights must not all be zero.
 */
export function allocateProportionally(total: string, weights: readonly string[], currencyCode: string): string[] {
  const digits = currencyDigits(currencyCode);
  const units = minorUnits(total, digits);
  const parts = weights.map((weight) => minorUnits(weight, digits));
  if (units < 0n || parts.some((part) => part < 0n))
    throw new RangeError(`allocateProportionally: ${total} over [${weights.join(", ")}] has a negative amount`);
  const weightSum = parts.reduce((sum, part) => sum + part, 0n);
  if (weightSum === 0n) throw new RangeError("allocateProportionally: the weights are all zero, so there is nothing to split by");

  const shares = parts.map((part) => (units * part) / weightSum);
  const missing = units - shares.reduce((sum, share) => sum + share, 0n);
  const byLoss = parts
    .map((part, index) => ({ index, loss: (units * part) % weightSum }))
    .sort((a, b) => (a.loss === b.loss ? a.index - b.index : a.loss > b.loss ? -1 : 1));
  for (const { index } of byLoss.slice(0, Number(missing))) shares[index] = shares[index]! + 1n;
  return shares.map((share) => new Dec(share.toString()).dividedBy(new Dec(10).pow(digits)).toFixed(digits));
}

/** An amount as an integer count of minor units; refuses one with more decimals than the currency has. */
function minorUnits(amount: string, digits: number): bigint {
  const scaled = new Dec(amount).times(new Dec(10).pow(digits));
  if (!scaled.isInteger()) throw new RangeError(`${amount} has more than ${digits} decimals`);
  return BigInt(scaled.toFixed(0));
}
