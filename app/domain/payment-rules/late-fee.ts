import { addDays, daysBetween, type CalendarDate } from "../dates/calendar-date";
import { divideHalfUp, PERCENT_DENOMINATOR, percentNumerator } from "./half-up";
import { paidBy, type DatedPayment } from "./stage-payments";

/** A late-fee rule in the order's currency (amounts in minor units). */
export type LateFee =
  | { readonly kind: "fixed"; readonly fee: bigint; readonly graceDays: number }
  | { readonly kind: "interest"; readonly percentPerMonth: string; readonly compound: boolean; readonly graceDays: number; readonly max?: bigint };

/** A stage that may be overdue: its due date, its amount and the money it received. */
export interface DueStage {
  readonly dueDate: CalendarDate;
  readonly amount: bigint;
  readonly payments: readonly DatedPayment[];
}

/** Interest is counted per day, a month being 30 days (Business Central's finance charge "Interest Period (Days)"). */
export const DAYS_PER_MONTH = 30;

/**
 * The first day a late fee can apply: the day after the grace period, which itself starts the day after the due
 * date. Due 2027-02-28 with 5 grace days: the fee applies from 2027-03-06.
 */
export function lateFeeAppliesFrom(rule: LateFee, dueDate: CalendarDate, key = "paymentRules.lateFee"): CalendarDate {
  return addDays(dueDate, rule.graceDays + 1, `${key}.graceDays`);
}

/**
 * The late fee a stage owes as of the end of `asOf`, in minor units.
 *
 * - Nothing is owed before the fee applies, or when the stage was paid in full by the last day of grace.
 * - A fixed fee is owed once, from the day it applies, however long the stage stays unpaid.
 * - Interest follows Business Central's "average daily balance" finance charge (Overdue Amount × Days Overdue /
 *   Interest Period × Interest Rate / 100), with an interest period of 30 days: each day from the day the fee
 *   applies through `asOf` adds the percent / 30 of what the stage still owes at the end of that day, so a part
 *   payment lowers the interest from the day it arrives and a payment on the day the fee applies stops it. Interest
 *   runs from the end of the grace period, not from the due date: the buyer was told it applies from that day.
 * - Simple interest unless the rule says `compound`: then each full 30-day month's interest is added to what bears
 *   interest from the next month on; the month still running accrues simply.
 * - The exact amount is rounded half-up to the minor unit once, at the end; the result is then capped by the rule's
 *   `max` and by the amount the stage owed when the fee began to apply: a late fee never exceeds the debt it is
 *   charged on (the "never above its base"; the in duplum rule of several jurisdictions).
 */
export function lateFeeAsOf(rule: LateFee, stage: DueStage, asOf: CalendarDate, key = "paymentRules.lateFee"): bigint {
  const appliesFrom = lateFeeAppliesFrom(rule, stage.dueDate, key);
  if (asOf < appliesFrom) return 0n;
  const base = unpaidAtEndOf(stage, addDays(appliesFrom, -1));
  if (base === 0n) return 0n;
  if (rule.kind === "fixed") return minimum(rule.fee, base);
  const rounded = accruedInterest(rule, stage, appliesFrom, asOf);
  return minimum(rule.max === undefined ? rounded : minimum(rounded, rule.max), base);
}

/**
 * The interest from `from` through `through` (both days included), rounded half-up once. It is summed as an exact
 * fraction: a day's rate is percent / 100 / 30, which no decimal holds exactly (1% a month is 0.0333…% a day).
 */
function accruedInterest(rule: Extract<LateFee, { kind: "interest" }>, stage: DueStage, from: CalendarDate, through: CalendarDate): bigint {
  const rate = percentNumerator(rule.percentPerMonth);
  const dayDenominator = PERCENT_DENOMINATOR * BigInt(DAYS_PER_MONTH);
  const days = daysBetween(from, through) + 1;
  // Interest so far (capitalised at each month's end when compounding), as numerator / denominator.
  let interest = { numerator: 0n, denominator: 1n };
  let owedDays = 0n;
  let daysInMonth = 0n;
  for (let index = 0; index < days; index++) {
    owedDays += unpaidAtEndOf(stage, addDays(from, index));
    daysInMonth += 1n;
    const monthEnds = rule.compound && daysInMonth === BigInt(DAYS_PER_MONTH);
    if (!monthEnds && index < days - 1) continue;
    // This month's interest on what was owed each day, plus (compounding) on the interest already capitalised.
    const onCapital = rule.compound ? daysInMonth * interest.numerator : 0n;
    const monthNumerator = (owedDays * interest.denominator + onCapital) * rate;
    interest = { numerator: interest.numerator * dayDenominator + monthNumerator, denominator: interest.denominator * dayDenominator };
    owedDays = 0n;
    daysInMonth = 0n;
  }
  return divideHalfUp(interest.numerator, interest.denominator);
}

function unpaidAtEndOf(stage: DueStage, day: CalendarDate): bigint {
  const unpaid = stage.amount - paidBy(stage.payments, day);
  return unpaid > 0n ? unpaid : 0n;
}

function minimum(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

/**
 * What the buyer is told before a late fee applies, as data for documents to render in their locale: "A late fee
 * of 25.00 EUR applies from 2027-03-06" or "1.5% interest per month on the unpaid amount from 2027-03-06".
 * `onAmount` is what the stage owes now; `perMonth` one 30-day month's interest on it (half-up, within the caps);
 * a fixed `fee` is already capped at what is owed, as lateFeeAsOf caps it.
 */
export type LateFeeNotice =
  | { readonly kind: "fixedFee"; readonly appliesFrom: CalendarDate; readonly fee: bigint }
  | {
      readonly kind: "interest";
      readonly appliesFrom: CalendarDate;
      readonly percentPerMonth: string;
      readonly compound: boolean;
      readonly onAmount: bigint;
      readonly perMonth: bigint;
      readonly max?: bigint;
    };

export function lateFeeNotice(rule: LateFee, dueDate: CalendarDate, unpaid: bigint, key = "paymentRules.lateFee"): LateFeeNotice {
  const appliesFrom = lateFeeAppliesFrom(rule, dueDate, key);
  if (rule.kind === "fixed") return { kind: "fixedFee", appliesFrom, fee: minimum(rule.fee, unpaid) };
  const monthly = divideHalfUp(unpaid * percentNumerator(rule.percentPerMonth), PERCENT_DENOMINATOR);
  const perMonth = minimum(rule.max === undefined ? monthly : minimum(monthly, rule.max), unpaid);
  return {
    kind: "interest",
    appliesFrom,
    percentPerMonth: rule.percentPerMonth,
    compound: rule.compound,
    onAmount: unpaid,
    perMonth,
    ...(rule.max === undefined ? {} : { max: rule.max }),
  };
}

/**
 * The rule a stage's notice was made from: the notice froze it with the schedule (amounts in the order's currency,
 * the day it applies from), so the fee is charged exactly as the buyer was told. The grace days are what lies between
 * the due date and that day.
 */
export function lateFeeRuleOf(notice: LateFeeNotice, dueDate: CalendarDate): LateFee {
  const graceDays = Math.max(0, daysBetween(dueDate, notice.appliesFrom) - 1);
  if (notice.kind === "fixedFee") return { kind: "fixed", fee: notice.fee, graceDays };
  return {
    kind: "interest",
    percentPerMonth: notice.percentPerMonth,
    compound: notice.compound,
    graceDays,
    ...(notice.max === undefined ? {} : { max: notice.max }),
  };
}
