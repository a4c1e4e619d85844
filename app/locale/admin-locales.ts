import { currencyFor } from "../domain/money/currency";
import { formatAmount, formatShortDate } from "./format";

/**
 * The number and date formats staff may choose for the admin, besides following the shop's language and country in
 * Shopify: the locales of Shopify's admin languages in the countries that write numbers differently.
 */
export const ADMIN_LOCALES = [
  "en-US",
  "en-GB",
  "en-CA",
  "en-AU",
  "en-IN",
  "de-DE",
  "de-AT",
  "de-CH",
  "fr-FR",
  "fr-CA",
  "es-ES",
  "es-MX",
  "it-IT",
  "nl-NL",
  "pt-BR",
  "pt-PT",
  "sv-SE",
  "da-DK",
  "nb-NO",
  "fi-FI",
  "pl-PL",
  "cs-CZ",
  "tr-TR",
  "ja-JP",
  "ko-KR",
  "zh-CN",
  "zh-TW",
  "th-TH",
] as const;

export function isAdminLocale(locale: string): boolean {
  return (ADMIN_LOCALES as readonly string[]).includes(locale);
}

/** How a locale writes the shop's money and a date, for the choice in Settings: "12.000,50 € · 03.12.2026". */
export function localeExample(locale: string, currency: string): string {
  const amount = currencyFor(currency).exponent > 0 ? "12000.50" : "12000";
  return `${formatAmount(amount, currency, locale)} · ${formatShortDate("2026-12-03", locale)}`;
}
