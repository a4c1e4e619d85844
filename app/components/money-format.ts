/**
 * A decimal amount as a person reads it ("$1,234.50", "¥3,334", "KWD 1.234"), formatted from its decimal
 * string: Intl formats the string itself, so no amount passes through a floating-point number.
 */
export function formatMoney(amount: string, currency: string, locale = "en-US"): string {
  const digits = amount.includes(".") ? amount.split(".")[1]!.length : 0;
  const format = new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
  return format.format(amount as Intl.StringNumericLiteral);
}
