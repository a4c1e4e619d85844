import { currencyFor } from "../../domain/money/currency";
import { formatMinorUnits } from "../../domain/money/minor-units";

/** Minor units of a currency as the decimal string pages and charts take ("1200.50"): loader data carries no bigint. */
export function decimalIn(currencyCode: string): (minor: bigint) => string {
  const currency = currencyFor(currencyCode);
  return (minor) => formatMinorUnits(minor, currency);
}
