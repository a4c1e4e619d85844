import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocateRefund, refundedTaxShares, type RefundableStage, type RefundAllocation } from "../../../app/domain/contract/allocate-refunds";

const total = (amounts: readonly bigint[]) => amounts.reduce((sum, value) => sum + value, 0n);
const holds = (stage: RefundableStage) => (stage.received > stage.refunded ? stage.received - stage.refunded : 0n);

/**
 * 1-6 stages listed in any order, with distinct positions: each received something or nothing, and had part of it
 * refunded already; now and then a stage refunded beyond what it received (staff, by hand), or one that never paid.
 */
const stagesArb: fc.Arbitrary<RefundableStage[]> = fc
  .array(
    fc.record({
      received: fc.oneof(fc.constant(0n), fc.bigInt({ min: 1n, max: 100_000n })),
      refundedShare: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 100 }), fc.constant(100), fc.constant(120)),
    }),
    { minLength: 1, maxLength: 6 },
  )
  .chain((entries) =>
    fc.shuffledSubarray(
      entries.map((entry, index) => ({
        position: index + 1,
        received: entry.received,
        refunded: (entry.received * BigInt(entry.refundedShare)) / 100n,
      })),
      { minLength: entries.length, maxLength: entries.length },
    ),
  );

/** A refund of up to more than everything the stages could hold, naming some of them (or an unknown position). */
const caseArb = stagesArb.chain((stages) =>
  fc.record({
    stages: fc.constant(stages),
    amount: fc.bigInt({ min: 1n, max: 700_000n }),
    paidStages: fc.subarray([...stages.map((stage) => stage.position), 99]),
  }),
);

const refundedAfter = (stages: readonly RefundableStage[], allocation: RefundAllocation): RefundableStage[] =>
  stages.map((stage) => ({ ...stage, refunded: stage.refunded + total(allocation.parts.filter((p) => p.position === stage.position).map((p) => p.amount)) }));

describe("allocateRefund properties", () => {
  it("never takes more from a stage than it holds (received less refunded); every part is above zero, one per stage", () => {
    fc.assert(
      fc.property(caseArb, ({ stages, amount, paidStages }) => {
        const { parts } = allocateRefund(stages, { amount, paidStages });
        expect(new Set(parts.map((p) => p.position)).size).toBe(parts.length);
        for (const part of parts) {
          const stage = stages.find((candidate) => candidate.position === part.position);
          expect(stage).toBeDefined();
          expect(part.amount > 0n).toBe(true);
          expect(part.amount <= holds(stage!)).toBe(true);
        }
      }),
      { numRuns: 1_000 },
    );
  });

  it("parts + unallocated = the amount", () => {
    fc.assert(
      fc.property(caseArb, ({ stages, amount, paidStages }) => {
        const { parts, unallocated } = allocateRefund(stages, { amount, paidStages });
        expect(unallocated >= 0n).toBe(true);
        expect(total(parts.map((p) => p.amount)) + unallocated).toBe(amount);
      }),
      { numRuns: 1_000 },
    );
  });

  it("unallocated is 0 whenever the stages hold enough, and otherwise exactly what they lack", () => {
    let enough = 0;
    fc.assert(
      fc.property(caseArb, ({ stages, amount, paidStages }) => {
        const held = total(stages.map(holds));
        const { unallocated } = allocateRefund(stages, { amount, paidStages });
        if (held >= amount) {
          enough++;
          expect(unallocated).toBe(0n);
        } else expect(unallocated).toBe(amount - held);
      }),
      { numRuns: 1_000 },
    );
    expect(enough).toBeGreaterThan(100);
  });

  it("follows the rule's order: the named stages latest first, then the others latest first, each emptied before the next is touched", () => {
    fc.assert(
      fc.property(caseArb, ({ stages, amount, paidStages }) => {
        const named = new Set(paidStages);
        const byPosition = [...stages].sort((a, b) => b.position - a.position);
        const order = [...byPosition.filter((s) => named.has(s.position)), ...byPosition.filter((s) => !named.has(s.position))];
        const { parts } = allocateRefund(stages, { amount, paidStages });
        // The expected waterfall, written out independently.
        let left = amount;
        const expected: { position: number; amount: bigint }[] = [];
        for (const stage of order) {
          const part = left < holds(stage) ? left : holds(stage);
          if (part > 0n) expected.push({ position: stage.position, amount: part });
          left -= part;
        }
        expect(parts).toEqual(expected);
      }),
      { numRuns: 1_000 },
    );
  });

  it("refunds naming no payment are order-independent: any permutation gives the same refunded total per stage", () => {
    const refundsArb = stagesArb.chain((stages) =>
      fc.array(fc.bigInt({ min: 1n, max: 150_000n }), { minLength: 1, maxLength: 6 }).chain((amounts) =>
        fc.record({
          stages: fc.constant(stages),
          amounts: fc.constant(amounts),
          permuted: fc.shuffledSubarray(amounts, { minLength: amounts.length, maxLength: amounts.length }),
        }),
      ),
    );
    /** Each refund in turn, every one seeing what the earlier ones took: the refunded total per position and what no stage held. */
    const applyAll = (stages: readonly RefundableStage[], amounts: readonly bigint[]) => {
      let current = [...stages];
      let unallocated = 0n;
      for (const amount of amounts) {
        const allocation = allocateRefund(current, { amount, paidStages: [] });
        current = refundedAfter(current, allocation);
        unallocated += allocation.unallocated;
      }
      return { refunded: new Map(current.map((stage) => [stage.position, stage.refunded])), unallocated };
    };
    fc.assert(
      fc.property(refundsArb, ({ stages, amounts, permuted }) => {
        const inOrder = applyAll(stages, amounts);
        expect(applyAll(stages, permuted)).toEqual(inOrder);
        // And the same as one refund of their sum.
        expect(applyAll(stages, [total(amounts)])).toEqual(inOrder);
      }),
      { numRuns: 600 },
    );
  });
});

/** A stage's tax lines (1-5, some of no tax, some more than the stage's amount) and its amount. */
const taxArb = fc.record({
  shares: fc.array(fc.oneof(fc.constant(0n), fc.bigInt({ min: 1n, max: 5_000n }), fc.bigInt({ min: 1n, max: 50n })), { minLength: 1, maxLength: 5 }),
  amount: fc.oneof(fc.bigInt({ min: 1n, max: 200n }), fc.bigInt({ min: 1n, max: 1_000_000n })),
});
/**
 * Two refunded totals, the first at most the second, both at most the stage's amount: anywhere, or close together (a
 * refund of a few minor units more, where one more unit of tax is given back).
 */
const twoTotalsArb = taxArb.chain(({ shares, amount }) =>
  fc.oneof(
    fc
      .tuple(fc.bigInt({ min: 0n, max: amount }), fc.bigInt({ min: 0n, max: amount }))
      .map(([a, b]) => ({ shares, amount, lower: a < b ? a : b, higher: a < b ? b : a })),
    fc
      .tuple(fc.bigInt({ min: 0n, max: amount }), fc.bigInt({ min: 1n, max: 1n + amount / 50n }))
      .map(([a, step]) => ({ shares, amount, lower: a, higher: a + step > amount ? amount : a + step })),
  ),
);

describe("refundedTaxShares properties", () => {
  it("never gives back more than a line's share, never less than nothing", () => {
    fc.assert(
      fc.property(twoTotalsArb, ({ shares, amount, higher }) => {
        const given = refundedTaxShares(shares, amount, higher);
        expect(given.length).toBe(shares.length);
        given.forEach((line, index) => {
          expect(line >= 0n).toBe(true);
          expect(line <= shares[index]!).toBe(true);
        });
      }),
      { numRuns: 1_000 },
    );
  });

  it("the sum is within one minor unit (half a unit: rounded half up) of the exact proportion", () => {
    fc.assert(
      fc.property(twoTotalsArb, ({ shares, amount, higher }) => {
        const tax = total(shares);
        const given = total(refundedTaxShares(shares, amount, higher));
        // |given - tax·refunded/amount| ≤ 1/2, rounded up at exactly 1/2: -amount < 2·(given·amount - tax·refunded) ≤ amount.
        const twice = 2n * (given * amount - tax * higher);
        expect(twice <= amount && twice > -amount).toBe(true);
      }),
      { numRuns: 1_000 },
    );
  });

  it("is monotone in the refunded total: in all", () => {
    fc.assert(
      fc.property(twoTotalsArb, ({ shares, amount, lower, higher }) => {
        expect(total(refundedTaxShares(shares, amount, lower)) <= total(refundedTaxShares(shares, amount, higher))).toBe(true);
      }),
      { numRuns: 1_000 },
    );
  });

  // A refund recorded as the difference of two running totals must not give a negative tax back on any line.
  it("is monotone in the refunded total: line by line", () => {
    fc.assert(
      fc.property(twoTotalsArb, ({ shares, amount, lower, higher }) => {
        const before = refundedTaxShares(shares, amount, lower);
        const after = refundedTaxShares(shares, amount, higher);
        after.forEach((line, index) => expect(line >= before[index]!, `line ${index}: ${before[index]} then ${line}`).toBe(true));
      }),
      { numRuns: 4_000 },
    );
  });

  it("line by line, more refunded never takes tax back from a line (the Alabama-paradox case)", () => {
    // A 140.00 stage taxed 6.00 + 6.00 + 2.00. Refunded 1.00: 0.10 of tax, 4.29/4.29/1.43 -> 4, 4, 2 by largest
    // remainder. Refunded 1.10: 0.11 of tax, 4.71/4.71/1.57 -> 5, 5, 1: the third line gives back less than before.
    const before = refundedTaxShares([600n, 600n, 200n], 14_000n, 100n);
    const after = refundedTaxShares([600n, 600n, 200n], 14_000n, 110n);
    expect([before, after].map(total)).toEqual([10n, 11n]);
    after.forEach((line, index) => expect(line >= before[index]!, `line ${index}: ${before[index]} then ${line}`).toBe(true));
  });

  it("refunded in any steps, the refunds per line (differences of the running totals) add up to exactly the shares", () => {
    const stepsArb = taxArb.chain(({ shares, amount }) =>
      fc.array(fc.bigInt({ min: 0n, max: amount }), { maxLength: 6 }).map((cuts) => ({
        shares,
        amount,
        ends: [...new Set([...cuts, amount])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
      })),
    );
    fc.assert(
      fc.property(stepsArb, ({ shares, amount, ends }) => {
        let before = refundedTaxShares(shares, amount, 0n);
        const given = shares.map(() => 0n);
        for (const refunded of ends) {
          const after = refundedTaxShares(shares, amount, refunded);
          after.forEach((line, index) => (given[index] = given[index]! + line - before[index]!));
          before = after;
        }
        expect(given).toEqual([...shares]);
      }),
      { numRuns: 1_000 },
    );
  });
});
