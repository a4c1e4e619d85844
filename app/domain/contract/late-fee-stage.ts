import { isBefore, type CalendarDate } from "../dates/calendar-date";
import { lateFeeAsOf, lateFeeRuleOf, type LateFeeNotice } from "../payment-rules/late-fee";
import type { DatedPayment } from "../payment-rules/stage-payments";
import type { StageKind } from "../plan/plan";
import type { ContractStageKind } from "./contract-state";

/**
 * A late fee is collected as a stage of its own: it is owed on top of the order's total (no tax, no share of the
 * order), so it is never part of the main order, its mirrors, its payment terms or a schedule revision. It sits at
 * this offset from the stage it is charged on, past any plan's stages (MAX_INSTALLMENTS is 520), so a revision that
 * adds stages never takes its position, and a second charge of the same fee is refused by the position's uniqueness.
 */
export const LATE_FEE_POSITION_OFFSET = 1000;

/**
 * Days a late fee is payable in once charged: the buyer gets its link the day it is charged and has this long before
 * it is overdue itself (a dunning fee is payable with the reminder that charges it, usually in 14 days).
 */
export const LATE_FEE_PAYABLE_DAYS = 14;

export function lateFeePosition(overduePosition: number): number {
  return LATE_FEE_POSITION_OFFSET + overduePosition;
}

export function isLateFeeStage(stage: { readonly kind: ContractStageKind }): boolean {
  return stage.kind === "lateFee";
}

/** One of the plan's stages: what the order's total is shared between. */
export function isPlanStage<S extends { readonly kind: ContractStageKind }>(stage: S): stage is S & { readonly kind: StageKind } {
  return stage.kind !== "lateFee";
}

/** The part of an overdue stage a late fee reads. */
export interface FeeableStage {
  readonly amount: bigint;
  readonly dueDate: CalendarDate | null;
  readonly payments: readonly DatedPayment[];
  readonly lateFee?: LateFeeNotice;
}

/** A late fee to charge: its amount and the last day it counts (interest to that day; a fixed fee's first day). */
export interface LateFeeCharge {
  readonly amount: bigint;
  readonly through: CalendarDate;
}

/**
 * The late fee to charge on a stage today, or null while there is none to charge yet:
 * - a fixed fee is charged on the day it applies (the day after the grace period) when the stage was still owing
 *   at the end of grace, whatever it received since;
 * - interest runs until the stage is paid in full, so it is charged then, counted through the day the last payment
 *   arrived (lateFeeAsOf: that day's payment stops it). While the stage still owes, the interest grows and is shown,
 *   not charged: a charge would have to be re-priced every day.
 * Whether the stage already carries its fee is the caller's to know.
 */
export function lateFeeToCharge(stage: FeeableStage, today: CalendarDate): LateFeeCharge | null {
  const notice = stage.lateFee;
  if (!notice || stage.dueDate === null || isBefore(today, notice.appliesFrom)) return null;
  const rule = lateFeeRuleOf(notice, stage.dueDate);
  const through = notice.kind === "fixedFee" ? notice.appliesFrom : settledOn(stage);
  if (through === null || isBefore(today, through)) return null;
  const amount = lateFeeAsOf(rule, { dueDate: stage.dueDate, amount: stage.amount, payments: stage.payments }, through);
  return amount > 0n ? { amount, through } : null;
}

/**
 * The interest an overdue stage has run up through `today` while it still owes: what will be charged if it is paid
 * today (staff see it grow). Null for a fixed fee, before interest applies, and once the stage is paid (then it is
 * charged, lateFeeToCharge).
 */
export function interestSoFar(stage: FeeableStage, today: CalendarDate): bigint | null {
  const notice = stage.lateFee;
  if (notice?.kind !== "interest" || stage.dueDate === null || isBefore(today, notice.appliesFrom) || settledOn(stage) !== null) return null;
  return lateFeeAsOf(lateFeeRuleOf(notice, stage.dueDate), { dueDate: stage.dueDate, amount: stage.amount, payments: stage.payments }, today);
}

/** The day the payments reached the stage's amount; null while it still owes. */
function settledOn(stage: FeeableStage): CalendarDate | null {
  let received = 0n;
  for (const payment of [...stage.payments].sort((a, b) => (a.paidOn < b.paidOn ? -1 : a.paidOn > b.paidOn ? 1 : 0))) {
    received += payment.amount;
    if (received >= stage.amount) return payment.paidOn;
  }
  return null;
}
