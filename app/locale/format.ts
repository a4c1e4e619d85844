import type { MessageLocale } from "../domain/documents/buyer-document";
import type { CalendarDate } from "../domain/dates/calendar-date";
import { currencyFor } from "../domain/money/currency";
import { formatMinorUnits } from "../domain/money/minor-units";

/** How the admin shows a shop's money, dates and times: its locale (number and date format) and its time zone. */
export interface ShopFormat {
  readonly locale: string;
  readonly timeZone: string;
}

const MESSAGE_LOCALES: readonly MessageLocale[] = ["en", "de", "fr"];

/** A locale Intl knows, or English: a buyer's locale comes from Shopify or a link and may be anything. */
export function supportedLocale(locale: string | null | undefined): string {
  if (!locale) return "en";
  try {
    return Intl.getCanonicalLocales(locale.replace("_", "-"))[0] ?? "en";
  } catch {
    return "en";
  }
}

/** The messages a locale is written in: its language when we have it ("de-AT" → "de"), otherwise English. */
export function messageLocaleOf(locale: string): MessageLocale {
  const language = supportedLocale(locale).split("-")[0]?.toLowerCase();
  return MESSAGE_LOCALES.find((candidate) => candidate === language) ?? "en";
}

/**
 * Money in the locale's way ("$1,234.50", "1.234,50 €"). Intl takes the exact decimal string, so no amount ever
 * passes through a float.
 */
export function formatMoney(minor: bigint, currencyCode: string, locale: string): string {
  const currency = currencyFor(currencyCode);
  const format = new Intl.NumberFormat(supportedLocale(locale), {
    style: "currency",
    currency: currency.code,
    minimumFractionDigits: currency.exponent,
    maximumFractionDigits: currency.exponent,
  });
  return format.format(formatMinorUnits(minor, currency) as `${number}`);
}

/** A calendar date (already the shop's day) in the locale's long form: "March 4, 2027", "4. März 2027". */
export function formatCalendarDate(date: CalendarDate, locale: string): string {
  return new Intl.DateTimeFormat(supportedLocale(locale), { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${date}T00:00:00Z`));
}

/** Money from a decimal string in major units ("12000.50") in the locale's way, with the currency's own decimals. */
export function formatAmount(amount: string, currencyCode: string, locale: string): string {
  const currency = currencyFor(currencyCode);
  const format = new Intl.NumberFormat(supportedLocale(locale), {
    style: "currency",
    currency: currency.code,
    minimumFractionDigits: currency.exponent,
    maximumFractionDigits: currency.exponent,
  });
  return format.format(amount as `${number}`);
}

/** An amount as staff type it back into a field: digits and separators of the locale, no symbol ("12,000.00", "12.000,00"). */
export function formatAmountForInput(amount: string, currencyCode: string, locale: string): string {
  const currency = currencyFor(currencyCode);
  const format = new Intl.NumberFormat(supportedLocale(locale), {
    minimumFractionDigits: currency.exponent,
    maximumFractionDigits: currency.exponent,
  });
  return format.format(amount as `${number}`);
}

/** A calendar date in the short form tables use: "Dec 3, 2026", "03.12.2026", "2026/12/03". */
export function formatShortDate(date: CalendarDate | string, locale: string): string {
  return new Intl.DateTimeFormat(supportedLocale(locale), { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${date}T00:00:00Z`));
}

/** An instant as the shop's clock read it: "Dec 3, 2026, 4:15 PM" in the shop's zone, never UTC unless the shop is. */
export function formatDateTime(instant: Date | string, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(supportedLocale(locale), { dateStyle: "medium", timeStyle: "short", timeZone }).format(
    typeof instant === "string" ? new Date(instant) : instant,
  );
}

/** A count with the locale's grouping: "20,000", "20.000". */
export function formatCount(count: number, locale: string): string {
  return new Intl.NumberFormat(supportedLocale(locale)).format(count);
}
