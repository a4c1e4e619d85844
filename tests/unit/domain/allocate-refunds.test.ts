import { describe, expect, it } from "vitest";
import { allocateRefund, refundedTaxShares, type RefundableStage, type RefundAllocation } from "../../../app/domain/contract/allocate-refunds";

/** 1200.00 received in full: a 360.00 deposit, 600.00 and 240.00, nothing refunded yet. */
const paidInFull: readonly RefundableStage[] = [
  { position: 1, received: 36_000n, refunded: 0n },
  { position: 2, received: 60_000n, refunded: 0n },
  { position: 3, received: 24_000n, refunded: 0n },
];

const holding = (...changes: readonly (readonly [number, Partial<RefundableStage>])[]): RefundableStage[] =>
  paidInFull.map((stage) => ({ ...stage, ...Object.fromEntries(changes)[stage.position] }));

const parts = (...entries: readonly (readonly [number, bigint])[]) => entries.map(([position, amount]) => ({ position, amount }));

describe("allocateRefund: the one refund rule", () => {
  it.each<[string, readonly RefundableStage[], bigint, readonly number[], RefundAllocation]>([
    // 1. A refund of a payment comes off the stages that payment paid.
    ["a refund of a payment that paid one stage comes off that stage", paidInFull, 20_000n, [2], { parts: parts([2, 20_000n]), unallocated: 0n }],
    ["the deposit's own refund comes off the deposit", paidInFull, 36_000n, [1], { parts: parts([1, 36_000n]), unallocated: 0n }],
    [
      "a refund of a payment that paid two stages comes off the later one first",
      paidInFull,
      70_000n,
      [1, 2],
      { parts: parts([2, 60_000n], [1, 10_000n]), unallocated: 0n },
    ],
    ["the order the payment's stages are named in does not matter", paidInFull, 70_000n, [2, 1], { parts: parts([2, 60_000n], [1, 10_000n]), unallocated: 0n }],
    // 2. What is left spills over to the other stages holding money, latest first.
    [
      "more than the named stage holds spills over to the latest other stage",
      paidInFull,
      80_000n,
      [2],
      { parts: parts([2, 60_000n], [3, 20_000n]), unallocated: 0n },
    ],
    [
      "a spill-over passes the named stage's earlier neighbours only after the later ones",
      paidInFull,
      100_000n,
      [1],
      { parts: parts([1, 36_000n], [3, 24_000n], [2, 40_000n]), unallocated: 0n },
    ],
    [
      "a refund naming no payment comes off the latest stages: the deposit last",
      paidInFull,
      100_000n,
      [],
      { parts: parts([3, 24_000n], [2, 60_000n], [1, 16_000n]), unallocated: 0n },
    ],
    ["a small refund naming no payment leaves the deposit alone", paidInFull, 1n, [], { parts: parts([3, 1n]), unallocated: 0n }],
    // 3. No stage gives back more than it holds; the rest is unallocated.
    [
      "what was refunded already is not refunded again",
      holding([3, { refunded: 24_000n }], [2, { refunded: 50_000n }]),
      30_000n,
      [],
      { parts: parts([2, 10_000n], [1, 20_000n]), unallocated: 0n },
    ],
    [
      "a named stage that holds nothing any more is passed over",
      holding([2, { refunded: 60_000n }]),
      5_000n,
      [2],
      { parts: parts([3, 5_000n]), unallocated: 0n },
    ],
    [
      "more than every stage holds: everything they hold, and the rest unallocated",
      paidInFull,
      130_000n,
      [2],
      { parts: parts([2, 60_000n], [3, 24_000n], [1, 36_000n]), unallocated: 10_000n },
    ],
    ["nothing held anywhere: all of it unallocated", paidInFull.map((stage) => ({ ...stage, received: 0n })), 5_000n, [1], { parts: [], unallocated: 5_000n }],
    [
      "a stage refunded beyond what it received (staff, by hand) gives nothing back",
      holding([3, { received: 24_000n, refunded: 30_000n }]),
      10_000n,
      [3],
      { parts: parts([2, 10_000n]), unallocated: 0n },
    ],
    ["an unpaid stage gives nothing back", holding([3, { received: 0n }]), 10_000n, [], { parts: parts([2, 10_000n]), unallocated: 0n }],
    ["a named position no stage has is ignored", paidInFull, 10_000n, [9], { parts: parts([3, 10_000n]), unallocated: 0n }],
  ])("%s", (_, stages, amount, paidStages, expected) => {
    expect(allocateRefund(stages, { amount, paidStages })).toEqual(expected);
  });

  it("reads the stages by position, not by the order they are listed in", () => {
    const shuffled = [paidInFull[1]!, paidInFull[2]!, paidInFull[0]!];
    expect(allocateRefund(shuffled, { amount: 100_000n, paidStages: [] })).toEqual(allocateRefund(paidInFull, { amount: 100_000n, paidStages: [] }));
  });

  it("does not change the stages it is given", () => {
    const stages = holding();
    allocateRefund(stages, { amount: 50_000n, paidStages: [2] });
    expect(stages).toEqual(paidInFull);
  });

  it.each([0n, -1n])("refuses a refund of %s", (amount) => {
    expect(() => allocateRefund(paidInFull, { amount, paidStages: [] })).toThrow(RangeError);
  });
});

describe("refundedTaxShares: tax given back in proportion", () => {
  it.each<[string, readonly bigint[], bigint, bigint, readonly bigint[]]>([
    ["half refunded: half of each line", [500n, 300n, 200n], 10_000n, 5_000n, [250n, 150n, 100n]],
    // 333.33 of tax in all rounds to 333; the two units the floors leave go to the lines with the largest remainders.
    ["three lines that do not divide evenly: largest remainder across lines", [333n, 333n, 334n], 3_000n, 1_000n, [111n, 111n, 111n]],
    ["nothing refunded: nothing given back", [500n, 300n, 200n], 10_000n, 0n, [0n, 0n, 0n]],
    ["no tax: nothing given back, whatever is refunded", [0n, 0n], 10_000n, 4_000n, [0n, 0n]],
    ["no tax, refunded in full: still nothing", [0n, 0n, 0n], 10_000n, 10_000n, [0n, 0n, 0n]],
    ["no lines at all", [], 10_000n, 10_000n, []],
    ["a line of no tax gets none", [0n, 700n, 0n], 10_000n, 5_000n, [0n, 350n, 0n]],
    ["fully refunded: exactly the shares", [333n, 333n, 334n], 3_000n, 3_000n, [333n, 333n, 334n]],
    // The proportion would give 1.8 (2) and spread it; a full refund gives back exactly what the stage charged.
    ["fully refunded, shares out of proportion with each other: exactly the shares", [1n, 1n, 1n], 5n, 5n, [1n, 1n, 1n]],
    ["fully refunded, one unit of tax: that unit", [0n, 1n], 7n, 7n, [0n, 1n]],
    ["a stage whose tax is more than its amount, fully refunded", [700n, 800n], 1_000n, 1_000n, [700n, 800n]],
  ])("%s", (_, shares, amount, refunded, expected) => {
    expect(refundedTaxShares(shares, amount, refunded)).toEqual(expected);
  });

  it.each<[string, bigint, bigint, bigint, bigint]>([
    ["exactly half a unit rounds up", 5n, 10n, 1n, 1n], // 0.5
    ["one and a half units round up to two", 5n, 10n, 3n, 2n], // 1.5
    ["a quarter of a unit rounds down", 1n, 4n, 1n, 0n], // 0.25
    ["three quarters of a unit round up", 1n, 4n, 3n, 1n], // 0.75
    ["just under half a unit rounds down", 499n, 1_000n, 1n, 0n], // 0.499
    ["just over half a unit rounds up", 501n, 1_000n, 1n, 1n], // 0.501
  ])("rounding half up overall: %s", (_, tax, amount, refunded, expected) => {
    expect(refundedTaxShares([tax], amount, refunded)).toEqual([expected]);
  });

  it("rounds the total, not each line: two lines of half a unit give one unit, to the earlier line", () => {
    // Each line's exact part is 0.5: rounding each up would give back 2 of a total exact 1.
    expect(refundedTaxShares([1n, 1n], 2n, 1n)).toEqual([1n, 0n]);
  });

  it("refunded in steps, the running total ends exactly at the shares", () => {
    const shares = [333n, 333n, 334n];
    const steps = [1n, 998n, 1n, 1_000n, 999n, 1n];
    let refunded = 0n;
    const given: bigint[] = [0n, 0n, 0n];
    for (const step of steps) {
      const before = refundedTaxShares(shares, 3_000n, refunded);
      refunded += step;
      const after = refundedTaxShares(shares, 3_000n, refunded);
      after.forEach((line, index) => (given[index] = given[index]! + line - before[index]!));
    }
    expect(refunded).toBe(3_000n);
    expect(given).toEqual(shares);
  });

  it.each<[string, bigint]>([
    ["below zero", -1n],
    ["above the stage's amount", 10_001n],
  ])("refuses a refunded total %s", (_, refunded) => {
    expect(() => refundedTaxShares([500n], 10_000n, refunded)).toThrow(RangeError);
  });
});
