import { daysBetween, type CalendarDate } from "../dates/calendar-date";

/** One stage of a customer's contracts that has a due date, as the ledger tells it. Money in minor units of `currency`. */
export interface DatedStage {
  readonly currency: string;
  readonly amountMinor: bigint;
  /** Received on it so far (payments and offline payments). */
  readonly paidMinor: bigint;
  readonly dueDate: CalendarDate;
  /** The day (in the contract's zone) its payments first reached its amount; null while they have not. */
  readonly paidOn: CalendarDate | null;
}

/** How a dated stage stands on `today`. */
export type StageOutcome =
  | { readonly kind: "onTime"; readonly paidOn: CalendarDate }
  | { readonly kind: "late"; readonly paidOn: CalendarDate; readonly daysLate: number }
  | { readonly kind: "overdue"; readonly daysOverdue: number; readonly outstandingMinor: bigint }
  | { readonly kind: "notYetDue" };

export type StageOutcomeKind = StageOutcome["kind"];

/**
 * Paid on or before its due date: on time; paid after it: late by the days between; not paid and its due date
 * passed: overdue by the days since (a stage is due on its due date and overdue the day after); else not yet due.
 */
export function stageOutcome(stage: DatedStage, today: CalendarDate): StageOutcome {
  if (stage.paidOn !== null) {
    const daysLate = daysBetween(stage.dueDate, stage.paidOn);
    return daysLate > 0 ? { kind: "late", paidOn: stage.paidOn, daysLate } : { kind: "onTime", paidOn: stage.paidOn };
  }
  const daysOverdue = daysBetween(stage.dueDate, today);
  if (daysOverdue > 0) return { kind: "overdue", daysOverdue, outstandingMinor: stage.amountMinor - stage.paidMinor };
  return { kind: "notYetDue" };
}

/** Days late for a late stage, days overdue so far for an overdue one, else 0. */
export function daysBehind(outcome: StageOutcome): number {
  switch (outcome.kind) {
    case "late":
      return outcome.daysLate;
    case "overdue":
      return outcome.daysOverdue;
    case "onTime":
    case "notYetDue":
      return 0;
  }
}
