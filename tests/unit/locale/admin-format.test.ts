import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { AmountInputError, parseAmountInput } from "../../../app/locale/amount-input";
import { formatAmount, formatAmountForInput, formatCount, formatDateTime, formatShortDate } from "../../../app/locale/format";
import { currencyFor } from "../../../app/domain/money/currency";
import { formatMinorUnits } from "../../../app/domain/money/minor-units";

/** Intl separates a trailing symbol with a no-break space; the tables write it as a plain one. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

describe("money in the shop's locale (three locales, three currencies)", () => {
  it.each([
    ["en-US", "USD", "229967.50", "$229,967.50"],
    ["en-US", "EUR", "229967.5", "€229,967.50"],
    ["en-US", "JPY", "229967", "¥229,967"],
    ["de-DE", "USD", "229967.50", "229.967,50 $"],
    ["de-DE", "EUR", "229967.5", "229.967,50 €"],
    ["de-DE", "JPY", "229967", "229.967 ¥"],
    ["ja-JP", "USD", "229967.50", "$229,967.50"],
    ["ja-JP", "EUR", "229967.50", "€229,967.50"],
    ["ja-JP", "JPY", "229967", "￥229,967"],
  ])("%s %s: %s is %s, with the currency's own decimals", (locale, currency, amount, shown) => {
    expect(plain(formatAmount(amount, currency, locale))).toBe(shown);
  });

  it.each([
    ["en-US", "USD", "12000", "12,000.00"],
    ["de-DE", "EUR", "12000", "12.000,00"],
    ["ja-JP", "JPY", "12000", "12,000"],
  ])("%s %s: a field is prefilled as staff type it (%s → %s)", (locale, currency, amount, typed) => {
    expect(formatAmountForInput(amount, currency, locale)).toBe(typed);
  });

  it("never rounds an amount through a float", () => {
    expect(formatAmount("9007199254740993.01", "USD", "en-US")).toBe("$9,007,199,254,740,993.01");
  });
});

describe("dates and times in the shop's locale and zone", () => {
  it.each([
    ["en-US", "Dec 3, 2026", "Dec 3, 2026, 4:15 PM", "20,000"],
    ["de-DE", "03.12.2026", "03.12.2026, 16:15", "20.000"],
    ["ja-JP", "2026/12/03", "2026/12/03 16:15", "20,000"],
  ])("%s: %s, %s, %s", (locale, date, time, count) => {
    expect(formatShortDate("2026-12-03", locale)).toBe(date);
    expect(formatDateTime("2026-12-03T21:15:00Z", locale, "America/New_York")).toBe(time);
    expect(formatCount(20_000, locale)).toBe(count);
  });

  it("reads the instant on the shop's clock, not UTC: 02:00 UTC is still the day before in New York", () => {
    expect(formatDateTime("2026-12-04T02:00:00Z", "en-US", "America/New_York")).toBe("Dec 3, 2026, 9:00 PM");
    expect(formatDateTime("2026-12-04T02:00:00Z", "ja-JP", "Asia/Tokyo")).toBe("2026/12/04 11:00");
  });
});

describe("amounts typed as merchants type them", () => {
  it.each([
    // en-US
    ["en-US", "USD", "12,000.00", 1_200_000n],
    ["en-US", "USD", "12000", 1_200_000n],
    ["en-US", "USD", "$12,000", 1_200_000n],
    ["en-US", "USD", "1,234,567.8", 123_456_780n],
    ["en-US", "USD", "USD 99.5", 9_950n],
    ["en-US", "USD", ".5", 50n],
    ["en-US", "EUR", "€ 12,000.00", 1_200_000n],
    ["en-US", "EUR", "12.000,00", 1_200_000n],
    ["en-US", "JPY", "¥12,000", 12_000n],
    ["en-US", "JPY", "12000", 12_000n],
    // de-DE
    ["de-DE", "EUR", "12.000,00", 1_200_000n],
    ["de-DE", "EUR", "12.000,00 €", 1_200_000n],
    ["de-DE", "EUR", "12000,5", 1_200_050n],
    ["de-DE", "EUR", "12,5", 1_250n],
    ["de-DE", "EUR", "12.000", 1_200_000n],
    ["de-DE", "EUR", "12.5", 1_250n],
    ["de-DE", "EUR", "12,000.00", 1_200_000n],
    ["de-DE", "USD", "1.234.567,89 $", 123_456_789n],
    ["de-DE", "JPY", "12.000", 12_000n],
    ["de-DE", "JPY", "12.000 ¥", 12_000n],
    // ja-JP
    ["ja-JP", "JPY", "￥12,000", 12_000n],
    ["ja-JP", "JPY", "12,000", 12_000n],
    ["ja-JP", "JPY", "12000", 12_000n],
    ["ja-JP", "USD", "$12,000.25", 1_200_025n],
    ["ja-JP", "EUR", "12,000.00", 1_200_000n],
  ])("%s %s: “%s” is %s minor units", (locale, currency, typed, minor) => {
    expect(parseAmountInput(typed, currency, locale)).toBe(minor);
  });

  it.each([
    ["en-US", "USD", "", "Enter an amount."],
    ["en-US", "USD", "twelve", "“twelve” is not an amount: type digits, like 12,000.00."],
    ["de-DE", "EUR", "zwölf", "“zwölf” is not an amount: type digits, like 12.000,00."],
    ["en-US", "USD", "-5", "Enter an amount above zero; a negative amount is not accepted here."],
    ["en-US", "USD", "12.345", "USD amounts have at most 2 decimal places."],
    ["de-DE", "EUR", "1,234", "EUR amounts have at most 2 decimal places."],
    ["ja-JP", "JPY", "12.5", "JPY amounts have no decimal places: type a whole number, like 12,000."],
    ["de-DE", "JPY", "12,5", "JPY amounts have no decimal places: type a whole number, like 12.000."],
    ["en-US", "USD", "1.2.3", "“1.2.3” is not an amount: type digits, like 12,000.00."],
    ["en-US", "USD", "12,00,000.00", "“12,00,000.00” is not an amount: type digits, like 12,000.00."],
    ["en-US", "USD", "1,2.5", "“1,2.5” is not an amount: type digits, like 12,000.00."],
  ])("%s %s: “%s” is refused: %s", (locale, currency, typed, message) => {
    expect(() => parseAmountInput(typed, currency, locale)).toThrow(new AmountInputError(message));
  });

  it("reads back every amount it writes for a field, in each locale and currency", () => {
    const locales = ["en-US", "de-DE", "ja-JP"] as const;
    const currencies = ["USD", "EUR", "JPY"] as const;
    fc.assert(
      fc.property(fc.constantFrom(...locales), fc.constantFrom(...currencies), fc.bigInt({ min: 0n, max: 10n ** 14n }), (locale, code, minor) => {
        const written = formatAmountForInput(formatMinorUnits(minor, currencyFor(code)), code, locale);
        expect(parseAmountInput(written, code, locale)).toBe(minor);
        const shown = formatAmount(formatMinorUnits(minor, currencyFor(code)), code, locale);
        expect(parseAmountInput(shown, code, locale)).toBe(minor);
      }),
    );
  });
});
