import { allocateByRatios, allocateEqually } from "../money/allocate";
import type { Currency } from "../money/currency";
import { Dec } from "../money/decimal";
import { formatMinorUnits } from "../money/minor-units";
import { PlanError } from "../plan-error";
import { parsePercent } from "../plan/percent";
import type { RevisionIssue } from "./revision-error";

/**
 * How much a revised stage asks for, out of what is still owed (the contract total less every paid, partly paid,
 * refunded, charging or cancelled stage): the plan model's amount rules, applied to the amount owed instead of
 * the order total.
 * - `fixed`: minor units of the contract's currency.
 * - `percent`: a share of what is owed (not of the order total, and not of what earlier rows leave).
 * - `equal`: an equal share of what fixed and percent rows leave.
 * - `remainder`: what every other row leaves (at most one row).
 */
export type RevisionAmount =
  | { readonly kind: "fixed"; readonly amount: bigint }
  | { readonly kind: "percent"; readonly percent: string }
  | { readonly kind: "equal" }
  | { readonly kind: "remainder" };

export type ResolvedAmounts = { readonly amounts: readonly bigint[]; readonly issues?: undefined } | { readonly issues: readonly RevisionIssue[] };

/**
 * The amount of every revised stage, summing to `owed` exactly, or the issues that keep it from doing so. The
 * remainder rules are attach's (schedule/amounts.ts), so an edit rounds as a plan does:
 * 1. Percent rows share what is owed by the largest-remainder method, together with a bucket for what they leave,
 *    so each is within one minor unit of its exact percentage.
 * 2. Fixed rows take their amount.
 * 3. Equal rows share what is left, odd minor units to the earliest; with a remainder row, the equal rows take the
 *    rounded-down share and the remainder row takes the rest. Without equal or remainder rows, the rows must add
 *    up to what is owed exactly: nothing is adjusted behind staff's back.
 * No row may come out at zero or below.
 */
export function resolveRevisionAmounts(rules: readonly RevisionAmount[], owed: bigint, currency: Currency): ResolvedAmounts {
  const money = (minor: bigint) => `${formatMinorUnits(minor, currency)} ${currency.code}`;
  const issues: RevisionIssue[] = [];
  const percents = new Map<number, Dec>();
  let remainderRow: number | undefined;
  rules.forEach((rule, index) => {
    const row = index + 1;
    switch (rule.kind) {
      case "fixed":
        if (rule.amount <= 0n) issues.push({ row, field: "amount", message: `an amount must be above zero, not ${money(rule.amount)}` });
        return;
      case "percent":
        try {
          percents.set(index, parsePercent(rule.percent, { key: "amount" }));
        } catch (error) {
          if (!(error instanceof PlanError)) throw error;
          issues.push({ row, field: "amount", message: error.detail });
        }
        return;
      case "remainder":
        if (remainderRow === undefined) remainderRow = row;
        else issues.push({ row, field: "amount", message: `only one stage can take what is left, and row ${remainderRow} already does` });
        return;
      case "equal":
        return;
    }
  });
  if (issues.length > 0) return { issues };

  const amounts: (bigint | undefined)[] = rules.map(() => undefined);
  if (percents.size > 0) {
    const indexes = [...percents.keys()];
    const values = [...percents.values()];
    const scale = Math.max(...values.map((percent) => percent.decimalPlaces()));
    const ratios = values.map((percent) => BigInt(percent.times(new Dec(10).pow(scale)).toFixed(0)));
    const hundred = BigInt(new Dec(100).times(new Dec(10).pow(scale)).toFixed(0));
    const rest = hundred - ratios.reduce((sum, ratio) => sum + ratio, 0n);
    if (rest < 0n) {
      const sum = values.reduce((total, percent) => total.plus(percent), new Dec(0));
      return {
        issues: [{ row: (indexes[indexes.length - 1] as number) + 1, field: "amount", message: `the rates add up to ${sum.toString()}%, more than 100%` }],
      };
    }
    const shares = allocateByRatios(owed, [...ratios, rest]);
    indexes.forEach((index, i) => (amounts[index] = shares[i]));
  }
  rules.forEach((rule, index) => {
    if (rule.kind === "fixed") amounts[index] = rule.amount;
  });

  const assigned = amounts.reduce<bigint>((sum, amount) => sum + (amount ?? 0n), 0n);
  const left = owed - assigned;
  const shareIndexes = rules.flatMap((rule, index) => (rule.kind === "equal" || rule.kind === "remainder" ? [index] : []));
  if (left < 0n) {
    return { issues: [{ field: "amount", message: `the stages add up to ${money(assigned)}, ${money(-left)} more than the ${money(owed)} still owed` }] };
  }
  if (shareIndexes.length === 0) {
    if (left > 0n) {
      const message = `the stages add up to ${money(assigned)}, ${money(left)} less than the ${money(owed)} still owed; change an amount or let one stage take what is left`;
      return { issues: [{ field: "amount", message }] };
    }
  } else if (remainderRow === undefined) {
    allocateEqually(left, shareIndexes.length).forEach((share, i) => (amounts[shareIndexes[i] as number] = share));
  } else {
    const equalShare = left / BigInt(shareIndexes.length);
    for (const index of shareIndexes) amounts[index] = equalShare;
    amounts[remainderRow - 1] = left - equalShare * BigInt(shareIndexes.length - 1);
  }

  amounts.forEach((amount, index) => {
    if (amount === undefined || amount <= 0n) {
      const message = `this stage would be ${money(amount ?? 0n)}: the ${money(owed)} still owed leaves nothing for it after the other stages`;
      issues.push({ row: index + 1, field: "amount", message });
    }
  });
  return issues.length > 0 ? { issues } : { amounts: amounts as bigint[] };
}
