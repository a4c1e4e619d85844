import type { WorkingCalendar } from "../dates/working-calendar";
import type { CalendarDate } from "../dates/calendar-date";
import { PlanError } from "../plan-error";
import type { Plan } from "../plan/plan";
import { buildSchedule, type ScheduledInstallment } from "../schedule/build-schedule";
import type { OrderEvents, OrderSnapshot } from "../schedule/order-snapshot";
import { ScheduleRevisionError } from "./revision-error";
import { reviseSchedule, splitContract, triggerDueOf, type RevisableContract, type ScheduleRevision, type StageRevisionRow } from "./schedule-revision";

export interface SwitchPlanOptions {
  /** Today in the shop's time zone, as for any revision. */
  readonly today: CalendarDate;
  /**
   * The date the new plan counts from: its order date and payment due date (so `atCheckout` is due on it and
   * `1m(3)` runs from it). Today by default.
   */
  readonly anchor?: CalendarDate;
  /** The order's named dates, for the plan's date references (the contract's frozen order snapshot holds them). */
  readonly dates?: OrderSnapshot["dates"];
  /** Events that already happened, which date the plan's trigger stages at once; left out, those stages wait for the planner to date them. */
  readonly events?: OrderEvents;
  /** The shop's working calendar frozen with the contract: the new plan's due dates move off closed days as at attach. */
  readonly calendar?: WorkingCalendar;
}

/**
 * Puts what is still owed on another plan: the plan is built, as attach builds it, for an order whose total is
 * what the frozen stages leave and whose tax lines are what they leave of each line, anchored at `anchor`; its
 * installments become the revision's rows (fixed amounts, their titles, their dates or triggers), which are then
 * checked and placed as any revision's are (reviseSchedule). The new plan's titles number its own installments
 * ("Installment 1 of 3" of what is left), not the contract's positions.
 *
 * A plan that cannot schedule what is owed (a fixed amount above it, a date reference the order lacks) is a
 * ScheduleRevisionError on the `plan` field, with the plan's own key and message.
 */
export function switchPlanRevision(contract: RevisableContract, plan: Plan, options: SwitchPlanOptions): ScheduleRevision {
  const { owed, taxLeft } = splitContract(contract);
  if (owed === 0n) throw new ScheduleRevisionError([{ field: "plan", message: "nothing is left to pay, so there is nothing to put on another plan" }]);
  const anchor = options.anchor ?? options.today;
  const order: OrderSnapshot = {
    currency: contract.currency,
    total: owed,
    orderDate: anchor,
    paymentDueDate: anchor,
    dates: options.dates ?? {},
    taxLines: taxLeft,
    events: options.events ?? {},
    ...(options.calendar ? { calendar: options.calendar } : {}),
  };
  let installments: readonly ScheduledInstallment[];
  try {
    installments = buildSchedule(plan, order).installments;
  } catch (error) {
    if (!(error instanceof PlanError)) throw error;
    throw new ScheduleRevisionError([{ field: "plan", message: error.message }]);
  }
  return reviseSchedule(contract, installments.map(rowOf), { today: options.today });
}

function rowOf(installment: ScheduledInstallment): StageRevisionRow {
  const base = { kind: installment.kind, title: installment.title, amount: { kind: "fixed", amount: installment.amount } } as const;
  if (installment.trigger) return { ...base, due: triggerDueOf(installment.trigger, installment.netDays) };
  if (installment.dueDate === null) throw new Error(`installment ${installment.position} has neither a due date nor a trigger`);
  return { ...base, due: { kind: "date", dueDate: installment.dueDate, netDays: installment.netDays } };
}
