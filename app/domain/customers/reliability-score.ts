import { daysBetween, type CalendarDate } from "../dates/calendar-date";
import { Dec } from "../money/decimal";
import { daysBehind, stageOutcome, type DatedStage, type StageOutcome } from "./payment-history";

/**
 * How reliably a customer pays, from the stages of their contracts that were due. The formula:
 *
 * - Counted: every stage with an amount that was paid, or whose due date has passed unpaid. Stages not yet due and
 *   unpaid are not counted; nothing counted is "no history yet".
 * - Penalty of a stage, 0 (good) to 1 (as bad as it gets): paid on time 0; paid d days late min(1, d / 60); unpaid
 *   and d days overdue min(1, 0.25 + d / 60), so an unpaid stage is always worse than the same stage paid late.
 * - Weight of a stage = recency × size. Recency = 0.5^(age / 180), age = days from its due date to today (0 for a
 *   stage paid before a due date still ahead): behaviour half a year old counts half. Size = its amount divided by the
 *   mean amount of all the customer's dated stages in its currency, due or not (currencies are never converted), so a
 *   stage twice the customer's usual size counts twice, and a stage paying later never changes another's weight.
 * - Weighted lateness L = Σ weight × penalty / Σ weight; score = 100 × (1 − L), rounded half up to a whole number.
 * - Band: 80 and above reliable, 50 to 79 watch, below 50 risky.
 *
 * The parts shown beside it are plain counts: the share of counted stages paid on time, the average and the worst
 * days late (over the late and overdue stages; overdue ones by the days so far), and what is overdue now per currency.
 */
export const RECENCY_HALF_LIFE_DAYS = 180;
/** Days late at which a paid stage takes the whole penalty. */
export const FULL_PENALTY_DAYS = 60;
/** What being still unpaid adds to an overdue stage's penalty. */
export const UNPAID_PENALTY = 0.25;
export const RELIABLE_FROM = 80;
export const WATCH_FROM = 50;

export type ReliabilityBand = "reliable" | "watch" | "risky";

export interface OverdueAmount {
  readonly currency: string;
  readonly amountMinor: bigint;
}

export interface ReliabilityParts {
  /** Stages counted (paid, or past their due date unpaid). */
  readonly counted: number;
  readonly onTime: number;
  readonly late: number;
  readonly overdue: number;
  /** Unpaid stages whose due date has not come: not counted. */
  readonly notYetDue: number;
  /** onTime / counted, 0 to 1. */
  readonly onTimeShare: number;
  /** Mean days late over the late and overdue stages; null when none was. */
  readonly averageDaysLate: number | null;
  readonly worstDaysLate: number;
  /** Outstanding on the overdue stages, per currency, by currency code. */
  readonly overdueNow: readonly OverdueAmount[];
  /** L of the formula, 0 to 1: the score before rounding is 100 × (1 − L). */
  readonly weightedLateness: number;
}

export type ReliabilityScore =
  | { readonly kind: "noHistory"; readonly notYetDue: number }
  | { readonly kind: "scored"; readonly score: number; readonly band: ReliabilityBand; readonly parts: ReliabilityParts };

/** A stage's penalty, 0 to 1, by the formula above. */
export function stagePenalty(outcome: StageOutcome): Dec {
  switch (outcome.kind) {
    case "onTime":
    case "notYetDue":
      return new Dec(0);
    case "late":
      return Dec.min(1, new Dec(outcome.daysLate).div(FULL_PENALTY_DAYS));
    case "overdue":
      return Dec.min(1, new Dec(UNPAID_PENALTY).plus(new Dec(outcome.daysOverdue).div(FULL_PENALTY_DAYS)));
  }
}

export function bandOf(score: number): ReliabilityBand {
  return score >= RELIABLE_FROM ? "reliable" : score >= WATCH_FROM ? "watch" : "risky";
}

/** The customer's reliability on `today` from the dated stages of their contracts (any order). */
export function reliabilityScore(stages: readonly DatedStage[], today: CalendarDate): ReliabilityScore {
  const judged = stages.filter((stage) => stage.amountMinor > 0n).map((stage) => ({ stage, outcome: stageOutcome(stage, today) }));
  const counted = judged.filter((item) => item.outcome.kind !== "notYetDue");
  const notYetDue = judged.length - counted.length;
  if (counted.length === 0) return { kind: "noHistory", notYetDue };

  const meanAmount = new Map<string, Dec>();
  for (const currency of new Set(judged.map((item) => item.stage.currency))) {
    const amounts = judged.filter((item) => item.stage.currency === currency).map((item) => new Dec(item.stage.amountMinor.toString()));
    meanAmount.set(currency, Dec.sum(...amounts).div(amounts.length));
  }
  let weightSum = new Dec(0);
  let penaltySum = new Dec(0);
  for (const { stage, outcome } of counted) {
    const age = Math.max(0, daysBetween(stage.dueDate, today));
    const recency = new Dec(0.5).pow(new Dec(age).div(RECENCY_HALF_LIFE_DAYS));
    const size = new Dec(stage.amountMinor.toString()).div(meanAmount.get(stage.currency) ?? 1);
    const weight = recency.times(size);
    weightSum = weightSum.plus(weight);
    penaltySum = penaltySum.plus(weight.times(stagePenalty(outcome)));
  }
  const lateness = penaltySum.div(weightSum);
  const score = new Dec(100).times(new Dec(1).minus(lateness)).toDecimalPlaces(0, Dec.ROUND_HALF_UP).toNumber();
  return { kind: "scored", score, band: bandOf(score), parts: partsOf(counted, notYetDue, lateness.toNumber()) };
}

function partsOf(counted: readonly { stage: DatedStage; outcome: StageOutcome }[], notYetDue: number, weightedLateness: number): ReliabilityParts {
  const count = (kind: StageOutcome["kind"]) => counted.filter((item) => item.outcome.kind === kind).length;
  const behind = counted.map((item) => daysBehind(item.outcome)).filter((days) => days > 0);
  const overdueNow = new Map<string, bigint>();
  for (const { stage, outcome } of counted) {
    if (outcome.kind === "overdue") overdueNow.set(stage.currency, (overdueNow.get(stage.currency) ?? 0n) + outcome.outstandingMinor);
  }
  const onTime = count("onTime");
  return {
    counted: counted.length,
    onTime,
    late: count("late"),
    overdue: count("overdue"),
    notYetDue,
    onTimeShare: onTime / counted.length,
    averageDaysLate: behind.length === 0 ? null : behind.reduce((sum, days) => sum + days, 0) / behind.length,
    worstDaysLate: Math.max(0, ...behind),
    overdueNow: [...overdueNow].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([currency, amountMinor]) => ({ currency, amountMinor })),
    weightedLateness,
  };
}
