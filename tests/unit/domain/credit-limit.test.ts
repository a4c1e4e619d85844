import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { checkCreditLimit, creditLimitRefusal, creditLimitSummary, type ExposureFigures } from "../../../app/domain/customers/credit-limit";
import { formatMoney } from "../../../app/locale/format";

const money = (minor: bigint, currency: string) => formatMoney(minor, currency, "en-US");
const owes = (currency: string, unpaidMinor: bigint, contracts: number, overdueMinor = 0n): ExposureFigures => ({
  currency,
  unpaidMinor,
  overdueMinor,
  contracts,
});
const USD_10000 = { minor: 1_000_000n, currency: "USD" };

describe("the credit-limit check (a pure decision on what is owed, what the order adds and the limit)", () => {
  it.each([
    { name: "no limit", limit: null, exposure: [owes("USD", 999_999_999n, 9)], order: 100n, kind: "noLimit", over: null },
    { name: "nothing owed, order under the limit", limit: USD_10000, exposure: [], order: 300_000n, kind: "within", over: -700_000n },
    { name: "reaching the limit exactly is allowed", limit: USD_10000, exposure: [owes("USD", 700_000n, 2)], order: 300_000n, kind: "within", over: 0n },
    { name: "one cent over is refused", limit: USD_10000, exposure: [owes("USD", 700_001n, 2)], order: 300_000n, kind: "over", over: 1n },
    {
      name: "Acme: $8,000 owed + $3,000 over a $10,000 limit",
      limit: USD_10000,
      exposure: [owes("USD", 800_000n, 3)],
      order: 300_000n,
      kind: "over",
      over: 100_000n,
    },
    { name: "a zero limit refuses any order", limit: { minor: 0n, currency: "USD" }, exposure: [], order: 1n, kind: "over", over: 1n },
    {
      name: "contracts in another currency are not counted",
      limit: USD_10000,
      exposure: [owes("EUR", 5_000_000n, 4), owes("USD", 100_000n, 1)],
      order: 300_000n,
      kind: "within",
      over: -600_000n,
    },
  ])("$name", ({ limit, exposure, order, kind, over }) => {
    const decision = checkCreditLimit({ limit, exposure, order: { minor: order, currency: "USD" } });
    expect(decision.kind).toBe(kind);
    expect("figures" in decision ? decision.figures.overMinor : null).toBe(over);
  });

  it("leaves an order in another currency than the limit outside it", () => {
    const decision = checkCreditLimit({ limit: USD_10000, exposure: [owes("USD", 2_000_000n, 5)], order: { minor: 100n, currency: "EUR" } });
    expect(decision).toEqual({ kind: "otherCurrency", orderCurrency: "EUR", limit: USD_10000 });
    expect(creditLimitSummary("Acme", decision, money)).toBe(
      "Acme's credit limit is in USD ($10,000.00); this order is in EUR, so the limit does not apply to it.",
    );
  });

  it("refuses in plain words with the figures", () => {
    const decision = checkCreditLimit({ limit: USD_10000, exposure: [owes("USD", 800_000n, 3)], order: { minor: 300_000n, currency: "USD" } });
    if (decision.kind !== "over") throw new Error("expected a refusal");
    expect(creditLimitRefusal("Acme", decision.figures, money)).toBe(
      "Credit limit reached: Acme owes $8,000.00 on 3 contracts; this order adds $3,000.00; the limit is $10,000.00 ($1,000.00 over).",
    );
  });

  it("says what other currencies owe, and that they are not counted", () => {
    const decision = checkCreditLimit({
      limit: USD_10000,
      exposure: [owes("USD", 950_000n, 1), owes("EUR", 120_050n, 2)],
      order: { minor: 100_000n, currency: "USD" },
    });
    expect(creditLimitSummary("Acme", decision, money)).toBe(
      "Credit limit reached: Acme owes $9,500.00 on 1 contract; this order adds $1,000.00; the limit is $10,000.00 ($500.00 over)." +
        " Also owed in other currencies, not counted against the USD limit: €1,200.50.",
    );
  });

  it("says a customer who owes nothing yet so, rather than $0.00 on 0 contracts", () => {
    const decision = checkCreditLimit({ limit: USD_10000, exposure: [], order: { minor: 1_200_000n, currency: "USD" } });
    expect(creditLimitSummary("Bo", decision, money)).toBe(
      "Credit limit reached: Bo owes nothing yet; this order adds $12,000.00; the limit is $10,000.00 ($2,000.00 over).",
    );
  });

  it("says how much is left when within", () => {
    const decision = checkCreditLimit({ limit: USD_10000, exposure: [owes("USD", 200_000n, 1)], order: { minor: 300_000n, currency: "USD" } });
    expect(creditLimitSummary("Bo", decision, money)).toBe(
      "Within the credit limit: Bo owes $2,000.00 on 1 contract; this order adds $3,000.00; the limit is $10,000.00 ($5,000.00 left).",
    );
  });

  it("refuses a negative limit or order as a bug, not a decision", () => {
    expect(() => checkCreditLimit({ limit: { minor: -1n, currency: "USD" }, exposure: [], order: { minor: 1n, currency: "USD" } })).toThrow(RangeError);
    expect(() => checkCreditLimit({ limit: USD_10000, exposure: [], order: { minor: -1n, currency: "USD" } })).toThrow(RangeError);
  });
});

describe("credit-limit properties", () => {
  const currency = fc.constantFrom("USD", "EUR", "JPY");
  const exposureRows = fc.uniqueArray(
    fc.record({ currency, unpaidMinor: fc.bigInt({ min: 0n, max: 10n ** 15n }), overdueMinor: fc.constant(0n), contracts: fc.nat(50) }),
    { selector: (row) => row.currency },
  );
  const limit = fc.record({ minor: fc.bigInt({ min: 0n, max: 10n ** 15n }), currency });
  const order = fc.record({ minor: fc.bigInt({ min: 0n, max: 10n ** 12n }), currency });

  it("refuses exactly when the same-currency debt plus the order exceeds the limit", () => {
    fc.assert(
      fc.property(limit, exposureRows, order, (creditLimit, exposure, attached) => {
        const decision = checkCreditLimit({ limit: creditLimit, exposure, order: attached });
        if (attached.currency !== creditLimit.currency) return decision.kind === "otherCurrency";
        const owed = exposure.find((row) => row.currency === creditLimit.currency)?.unpaidMinor ?? 0n;
        return decision.kind === (owed + attached.minor > creditLimit.minor ? "over" : "within");
      }),
    );
  });

  it("never counts another currency: adding debt elsewhere changes no decision", () => {
    fc.assert(
      fc.property(limit, exposureRows, order, fc.bigInt({ min: 1n, max: 10n ** 15n }), (creditLimit, exposure, attached, extra) => {
        const before = checkCreditLimit({ limit: creditLimit, exposure, order: attached });
        const more = exposure.map((row) => (row.currency === creditLimit.currency ? row : { ...row, unpaidMinor: row.unpaidMinor + extra }));
        const after = checkCreditLimit({ limit: creditLimit, exposure: more, order: attached });
        return before.kind === after.kind && ("figures" in before && "figures" in after ? before.figures.overMinor === after.figures.overMinor : true);
      }),
    );
  });

  it("is monotone: a larger order is never allowed where a smaller one was refused", () => {
    fc.assert(
      fc.property(limit, exposureRows, fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.bigInt({ min: 0n, max: 10n ** 12n }), (creditLimit, exposure, a, b) => {
        const [small, large] = a <= b ? [a, b] : [b, a];
        const check = (minor: bigint) => checkCreditLimit({ limit: creditLimit, exposure, order: { minor, currency: creditLimit.currency } }).kind;
        return !(check(small) === "over" && check(large) === "within");
      }),
    );
  });
});
