import { currencyFor } from "../domain/money/currency";
import { toMinorUnits } from "../domain/money/minor-units";
import { supportedLocale } from "./format";

/** Why what staff typed is not an amount, in words for them: shown beside the field. */
export class AmountInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AmountInputError";
  }
}

/** The locale's decimal and grouping marks, read from Intl ("." and "," in en-US; "," and "." in de-DE). */
function separatorsOf(locale: string): { readonly decimal: string; readonly group: string } {
  const parts = new Intl.NumberFormat(supportedLocale(locale)).formatToParts(12345.6);
  return {
    decimal: parts.find((part) => part.type === "decimal")?.value ?? ".",
    group: parts.find((part) => part.type === "group")?.value ?? ",",
  };
}

/** Currency signs staff may type with the amount: the code and the locale's symbol ("USD", "$", "€", "￥"). */
function currencySignsOf(currencyCode: string, locale: string): string[] {
  const signs = new Intl.NumberFormat(supportedLocale(locale), { style: "currency", currency: currencyCode })
    .formatToParts(1)
    .filter((part) => part.type === "currency")
    .map((part) => part.value);
  const narrow = new Intl.NumberFormat(supportedLocale(locale), { style: "currency", currency: currencyCode, currencyDisplay: "narrowSymbol" })
    .formatToParts(1)
    .filter((part) => part.type === "currency")
    .map((part) => part.value);
  return [currencyCode, ...signs, ...narrow].sort((a, b) => b.length - a.length);
}

/**
 * Reads an amount the way the shop's staff type it — "12,000.00" in en-US, "12.000,00" or "12000,5" in de-DE,
 * "¥12,000" in ja-JP — into minor units of the currency. A mark is the locale's decimal mark unless it is clearly
 * grouping (repeated, or followed by groups of three digits before the locale's own decimal mark); the other mark
 * is grouping only where every group after it has three digits, so "12.5" typed in a German shop is still 12.50.
 */
export function parseAmountInput(typed: string, currencyCode: string, locale: string): bigint {
  const currency = currencyFor(currencyCode);
  let text = typed.trim();
  if (text === "") throw new AmountInputError("Enter an amount.");
  for (const sign of currencySignsOf(currency.code, locale)) text = text.split(sign).join("");
  text = text.replace(/[\s\u00a0\u202f'’]/g, "");
  if (text.startsWith("-") || text.startsWith("−")) throw new AmountInputError("Enter an amount above zero; a negative amount is not accepted here.");
  if (!/^[0-9.,]+$/.test(text) || !/[0-9]/.test(text)) {
    throw new AmountInputError(`“${typed.trim()}” is not an amount: type digits, like ${exampleAmount(currency.code, locale)}.`);
  }
  const normalized = normalizeMarks(text, separatorsOf(locale).decimal);
  if (normalized === null) {
    throw new AmountInputError(`“${typed.trim()}” is not an amount: type digits, like ${exampleAmount(currency.code, locale)}.`);
  }
  const decimals = normalized.includes(".") ? normalized.split(".")[1]!.replace(/0+$/, "").length : 0;
  if (decimals > currency.exponent) {
    throw new AmountInputError(
      currency.exponent === 0
        ? `${currency.code} amounts have no decimal places: type a whole number, like ${exampleAmount(currency.code, locale)}.`
        : `${currency.code} amounts have at most ${currency.exponent} decimal places.`,
    );
  }
  try {
    return toMinorUnits(normalized, currency, "amount");
  } catch {
    throw new AmountInputError(`“${typed.trim()}” is too large an amount.`);
  }
}

/**
 * A number typed the shop's way with no currency of its own — a plan's fixed amount (charged in whatever currency the
 * order has) or a percent: "12,000.5" (en-US) and "12.000,5" (de-DE) are "12000.5". Marks are read as for amounts.
 */
export function parseDecimalInput(typed: string, locale: string): string {
  const text = typed.trim().replace(/[\s\u00a0\u202f'’]/g, "");
  if (text === "") throw new AmountInputError("Enter a number.");
  if (text.startsWith("-") || text.startsWith("−")) throw new AmountInputError("Enter a number above zero; a negative number is not accepted here.");
  const normalized = /^[0-9.,]+$/.test(text) && /[0-9]/.test(text) ? normalizeMarks(text, separatorsOf(locale).decimal) : null;
  if (normalized === null) {
    const example = new Intl.NumberFormat(supportedLocale(locale), { minimumFractionDigits: 2 }).format(12000);
    throw new AmountInputError(`“${typed.trim()}” is not a number: type digits, like ${example}.`);
  }
  return normalized;
}

/** A stored decimal as the shop types it back (parseDecimalInput's inverse): "12000.50" → "12,000.50", "12.000,50". */
export function decimalForInput(decimal: string, locale: string): string {
  if (!/^\d+(\.\d+)?$/.test(decimal)) return decimal;
  const decimals = decimal.split(".")[1]?.length ?? 0;
  return new Intl.NumberFormat(supportedLocale(locale), { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(decimal as `${number}`);
}

/** The digits with one "." as decimal mark, or null when the marks cannot be read unambiguously. */
function normalizeMarks(text: string, localeDecimal: string): string | null {
  const marks = [...new Set(text.replace(/[0-9]/g, ""))];
  if (marks.length === 0) return text;
  let decimal: string | null;
  if (marks.length === 2) {
    // Both marks used: the last one written is the decimal mark ("1.234,56", "1,234.56").
    decimal = text.lastIndexOf(".") > text.lastIndexOf(",") ? "." : ",";
  } else {
    const mark = marks[0]!;
    const groups = text.split(mark);
    const groupedByThree = groups.length > 1 && groups.slice(1).every((group) => group.length === 3) && groups[0]!.length > 0;
    if (groups.length > 2) decimal = groupedByThree ? null : "invalid";
    else if (mark === localeDecimal) decimal = mark;
    else decimal = groupedByThree ? null : mark;
  }
  if (decimal === "invalid") return null;
  const group = decimal === "." ? "," : decimal === "," ? "." : marks[0]!;
  const [whole, fraction, ...rest] = decimal === null ? [text] : text.split(decimal);
  if (rest.length > 0 || whole === undefined) return null;
  if (whole.includes(group)) {
    const wholeGroups = whole.split(group);
    if (wholeGroups[0] === "" || wholeGroups.slice(1).some((part) => part.length !== 3)) return null;
  }
  const digits = whole.split(group).join("");
  if (digits === "" && !fraction) return null;
  if (fraction !== undefined && !/^[0-9]*$/.test(fraction)) return null;
  return fraction ? `${digits || "0"}.${fraction}` : digits;
}

/** How an amount looks in this locale and currency, for messages: "12,000.00", "12.000,00", "12,000". */
function exampleAmount(currencyCode: string, locale: string): string {
  const exponent = currencyFor(currencyCode).exponent;
  return new Intl.NumberFormat(supportedLocale(locale), { minimumFractionDigits: exponent, maximumFractionDigits: exponent }).format(12000);
}
