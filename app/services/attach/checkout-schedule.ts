import type { CalendarDate } from "../../domain/dates/calendar-date";
import type { Trigger } from "../../domain/plan/plan";
import type { Currency } from "../../domain/money/currency";
import { formatMinorUnits } from "../../domain/money/minor-units";
import type { DateStep } from "../../domain/schedule/due-dates";
import { describeStageTiming } from "../../domain/schedule/stage-timing";

/** The schedule as the checkout extension reads it from the `_tranche_schedule` attribute (version 1). */
export interface CheckoutSchedule {
  readonly v: 1;
  readonly currency: string;
  /** Whether the buyer must accept the schedule before paying (where the checkout lets an extension block). */
  readonly accept: boolean;
  readonly stages: readonly StageView[];
}

/** A stage as the schedule builder or the database holds it. */
export interface CheckoutStage {
  readonly position: number;
  readonly title: string;
  readonly amount: bigint;
  readonly dueDate: CalendarDate | null;
  readonly trigger?: { readonly trigger: Trigger; readonly steps: readonly DateStep[] } | undefined;
}

/** One stage as the buyer and staff read it: the amount as a decimal string, the date or the event it waits for. */
export interface StageView {
  readonly position: number;
  readonly title: string;
  readonly amount: string;
  readonly dueDate: string | null;
  readonly when: string;
}

export function stageView(stage: CheckoutStage, currency: Currency): StageView {
  return {
    position: stage.position,
    title: stage.title,
    amount: formatMinorUnits(stage.amount, currency),
    dueDate: stage.dueDate,
    when: describeStageTiming({ atCheckout: stage.position === 1, dueDate: stage.dueDate, trigger: stage.trigger }),
  };
}

/** The attribute's value for the checkout of the first stage (the deposit), where the buyer first sees the plan. */
export function checkoutScheduleAttribute(stages: readonly CheckoutStage[], currency: Currency, requireAcceptance: boolean): string {
  const schedule: CheckoutSchedule = { v: 1, currency: currency.code, accept: requireAcceptance, stages: stages.map((stage) => stageView(stage, currency)) };
  return JSON.stringify(schedule);
}
