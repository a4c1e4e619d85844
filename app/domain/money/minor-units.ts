import { PlanError } from "../plan-error";
import type { Currency } from "./currency";
import { Dec, parseDecimal } from "./decimal";

/** Largest amount the engine accepts: 10^15 major units, far above any order and safe in every exponent. */
const MAX_MAJOR_UNITS = new Dec(10).pow(15);

/**
 * Converts a decimal string in major units ("1200.00") into integer minor units of the currency.
 * More decimal places than the currency has is an error, never a silent rounding.
 */
export function toMinorUnits(text: string, currency: Currency, key: string): bigint {
  const value = parseDecimal(text);
  if (value === undefined) throw new PlanError(key, `"${text}" is not a decimal amount`);
  if (value.abs().gte(MAX_MAJOR_UNITS)) throw new PlanError(key, `${text} is too large: an amount must be below 10^15 (1,000,000,000,000,000) in major units`);
  const minor = value.times(new Dec(10).pow(currency.exponent));
  if (!minor.isInteger()) {
    throw new PlanError(key, `${text} has more decimal places than ${currency.code} allows (${currency.exponent})`);
  }
  return BigInt(minor.toFixed(0));
}

const MAX_EXACT_MINOR = BigInt(Number.MAX_SAFE_INTEGER);
const POWERS_OF_TEN = [1, 10, 100, 1000, 10000];

/** Per exponent, the fraction texts with their point, ".00" to ".99" for 2: built once, looked up for every amount. */
const FRACTION_TEXTS: string[][] = [];

function fractionTexts(exponent: number): string[] {
  const known = FRACTION_TEXTS[exponent];
  if (known) return known;
  const texts: string[] = [];
  for (let fraction = 0; fraction < (POWERS_OF_TEN[exponent] as number); fraction++) texts.push(`.${String(fraction).padStart(exponent, "0")}`);
  FRACTION_TEXTS[exponent] = texts;
  return texts;
}

/** The usual case, on doubles (every amount and title formats one): a non-negative amount below 2^53. */
function formatSmallMinorUnits(minor: number, exponent: number): string {
  if (exponent === 0) return String(minor);
  const scale = POWERS_OF_TEN[exponent] as number;
  const whole = Math.floor(minor / scale);
  return `${whole}${fractionTexts(exponent)[minor - whole * scale] as string}`;
}

/** Formats minor units as a decimal string with exactly the currency's exponent: 10000n USD → "100.00". */
export function formatMinorUnits(minor: bigint, currency: Currency): string {
  if (minor >= 0n && minor <= MAX_EXACT_MINOR && currency.exponent < POWERS_OF_TEN.length) return formatSmallMinorUnits(Number(minor), currency.exponent);
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(currency.exponent + 1, "0");
  const whole = digits.slice(0, digits.length - currency.exponent);
  const fraction = digits.slice(digits.length - currency.exponent);
  return `${negative ? "-" : ""}${whole}${currency.exponent > 0 ? `.${fraction}` : ""}`;
}
