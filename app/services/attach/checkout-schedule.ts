import type { CalendarDate } from "../../domain/dates/calendar-date";
import type { Trigger } from "../../domain/plan/plan";
import type { Currency } from "../../domain/money/currency";
import { formatMinorUnits } from "../../domain/money/minor-units";
import { formatDateStep } from "../../domain/schedule/date-step-syntax";
import type { DateStep } from "../../domain/schedule/due-dates";
import type { TaxLine } from "../../domain/schedule/order-snapshot";
import { describeStageTiming } from "../../domain/schedule/stage-timing";

/**
 * The schedule as the checkout extension reads it from the `_tranche_schedule` attribute (version 2). Kept
 * compact: the order's tax-line titles once, each stage's share of each as a decimal string in that order; no
 * English phrases (the extension words the dates and events in the buyer's language).
 */
export interface CheckoutSchedule {
  readonly v: 2;
  readonly currency: string;
  /** Whether the buyer must accept the schedule before paying (where the checkout lets an extension block). */
  readonly accept: boolean;
  /** The order's tax-line titles. */
  readonly taxes: readonly string[];
  readonly stages: readonly CheckoutScheduleStage[];
}

export interface CheckoutScheduleStage {
  readonly title: string;
  /** Tax included, a decimal string in the currency's exponent. */
  readonly amount: string;
  /** This stage's share of each of `taxes`, in that order. */
  readonly tax: readonly string[];
  readonly dueDate: CalendarDate | null;
  /** Only while the stage waits for an event (it has no date yet). */
  readonly trigger?: StageTriggerJson;
}

/** The event a stage waits for and the steps from it to the due date ("30d", "2w", "1m", "day 15"). */
export interface StageTriggerJson {
  readonly event: Trigger["event"];
  readonly milestone?: string;
  readonly after?: readonly string[];
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

/** `firstStageAtCheckout`: stage 1 is paid at checkout (false on net terms, where it is due on its own date). */
export function stageView(stage: CheckoutStage, currency: Currency, firstStageAtCheckout: boolean): StageView {
  return {
    position: stage.position,
    title: stage.title,
    amount: formatMinorUnits(stage.amount, currency),
    dueDate: stage.dueDate,
    when: describeStageTiming({ atCheckout: firstStageAtCheckout && stage.position === 1, dueDate: stage.dueDate, trigger: stage.trigger }),
  };
}

export function stageTriggerJson(pending: { readonly trigger: Trigger; readonly steps: readonly DateStep[] }): StageTriggerJson {
  return {
    event: pending.trigger.event,
    ...(pending.trigger.event === "milestone" ? { milestone: pending.trigger.milestone } : {}),
    ...(pending.steps.length ? { after: pending.steps.map(formatDateStep) } : {}),
  };
}

/**
 * The attribute's value for the checkout of the first stage (the deposit), where the buyer first sees the plan.
 * Every stage carries one share per order tax line, in the order's tax-line order (the schedule builder splits
 * each line over all stages), so the titles are written once.
 */
export function checkoutScheduleAttribute(
  stages: readonly (CheckoutStage & { readonly tax: readonly TaxLine[] })[],
  currency: Currency,
  requireAcceptance: boolean,
): string {
  const taxes = stages[0]?.tax.map((line) => line.title) ?? [];
  const schedule: CheckoutSchedule = {
    v: 2,
    currency: currency.code,
    accept: requireAcceptance,
    taxes,
    stages: stages.map((stage) => {
      if (stage.tax.length !== taxes.length || stage.tax.some((line, index) => line.title !== taxes[index])) {
        throw new Error(`stage ${stage.position} does not share the order's tax lines (${taxes.join(", ")})`);
      }
      return {
        title: stage.title,
        amount: formatMinorUnits(stage.amount, currency),
        tax: stage.tax.map((line) => formatMinorUnits(line.amount, currency)),
        dueDate: stage.dueDate,
        ...(stage.dueDate === null && stage.trigger ? { trigger: stageTriggerJson(stage.trigger) } : {}),
      };
    }),
  };
  return JSON.stringify(schedule);
}
