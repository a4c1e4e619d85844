import { AmountInputError, parseAmountInput } from "../../locale/amount-input";
import { supportedLocale } from "../../locale/format";

/** What is wrong with an amount as staff typed it (the shop's way), checked when they leave the field; null when it reads. */
export function amountTypingProblem(typed: string, currency: string, locale: string): string | null {
  try {
    return parseAmountInput(typed, currency, locale) > 0n ? null : "Enter an amount above zero.";
  } catch (error) {
    if (error instanceof AmountInputError) return error.message;
    throw error;
  }
}

/** The currency sign beside an amount field, on the side the locale writes it: "$" before in en-US, "€" after in de-DE. */
export function currencyAffix(currency: string, locale: string): { readonly prefix?: string; readonly suffix?: string } {
  const parts = new Intl.NumberFormat(supportedLocale(locale), { style: "currency", currency }).formatToParts(1);
  const sign = parts.find((part) => part.type === "currency")?.value ?? currency;
  const signFirst = parts.findIndex((part) => part.type === "currency") < parts.findIndex((part) => part.type === "integer");
  return signFirst ? { prefix: sign } : { suffix: sign };
}
