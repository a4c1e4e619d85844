import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocateByRatios, allocateEqually, allocateSmallByRatios } from "../../../app/domain/money/allocate";
import { currencyFor } from "../../../app/domain/money/currency";
import { CURRENCY_EXPONENTS } from "../../../app/domain/money/iso4217";
import { formatMinorUnits, toMinorUnits } from "../../../app/domain/money/minor-units";
import { PlanError } from "../../../app/domain/plan-error";

describe("currencies", () => {
  it.each([
    ["USD", 2],
    ["EUR", 2],
    ["JPY", 0],
    ["KRW", 0],
    ["CLP", 0],
    ["ISK", 0],
    ["KWD", 3],
    ["BHD", 3],
    ["OMR", 3],
    ["TND", 3],
    ["jpy", 0],
  ])("%s has exponent %i", (code, exponent) => {
    expect(currencyFor(code).exponent).toBe(exponent);
  });

  it("rejects codes that are not currencies, naming the key", () => {
    expect(() => currencyFor("EURO")).toThrow(new PlanError("currency", '"EURO" is not an ISO 4217 currency code Shopify sells in'));
    expect(() => currencyFor("XAU")).toThrow(PlanError);
  });

  it("knows every currency in Shopify's CurrencyCode enum except the placeholder XXX", () => {
    const shopifyCodes =
      "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BYR BZD CAD CDF CHF CLP CNY COP CRC CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IQD IRR ISK JEP JMD JOD JPY KES KGS KHR KID KMF KRW KWD KYD KZT LAK LBP LKR LRD LSL LTL LVL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLL SOS SRD SSP STD STN SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USDC UYU UZS VED VEF VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW".split(
        " ",
      );
    expect(shopifyCodes.filter((code) => CURRENCY_EXPONENTS[code] === undefined)).toEqual([]);
  });
});

describe("minor units", () => {
  const usd = currencyFor("USD");
  const jpy = currencyFor("JPY");
  const kwd = currencyFor("KWD");

  it.each([
    ["1200.00", usd, 120000n, "1200.00"],
    ["1200", usd, 120000n, "1200.00"],
    ["0.5", usd, 50n, "0.50"],
    [".05", usd, 5n, "0.05"],
    ["10000", jpy, 10000n, "10000"],
    ["1.234", kwd, 1234n, "1.234"],
    ["0.001", kwd, 1n, "0.001"],
  ])("%s in %o is %s minor units", (text, currency, minor, formatted) => {
    expect(toMinorUnits(text, currency, "total")).toBe(minor);
    expect(formatMinorUnits(minor, currency)).toBe(formatted);
  });

  it("refuses amounts of 10^15 major units or more", () => {
    expect(() => toMinorUnits("1000000000000000", jpy, "total")).toThrow("total: 1000000000000000 is too large");
    expect(toMinorUnits("999999999999999", jpy, "total")).toBe(999999999999999n);
  });

  it("refuses more decimals than the currency has, instead of rounding", () => {
    expect(() => toMinorUnits("10.005", usd, "total")).toThrow("total: 10.005 has more decimal places than USD allows (2)");
    expect(() => toMinorUnits("100.5", jpy, "total")).toThrow("has more decimal places than JPY allows (0)");
  });

  it.each(["", "abc", "1e5", "1,000.00", "NaN", "Infinity", "0x10", "1.", "--1"])("rejects %j", (text) => {
    expect(() => toMinorUnits(text, usd, "amount")).toThrow(PlanError);
  });

  it("writes every digit and exactly the currency's decimals, on both sides of 2^53 minor units", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 6n }), fc.bigInt({ min: 2n ** 52n, max: 2n ** 60n })),
        fc.constantFrom(usd, jpy, kwd),
        (minor, currency) => {
          const text = formatMinorUnits(minor, currency);
          expect(BigInt(text.replace(".", ""))).toBe(minor);
          expect(text.includes(".") ? text.split(".")[1]?.length : 0).toBe(currency.exponent);
          expect(/^(0|[1-9]\d*)(\.\d+)?$/.test(text)).toBe(true);
        },
      ),
    );
  });

  it("round-trips any minor amount in any exponent", () => {
    fc.assert(
      // Below 10^15 major units in every exponent (the engine's limit; JPY's minor unit is its major unit).
      fc.property(fc.bigInt({ min: -(10n ** 15n) + 1n, max: 10n ** 15n - 1n }), fc.constantFrom(usd, jpy, kwd), (minor, currency) => {
        expect(toMinorUnits(formatMinorUnits(minor, currency), currency, "x")).toBe(minor);
      }),
    );
  });
});

describe("allocateByRatios (largest remainder, ties to the earlier share)", () => {
  it.each([
    [1003n, [50n, 50n], [502n, 501n]],
    [3n, [50n, 50n], [2n, 1n]],
    [100n, [1n, 1n, 1n], [34n, 33n, 33n]],
    [100n, [30n, 50n, 20n], [30n, 50n, 20n]],
    [1001n, [30n, 50n, 20n], [300n, 501n, 200n]],
    [5n, [0n, 1n, 0n], [0n, 5n, 0n]],
    [0n, [1n, 2n], [0n, 0n]],
    [7n, [1n, 0n, 1n], [4n, 0n, 3n]],
  ])("%s by %o is %o", (total, ratios, expected) => {
    expect(allocateByRatios(total, ratios)).toEqual(expected);
  });

  it("preserves the total, never goes negative, stays within one unit of exact, gives zero ratios nothing", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 14n }),
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 6n }), { minLength: 1, maxLength: 30 }).filter((r) => r.some((x) => x > 0n)),
        (total, ratios) => {
          const shares = allocateByRatios(total, ratios);
          const sum = ratios.reduce((a, b) => a + b, 0n);
          expect(shares.reduce((a, b) => a + b, 0n)).toBe(total);
          shares.forEach((share, i) => {
            const ratio = ratios[i] as bigint;
            expect(share >= 0n).toBe(true);
            const exactTimesSum = total * ratio;
            expect(share * sum <= exactTimesSum + sum && share * sum >= exactTimesSum - sum).toBe(true);
            if (ratio === 0n) expect(share).toBe(0n);
          });
        },
      ),
    );
  });

  it("gives the shares of the plain definition (sort by fraction), whether few or many units are left over", () => {
    const reference = (total: bigint, ratios: readonly bigint[]): bigint[] => {
      const sum = ratios.reduce((a, b) => a + b, 0n);
      const shares = ratios.map((ratio) => (total * ratio) / sum);
      let leftover = total - shares.reduce((a, b) => a + b, 0n);
      const order = ratios.map((ratio, index) => ({ fraction: (total * ratio) % sum, index }));
      order.sort((a, b) => (a.fraction === b.fraction ? a.index - b.index : a.fraction > b.fraction ? -1 : 1));
      for (const { index } of order) {
        if (leftover === 0n) break;
        shares[index] = (shares[index] as bigint) + 1n;
        leftover -= 1n;
      }
      return shares;
    };
    const nearBound = fc.bigInt({ min: 2n ** 40n, max: 2n ** 56n });
    fc.assert(
      fc.property(
        fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 9n }), nearBound),
        fc
          .array(fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 4n }), fc.bigInt({ min: 0n, max: 2n ** 20n })), { minLength: 1, maxLength: 40 })
          .filter((r) => r.some((x) => x > 0n)),
        (total, ratios) => {
          expect(allocateByRatios(total, ratios)).toEqual(reference(total, ratios));
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it("allocates the same on doubles (allocateSmallByRatios) while total × each ratio stays below 2^53", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.array(fc.integer({ min: 0, max: 100_000_000 }), { minLength: 1, maxLength: 30 }).filter((r) => r.some((x) => x > 0)),
        (total, ratios) => {
          expect(allocateSmallByRatios(total, ratios).map(BigInt)).toEqual(allocateByRatios(BigInt(total), ratios.map(BigInt)));
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it("allocates the same on doubles for long schedules, with many units left over and many tied fractions", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 9, maxLength: 400, size: "max" }).filter((r) => r.some((x) => x > 0)),
        (total, ratios) => {
          expect(allocateSmallByRatios(total, ratios).map(BigInt)).toEqual(allocateByRatios(BigInt(total), ratios.map(BigInt)));
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it("rejects a negative total and all-zero ratios", () => {
    expect(() => allocateByRatios(-1n, [1n])).toThrow(RangeError);
    expect(() => allocateByRatios(1n, [0n, 0n])).toThrow(RangeError);
  });
});

describe("allocateEqually (odd units to the earliest)", () => {
  it.each([
    [10000n, 3, [3334n, 3333n, 3333n]],
    [10002n, 4, [2501n, 2501n, 2500n, 2500n]],
    [2n, 4, [1n, 1n, 0n, 0n]],
    [120000n, 4, [30000n, 30000n, 30000n, 30000n]],
  ])("%s in %i is %o", (total, count, expected) => {
    expect(allocateEqually(total, count)).toEqual(expected);
  });

  it("shares differ by at most one unit and sum to the total", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 14n }), fc.integer({ min: 1, max: 520 }), (total, count) => {
        const shares = allocateEqually(total, count);
        expect(shares.reduce((a, b) => a + b, 0n)).toBe(total);
        const max = shares.reduce((a, b) => (a > b ? a : b));
        const min = shares.reduce((a, b) => (a < b ? a : b));
        expect(max - min <= 1n).toBe(true);
        expect([...shares].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0))).toEqual(shares);
      }),
    );
  });
});
