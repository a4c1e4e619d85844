/**
 * How many decimal places each currency Shopify sells in has: the codes are the values of the Admin schema's
 * `CurrencyCode` enum (2026-10, see ../schema/), the digits those of ISO 4217's minor unit. Written for the
 * emulator alone, never shared with the app, so that a wrong digit in either shows up as a disagreement.
 * tests/emulator/money.test.ts checks that this covers every value of the enum.
 *
 * Codes Shopify keeps that ISO has withdrawn (BYR, HRK, LTL, LVL, SLL, STD, VEF) carry their last ISO digits;
 * codes outside ISO (JEP, KID, USDC, VED) have two. XXX ("no currency") has no minor unit and is left out: money
 * in it cannot be rounded.
 */

/** ISO 4217 minor unit 0: amounts are whole units. */
const WHOLE_UNITS = ["BIF", "BYR", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF"];

/** ISO 4217 minor unit 3: the dinars (Bahrain, Iraq, Jordan, Kuwait, Libya, Tunisia) and the Omani rial. */
const THOUSANDTHS = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];

/** ISO 4217 minor unit 2: every other code of the enum. */
// prettier-ignore
const HUNDREDTHS = [
  "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BMD", "BND",
  "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHF", "CNY", "COP", "CRC", "CVE", "CZK", "DKK",
  "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GTQ", "GYD", "HKD",
  "HNL", "HRK", "HTG", "HUF", "IDR", "ILS", "INR", "IRR", "JEP", "JMD", "KES", "KGS", "KHR", "KID", "KYD", "KZT",
  "LAK", "LBP", "LKR", "LRD", "LSL", "LTL", "LVL", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR",
  "MVR", "MWK", "MXN", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "PAB", "PEN", "PGK", "PHP", "PKR",
  "PLN", "QAR", "RON", "RSD", "RUB", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLL", "SOS", "SRD", "SSP",
  "STD", "STN", "SYP", "SZL", "THB", "TJS", "TMT", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "USD", "USDC", "UYU",
  "UZS", "VED", "VEF", "VES", "WST", "XCD", "YER", "ZAR", "ZMW",
];

const DIGITS: ReadonlyMap<string, number> = new Map([
  ...WHOLE_UNITS.map((code) => [code, 0] as const),
  ...HUNDREDTHS.map((code) => [code, 2] as const),
  ...THOUSANDTHS.map((code) => [code, 3] as const),
]);

/** Every currency code the emulator can hold money in. */
export const SUPPORTED_CURRENCY_CODES: readonly string[] = [...DIGITS.keys()].sort();

/** Decimal places of `currencyCode` (USD 2, JPY 0, KWD 3); throws for a code that is not Shopify's. */
export function currencyDigits(currencyCode: string): number {
  const digits = DIGITS.get(currencyCode);
  if (digits === undefined) {
    throw new Error(
      `The emulator has no minor unit for currency "${currencyCode}": use a value of the Admin API's CurrencyCode enum (not XXX) for the shop's currencyCode`,
    );
  }
  return digits;
}
