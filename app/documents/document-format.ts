import type { CalendarDate } from "../domain/dates/calendar-date";
import { formatCalendarDate, formatMoney, supportedLocale } from "../locale/format";
import { isWinAnsi, winAnsiText } from "./win-ansi-text";

/** How one PDF writes money and dates: formatMoney and formatCalendarDate, in a locale Helvetica can show. */
export interface DocumentFormat {
  money(minor: bigint): string;
  date(date: CalendarDate): string;
}

export function documentFormat(locale: string, currencyCode: string): DocumentFormat {
  const formatLocale = winAnsiLocale(locale);
  return {
    money: (minor) => withCurrencyCodeForSymbol(formatMoney(minor, currencyCode, formatLocale), currencyCode),
    date: (date) => formatCalendarDate(date, formatLocale),
  };
}

/**
 * The buyer's locale with Latin digits; English for a language not written in Latin script (its month names would
 * be all "?" in Helvetica). The documents' words are English for those languages too.
 */
function winAnsiLocale(locale: string): string {
  const buyerLocale = new Intl.Locale(supportedLocale(locale));
  const base = buyerLocale.maximize().script === "Latn" ? buyerLocale.toString() : "en";
  return new Intl.Locale(base, { numberingSystem: "latn" }).toString();
}

/** A currency symbol WinAnsi lacks (₹, ₩, ₪) becomes the ISO code, kept apart from the digits: "INR 1,234.00". */
function withCurrencyCodeForSymbol(formatted: string, currencyCode: string): string {
  const code = currencyCode.trim().toUpperCase();
  return winAnsiText(
    formatted.replace(/[^\s\d.,'’+\-\u2212\p{Cf}]+/gu, (symbol: string, offset: number) => {
      if ([...symbol].every(isWinAnsi)) return symbol;
      const before = /\d/.test(formatted.charAt(offset - 1)) ? "\u00a0" : "";
      const after = /\d/.test(formatted.charAt(offset + symbol.length)) ? "\u00a0" : "";
      return `${before}${code}${after}`;
    }),
  );
}
