/**
 * What the buyer reads, in the buyer's language: messages from the extension's locale files
 * (`locales/*.json`, through `shopify.i18n.translate`, which falls back to English), amounts and
 * calendar dates with Intl in the buyer's locale (`shopify.localization.language`, the locale the
 * platform's `i18n.formatCurrency` and `i18n.formatDate` use too).
 *
 * Amounts arrive as decimal strings in the currency's exponent ("3000.00" USD, "3000" JPY). They are
 * formatted from the string itself: Intl.NumberFormat formats a decimal string exactly (ECMA-402 "string
 * numeric literal"), where `i18n.formatCurrency` takes a JS number, which would pass money through a
 * binary float.
 */
export interface Formatter {
  /** The message `key` of the locale files, with its `{{placeholders}}` filled in. */
  t(key: string, replacements?: Record<string, string | number>): string;
  money(amount: string, currency: string): string;
  /** A calendar date "YYYY-MM-DD" (the shop's calendar), shown as that same day whatever the viewer's zone. */
  date(isoDate: string): string;
  /** "A, B and C" in the buyer's language. */
  list(items: readonly string[]): string;
  /** A percentage written as a decimal string ("1.5"), as the buyer's language writes it: "1.5%", "1,5 %". */
  percent(value: string): string;
}

/** `shopify.i18n.translate`, narrowed to the plain-text replacements the blocks use. */
export type Translate = (key: string, replacements?: Record<string, string | number>) => string;

/** The parts of a target's `shopify` global the formatter reads (every buyer target has them). */
export interface BuyerLocaleApi {
  localization: {language: {readonly value: {isoCode: string}}};
  i18n: {translate(key: string, replacements?: Record<string, string | number>): string};
}

/** The formatter for the buyer on the page: their language, and the extension's messages in it. */
export function buyerFormatter(api: BuyerLocaleApi): Formatter {
  return createFormatter(api.localization.language.value.isoCode, (key, replacements) => api.i18n.translate(key, replacements));
}

const DECIMAL = /^-?\d+(\.\d+)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function createFormatter(locale: string | undefined, translate: Translate): Formatter {
  const safeLocale = supportedLocale(locale);
  return {
    t: translate,
    money(amount, currency) {
      if (!DECIMAL.test(amount)) return `${amount} ${currency}`;
      try {
        return new Intl.NumberFormat(safeLocale, {style: 'currency', currency}).format(amount as Intl.StringNumericLiteral);
      } catch {
        return `${amount} ${currency}`;
      }
    },
    date(isoDate) {
      const match = ISO_DATE.exec(isoDate);
      if (!match) return isoDate;
      const [, y, m, d] = match;
      // The day at UTC midnight, formatted in UTC: no zone can move it to the day before or after.
      const instant = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
      if (Number.isNaN(instant.getTime())) return isoDate;
      try {
        return new Intl.DateTimeFormat(safeLocale, {dateStyle: 'medium', timeZone: 'UTC'}).format(instant);
      } catch {
        return isoDate;
      }
    },
    list(items) {
      try {
        return new Intl.ListFormat(safeLocale, {type: 'conjunction'}).format(items);
      } catch {
        return items.join(', ');
      }
    },
    percent(value) {
      if (!DECIMAL.test(value)) return `${value}%`;
      try {
        // The decimal string itself, never a float: "1.5" stays 1.5 whatever its digits.
        return new Intl.NumberFormat(safeLocale, {style: 'unit', unit: 'percent', maximumFractionDigits: 6}).format(value as Intl.StringNumericLiteral);
      } catch {
        return `${value}%`;
      }
    },
  };
}

function supportedLocale(locale: string | undefined): string | undefined {
  if (!locale) return undefined;
  try {
    return Intl.NumberFormat.supportedLocalesOf([locale])[0];
  } catch {
    return undefined;
  }
}
