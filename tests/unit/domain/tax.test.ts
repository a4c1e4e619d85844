import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocateByRatios } from "../../../app/domain/money/allocate";
import { allocateTaxLines } from "../../../app/domain/schedule/tax";

const lines = (...amounts: bigint[]) => amounts.map((amount, i) => ({ title: `Tax ${i + 1}`, amount }));

describe("allocateTaxLines", () => {
  it.each([
    ["30/50/20 of one VAT line", [36000n, 60000n, 24000n], lines(19160n), [[5748n], [9580n], [3832n]]],
    ["equal thirds of 0.10 tax", [3334n, 3333n, 3333n], lines(10n), [[4n], [3n], [3n]]],
    [
      "three lines (state, county, city) over four installments",
      [30000n, 30000n, 30000n, 30000n],
      lines(725n, 150n, 101n),
      [
        [181n, 38n, 25n],
        [182n, 37n, 25n],
        [181n, 38n, 25n],
        [181n, 37n, 26n],
      ],
    ],
    ["no tax", [100n, 200n], lines(0n), [[0n], [0n]]],
    ["no tax lines", [100n, 200n], [], [[], []]],
  ])("%s", (_, amounts, taxLines, expected) => {
    expect(allocateTaxLines(amounts, taxLines)).toEqual(expected);
  });

  it("every line sums to itself, every installment's tax is within one unit of its share and never above its amount", () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 1n, max: 10n ** 9n }), { minLength: 1, maxLength: 24 }),
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 9n }), { minLength: 1, maxLength: 5 }),
        (amounts, taxAmounts) => {
          const total = amounts.reduce((a, b) => a + b, 0n);
          const taxTotal = taxAmounts.reduce((a, b) => a + b, 0n);
          fc.pre(taxTotal <= total);
          const rows = allocateTaxLines(amounts, lines(...taxAmounts));
          taxAmounts.forEach((line, j) => expect(rows.reduce((sum, row) => sum + (row[j] as bigint), 0n)).toBe(line));
          rows.forEach((row, i) => {
            const amount = amounts[i] as bigint;
            const rowTax = row.reduce((a, b) => a + b, 0n);
            expect(row.every((share) => share >= 0n)).toBe(true);
            expect(rowTax <= amount).toBe(true);
            const exact = taxTotal * amount;
            expect(rowTax * total >= exact - total && rowTax * total <= exact + total).toBe(true);
          });
        },
      ),
    );
  });

  it("gives the same shares whether the order is small enough for doubles (tax × total below 2^53) or needs bigints", () => {
    // The documented split, written plainly on bigints: the reference both of the engine's paths must equal.
    const reference = (amounts: readonly bigint[], taxAmounts: readonly bigint[]): bigint[][] => {
      const totalTax = taxAmounts.reduce((a, b) => a + b, 0n);
      if (totalTax === 0n) return amounts.map(() => taxAmounts.map(() => 0n));
      const perInstallment = allocateByRatios(totalTax, amounts);
      const unassigned = [...taxAmounts];
      return perInstallment.map((tax, index) => {
        if (index === amounts.length - 1) return [...unassigned];
        if (tax === 0n) return unassigned.map(() => 0n);
        const row = allocateByRatios(tax, unassigned);
        row.forEach((share, line) => (unassigned[line] = (unassigned[line] as bigint) - share));
        return row;
      });
    };
    const sizes = fc.oneof(fc.bigInt({ min: 1n, max: 10n ** 6n }), fc.bigInt({ min: 10n ** 7n, max: 10n ** 11n }));
    fc.assert(
      fc.property(fc.array(sizes, { minLength: 1, maxLength: 24 }), fc.array(sizes, { minLength: 1, maxLength: 5 }), (amounts, taxAmounts) => {
        const total = amounts.reduce((a, b) => a + b, 0n);
        fc.pre(taxAmounts.reduce((a, b) => a + b, 0n) <= total);
        expect(allocateTaxLines(amounts, lines(...taxAmounts))).toEqual(reference(amounts, taxAmounts));
      }),
      { numRuns: 1_000 },
    );
  });
});
