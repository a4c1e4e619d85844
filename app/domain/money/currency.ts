import { PlanError } from "../plan-error";
import { CURRENCY_EXPONENTS } from "./iso4217";

export interface Currency {
  readonly code: string;
  /** Digits after the decimal point in the currency's minor unit: USD 2, JPY 0, KWD 3. */
  readonly exponent: number;
}

export function currencyFor(code: string, key = "currency"): Currency {
  const normalized = code.trim().toUpperCase();
  const exponent = CURRENCY_EXPONENTS[normalized];
  if (exponent === undefined) {
    throw new PlanError(key, `"${code}" is not an ISO 4217 currency code Shopify sells in`);
  }
  return { code: normalized, exponent };
}
