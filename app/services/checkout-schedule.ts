import { formatMinorUnits } from "../domain/money/minor-units";
import type { Schedule } from "../domain/schedule/build-schedule";
import { describeStageTiming } from "../domain/schedule/stage-timing";

/** The schedule as the checkout extension reads it from the `_tranche_schedule` attribute (version 1). */
export interface CheckoutSchedule {
  readonly v: 1;
  readonly currency: string;
  /** Whether the buyer must accept the schedule before paying (where the checkout lets an extension block). */
  readonly accept: boolean;
  readonly stages: readonly {
    readonly position: number;
    readonly title: string;
    /** A decimal string in the currency's exponent. */
    readonly amount: string;
    readonly dueDate: string | null;
    readonly when: string;
  }[];
}

export function checkoutSchedule(schedule: Schedule, requireAcceptance: boolean): CheckoutSchedule {
  return {
    v: 1,
    currency: schedule.currency.code,
    accept: requireAcceptance,
    stages: schedule.installments.map((installment) => ({
      position: installment.position,
      title: installment.title,
      amount: formatMinorUnits(installment.amount, schedule.currency),
      dueDate: installment.dueDate,
      when: describeStageTiming({ atCheckout: installment.position === 1, dueDate: installment.dueDate, trigger: installment.trigger }),
    })),
  };
}
