import { allocateByRatios, allocateEqually, allocateSmallByRatios } from "../money/allocate";
import type { Currency } from "../money/currency";
import { Dec } from "../money/decimal";
import { formatMinorUnits, toMinorUnits } from "../money/minor-units";
import { PlanError } from "../plan-error";
import type { StageSpec } from "../plan/plan";
import { parsePercent } from "../plan/percent";

const MAX_EXACT_PRODUCT = BigInt(Number.MAX_SAFE_INTEGER);

/** What the amounts need of a plan, worked out once: the rates as integers, and which stages share what is left. */
export interface AmountProgram {
  readonly stages: readonly StageSpec[];
  readonly percentIndexes: readonly number[];
  /** The rates scaled to integers, then what they leave of 100%: the ratios of Hamilton's allocation. */
  readonly percentRatios: readonly bigint[];
  /** The same ratios as doubles, for totals up to `maxTotalOnDoubles`. */
  readonly percentRatioNumbers: readonly number[];
  /**
   * The largest total whose products with the ratios all stay below 2^53 (total × their sum, 100% at their scale,
   * does), so that the split on doubles is exact.
   */
  readonly maxTotalOnDoubles: bigint;
  readonly fixedIndexes: readonly number[];
  readonly shareIndexes: readonly number[];
  readonly remainderIndex: number | undefined;
  /** Fixed amounts in minor units, by currency code (the plan does not know the order's currency). */
  readonly fixedByCurrency: Map<string, readonly bigint[]>;
}

export function compileAmounts(stages: readonly StageSpec[]): AmountProgram {
  const percentIndexes = indexesOf(stages, "percent");
  let percentRatios: bigint[] = [];
  let maxTotalOnDoubles = 0n;
  if (percentIndexes.length > 0) {
    const percents = percentIndexes.map((index) => {
      const stage = stages[index] as StageSpec;
      return parsePercent(stage.amount.kind === "percent" ? stage.amount.percent : "", stage.amountSource);
    });
    const scale = Math.max(...percents.map((percent) => percent.decimalPlaces()));
    const ratios = percents.map((percent) => BigInt(percent.times(new Dec(10).pow(scale)).toFixed(0)));
    const hundred = BigInt(new Dec(100).times(new Dec(10).pow(scale)).toFixed(0));
    const rest = hundred - ratios.reduce((sum, ratio) => sum + ratio, 0n);
    if (rest < 0n) {
      const last = stages[percentIndexes[percentIndexes.length - 1] as number] as StageSpec;
      throw new PlanError(last.amountSource.key, "the rates add up to more than 100%", last.amountSource.column);
    }
    percentRatios = [...ratios, rest];
    maxTotalOnDoubles = MAX_EXACT_PRODUCT / hundred;
  }
  const shareIndexes = stages.flatMap((stage, index) => (stage.amount.kind === "equal" || stage.amount.kind === "remainder" ? [index] : []));
  return {
    stages,
    percentIndexes,
    percentRatios,
    percentRatioNumbers: percentRatios.map(Number),
    maxTotalOnDoubles,
    fixedIndexes: indexesOf(stages, "fixed"),
    shareIndexes,
    remainderIndex: shareIndexes.find((index) => stages[index]?.amount.kind === "remainder"),
    fixedByCurrency: new Map(),
  };
}

/**
 * The amount of every stage, in minor units, summing to `total` exactly.
 *
 * 1. Percent stages share the total by Hamilton's largest-remainder method, together with a bucket for what
 *    they leave, so each is within one minor unit of its exact percentage.
 * 2. Fixed stages take their amount.
 * 3. Equal and remainder stages share what is left: equally, odd minor units to the earliest; when a remainder
 *    stage is present, the equal stages take the rounded-down share and the remainder stage takes the rest.
 * A stage that would be zero or negative, or a rest that a remainder's `atLeast` forbids, is an error.
 */
export function resolveAmounts(program: AmountProgram, total: bigint, currency: Currency): bigint[] {
  const { stages, percentIndexes, fixedIndexes, shareIndexes, remainderIndex } = program;
  const amounts: (bigint | undefined)[] = new Array<bigint | undefined>(stages.length);

  let assigned = 0n;
  if (percentIndexes.length > 0) {
    if (total <= program.maxTotalOnDoubles) {
      const shares = allocateSmallByRatios(Number(total), program.percentRatioNumbers);
      for (let i = 0; i < percentIndexes.length; i++) {
        const share = BigInt(shares[i] as number);
        amounts[percentIndexes[i] as number] = share;
        assigned += share;
      }
    } else {
      const shares = allocateByRatios(total, program.percentRatios);
      for (let i = 0; i < percentIndexes.length; i++) {
        const share = shares[i] as bigint;
        amounts[percentIndexes[i] as number] = share;
        assigned += share;
      }
    }
  }
  if (fixedIndexes.length > 0) {
    const fixed = fixedAmounts(program, currency);
    for (let i = 0; i < fixedIndexes.length; i++) {
      const amount = fixed[i] as bigint;
      amounts[fixedIndexes[i] as number] = amount;
      assigned += amount;
    }
  }
  const left = total - assigned;
  if (left < 0n) {
    const culprit = stages[lastFixedOrPercent(stages)] as StageSpec;
    throw new PlanError(
      culprit.amountSource.key,
      `the fixed amounts and rates add up to ${formatMinorUnits(assigned, currency)}, more than the total ${formatMinorUnits(total, currency)}`,
      culprit.amountSource.column,
    );
  }
  if (shareIndexes.length === 0) {
    if (left > 0n) {
      const culprit = stages[stages.length - 1] as StageSpec;
      throw new PlanError(
        culprit.amountSource.key,
        `the stages add up to ${formatMinorUnits(assigned, currency)}, ${formatMinorUnits(left, currency)} less than the total ${formatMinorUnits(total, currency)}; let one stage take the remainder`,
        culprit.amountSource.column,
      );
    }
  } else if (remainderIndex === undefined) {
    const shares = allocateEqually(left, shareIndexes.length);
    for (let i = 0; i < shareIndexes.length; i++) amounts[shareIndexes[i] as number] = shares[i];
  } else {
    const equalShare = left / BigInt(shareIndexes.length);
    for (const index of shareIndexes) amounts[index] = equalShare;
    amounts[remainderIndex] = left - equalShare * BigInt(shareIndexes.length - 1);
    checkAtLeast(stages[remainderIndex] as StageSpec, amounts[remainderIndex] as bigint, total, currency);
  }

  for (let index = 0; index < amounts.length; index++) {
    const amount = amounts[index];
    if (amount === undefined || amount <= 0n) {
      const stage = stages[index] as StageSpec;
      throw new PlanError(
        stage.amountSource.key,
        `installment ${index + 1} would be ${formatMinorUnits(amount ?? 0n, currency)}: the total ${formatMinorUnits(total, currency)} is too small for this plan`,
        stage.amountSource.column,
      );
    }
  }
  return amounts as bigint[];
}

function fixedAmounts(program: AmountProgram, currency: Currency): readonly bigint[] {
  const known = program.fixedByCurrency.get(currency.code);
  if (known) return known;
  const amounts = program.fixedIndexes.map((index) => {
    const stage = program.stages[index] as StageSpec;
    return stage.amount.kind === "fixed" ? toMinorUnits(stage.amount.amount, currency, stage.amountSource.key) : 0n;
  });
  program.fixedByCurrency.set(currency.code, amounts);
  return amounts;
}

function indexesOf(stages: readonly StageSpec[], kind: "percent" | "fixed"): number[] {
  return stages.flatMap((stage, index) => (stage.amount.kind === kind ? [index] : []));
}

function lastFixedOrPercent(stages: readonly StageSpec[]): number {
  for (let index = stages.length - 1; index >= 0; index--) {
    const kind = stages[index]?.amount.kind;
    if (kind === "fixed" || kind === "percent") return index;
  }
  return stages.length - 1;
}

function checkAtLeast(stage: StageSpec, amount: bigint, total: bigint, currency: Currency): void {
  if (stage.amount.kind !== "remainder" || stage.amount.atLeast === undefined) return;
  const atLeast = toMinorUnits(stage.amount.atLeast, currency, stage.amountSource.key);
  if (amount < atLeast) {
    throw new PlanError(
      stage.amountSource.key,
      `the amounts add up to ${formatMinorUnits(total - amount + atLeast, currency)}, more than the total ${formatMinorUnits(total, currency)} (the last installment holds the rest, which must be at least its amount)`,
      stage.amountSource.column,
    );
  }
}
