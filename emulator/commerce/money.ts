import { currencyFor } from "../../app/domain/money/currency";
import { Dec } from "../../app/domain/money/decimal";

/**
 * Money maths on the decimal strings the state holds, shared by pricing, order balances, GraphQL views and
 * webhook payloads (so none of them imports arithmetic from a view module).
 */

/** Rounds a decimal amount to the currency's exponent, half up, as a plain decimal string. */
export function roundMoney(amount: Dec | string, currencyCode: string): string {
  return new Dec(amount).toFixed(currencyFor(currencyCode).exponent, Dec.ROUND_HALF_UP);
}

export function sumMoney(amounts: readonly string[], currencyCode: string): string {
  return roundMoney(amounts.reduce((sum, amount) => sum.plus(amount), new Dec(0)), currencyCode);
}

/** Shopify's GraphQL writes decimals without trailing zeros but with at least one decimal: "100.0", "12.5", "0.07". */
export function shopifyDecimal(amount: string): string {
  const text = new Dec(amount).toFixed();
  return text.includes(".") ? text.replace(/0+$/, "").replace(/\.$/, ".0") : `${text}.0`;
}
