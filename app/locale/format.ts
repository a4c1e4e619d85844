import type { MessageLocale } from "../domain/documents/buyer-document";
import type { CalendarDate } from "../domain/dates/calendar-date";
import { currencyFor } from "../domain/money/currency";
import { formatMinorUnits } from "../domain/money/minor-units";

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
