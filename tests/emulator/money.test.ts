import fc from "fast-check";
import type { GraphQLEnumType } from "graphql";
import { describe, expect, it } from "vitest";
import { adminSchema } from "../../emulator/admin-schema";
import { currencyDigits, SUPPORTED_CURRENCY_CODES } from "../../emulator/commerce/currency-exponents";
import { allocateProportionally, Dec, readDecimal, roundMoney, shopifyDecimal, sumMoney } from "../../emulator/commerce/money";

/** The emulator's own money code (Shopify's side of the double), checked on its own. */

describe("currency digits", () => {
  it.each([
    ["USD", 2],
    ["EUR", 2],
    ["GBP", 2],
    ["CAD", 2],
    ["AUD", 2],
    ["CHF", 2],
    ["HUF", 2],
    ["IDR", 2],
    ["JPY", 0],
    ["KRW", 0],
    ["CLP", 0],
    ["ISK", 0],
    ["VND", 0],
    ["XOF", 0],
    ["KWD", 3],
    ["BHD", 3],
    ["JOD", 3],
    ["OMR", 3],
    ["TND", 3],
  ])("%s has %i decimals", (code, digits) => {
    expect(currencyDigits(code)).toBe(digits);
  });

  it("covers every value of the Admin schema's CurrencyCode enum but XXX, and nothing else", () => {
    const enumValues = (adminSchema().getType("CurrencyCode") as GraphQLEnumType).getValues().map((value) => value.name);
    expect(SUPPORTED_CURRENCY_CODES).toEqual(enumValues.filter((code) => code !== "XXX").sort());
  });

  it.each(["XXX", "usd", "ABC", ""])("refuses %j, saying what to use instead", (code) => {
    expect(() => currencyDigits(code)).toThrow(/CurrencyCode enum/);
  });
});

describe("roundMoney", () => {
  it.each([
    ["2.345", "USD", "2.35"],
    ["2.344", "USD", "2.34"],
    ["-2.345", "USD", "-2.35"],
    ["10", "EUR", "10.00"],
    ["0.005", "GBP", "0.01"],
    ["0.0049999", "GBP", "0.00"],
    ["1234.5", "JPY", "1235"],
    ["1234.49", "JPY", "1234"],
    ["0.5", "JPY", "1"],
    ["100", "JPY", "100"],
    ["1.2345", "KWD", "1.235"],
    ["1.2344", "KWD", "1.234"],
    ["1", "KWD", "1.000"],
    ["0.0005", "BHD", "0.001"],
  ])("%s %s → %s (ties away from zero)", (amount, currency, rounded) => {
    expect(roundMoney(amount, currency)).toBe(rounded);
  });

  it("rounds the exact quotient, not a binary approximation", () => {
    // 13% tax extracted from 113.00 is exactly 13; 1/3 of 0.05 is 0.01666…
    expect(roundMoney(new Dec("113.00").times("0.13").dividedBy("1.13"), "CAD")).toBe("13.00");
    expect(roundMoney(new Dec("0.05").dividedBy(3), "USD")).toBe("0.02");
  });
});

describe("sumMoney", () => {
  it.each([
    [["0.10", "0.20"], "USD", "0.30"],
    [["100", "200", "1"], "JPY", "301"],
    [["0.001", "0.002"], "KWD", "0.003"],
    [[], "EUR", "0.00"],
  ])("%j in %s → %s", (amounts, currency, sum) => {
    expect(sumMoney(amounts, currency)).toBe(sum);
  });
});

describe("shopifyDecimal", () => {
  it.each([
    ["100.00", "100.0"],
    ["12.50", "12.5"],
    ["0.07", "0.07"],
    ["5", "5.0"],
    ["1000", "1000.0"],
    ["0.000", "0.0"],
    ["-3.10", "-3.1"],
    ["1.235", "1.235"],
  ])("%s → %s", (amount, written) => {
    expect(shopifyDecimal(amount)).toBe(written);
  });
});

describe("readDecimal", () => {
  it.each([
    ["12", "12"],
    [" 12.5 ", "12.5"],
    [".5", "0.5"],
    ["-1.25", "-1.25"],
    ["+3", "3"],
    [12.5, "12.5"],
    ["123456789012345678901234567890", "123456789012345678901234567890"],
  ])("reads %j as %s", (value, read) => {
    expect(readDecimal(value)?.toFixed()).toBe(read);
  });

  it.each([["1e3"], ["12."], ["abc"], [""], ["0x10"], ["Infinity"], ["NaN"], ["1,5"], [null], [undefined], [{}], [1e21], ["1234567890123456789012345678901"]])(
    "refuses %j",
    (value) => {
      expect(readDecimal(value)).toBeUndefined();
    },
  );
});

describe("allocateProportionally", () => {
  it.each([
    ["0.02", ["10.00", "10.00", "10.00", "10.00"], "USD", ["0.01", "0.01", "0.00", "0.00"]],
    ["100.00", ["1.00", "1.00", "1.00"], "USD", ["33.34", "33.33", "33.33"]],
    ["0.10", ["1.00", "2.00", "3.00"], "USD", ["0.02", "0.03", "0.05"]],
    ["4.00", ["30.00", "0.00", "10.00"], "USD", ["3.00", "0.00", "1.00"]],
    ["100", ["1", "1", "1"], "JPY", ["34", "33", "33"]],
    ["7", ["1500", "500"], "JPY", ["5", "2"]],
    ["1.000", ["1.000", "2.000"], "KWD", ["0.333", "0.667"]],
    ["0.00", ["5.00", "5.00"], "EUR", ["0.00", "0.00"]],
  ])("%s over %j in %s → %j", (total, weights, currency, shares) => {
    expect(allocateProportionally(total, weights, currency)).toEqual(shares);
  });

  it("refuses what it cannot split", () => {
    expect(() => allocateProportionally("1.00", ["0.00", "0.00"], "USD")).toThrow(/all zero/);
    expect(() => allocateProportionally("-1.00", ["1.00"], "USD")).toThrow(/negative/);
    expect(() => allocateProportionally("1.00", ["1.00", "-1.00"], "USD")).toThrow(/negative/);
    expect(() => allocateProportionally("0.001", ["1.00"], "USD")).toThrow(/more than 2 decimals/);
  });

  it("sums to the total exactly, gives a zero weight nothing, and keeps each share within a minor unit", () => {
    const currencies = [
      { code: "USD", digits: 2 },
      { code: "JPY", digits: 0 },
      { code: "KWD", digits: 3 },
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...currencies),
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 9n }), { minLength: 1, maxLength: 12 }),
        ({ code, digits }, totalUnits, weightUnits) => {
          fc.pre(weightUnits.some((units) => units > 0n));
          const asAmount = (units: bigint) => new Dec(units.toString()).dividedBy(new Dec(10).pow(digits)).toFixed(digits);
          const shares = allocateProportionally(asAmount(totalUnits), weightUnits.map(asAmount), code);
          expect(sumMoney(shares, code)).toBe(asAmount(totalUnits));
          const weightSum = weightUnits.reduce((sum, units) => sum + units, 0n);
          shares.forEach((share, index) => {
            const weight = weightUnits[index]!;
            if (weight === 0n) expect(new Dec(share).isZero()).toBe(true);
            const exact = new Dec(asAmount(totalUnits)).times(weight.toString()).dividedBy(weightSum.toString());
            expect(exact.minus(share).abs().lt(new Dec(10).pow(-digits))).toBe(true);
          });
        },
      ),
    );
  });
});
