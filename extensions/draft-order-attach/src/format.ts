// The money and date formatting of extensions/buyer-schedule/src/format.ts (copied: each extension is bundled and deployed on its own).
/**
 * Display formatting for amounts and calendar dates, in the buyer's locale.
 *
 * Amounts arrive as decimal strings in the currency's exponent ("3000.00" USD,
 * "3000" JPY). They are only displayed, never computed with: Intl.NumberFormat
 * formats a decimal string exactly (ECMA-402 "string numeric literal"), so the
 * value is never rounded through a binary float.
 */
export interface Formatter {
  money(amount: string, currency: string): string;
  /** A calendar date "YYYY-MM-DD", shown as that same day whatever the viewer's zone. */
  date(isoDate: string): string;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function createFormatter(locale?: string): Formatter {
  const safeLocale = supportedLocale(locale);
  return {
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
      const instant = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
      if (Number.isNaN(instant.getTime())) return isoDate;
      try {
        return new Intl.DateTimeFormat(safeLocale, {dateStyle: 'medium', timeZone: 'UTC'}).format(instant);
      } catch {
        return isoDate;
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
