import { describe, expect, it } from "vitest";

import { AmountInputError, decimalForInput, parseDecimalInput } from "../../../app/locale/amount-input";

describe("numbers without a currency, typed the shop's way", () => {
  it.each([
    ["en-US", "12,000.5", "12000.5"],
    ["en-US", "12000", "12000"],
    ["de-DE", "12.000,5", "12000.5"],
    ["de-DE", "12,5", "12.5"],
    ["de-DE", "12.5", "12.5"],
    ["ja-JP", "12,000", "12000"],
  ])("%s: %s is %s", (locale, typed, decimal) => {
    expect(parseDecimalInput(typed, locale)).toBe(decimal);
  });

  it("refuses what is not a number, in words", () => {
    expect(() => parseDecimalInput("ten", "en-US")).toThrow(AmountInputError);
    expect(() => parseDecimalInput("ten", "en-US")).toThrow("“ten” is not a number: type digits, like 12,000.00.");
    expect(() => parseDecimalInput("-5", "en-US")).toThrow(/above zero/);
    expect(() => parseDecimalInput(" ", "en-US")).toThrow("Enter a number.");
  });

  it("shows a stored decimal as staff type it, and reads it back the same", () => {
    for (const locale of ["en-US", "de-DE", "ja-JP"]) {
      for (const decimal of ["12000.50", "30", "0.125", "1234567.8"]) {
        expect(parseDecimalInput(decimalForInput(decimal, locale), locale)).toBe(decimal);
      }
    }
    expect(decimalForInput("12000.50", "de-DE")).toBe("12.000,50");
    expect(decimalForInput("half", "de-DE")).toBe("half");
  });
});
