import { formatMinorUnits } from "../money/minor-units";
import type { Schedule } from "./build-schedule";
import { formatDateStep } from "./due-dates";

export interface InstallmentJson {
  position: number;
  title: string;
  amount: string;
  rate?: string;
  dueDate: string | null;
  trigger?: { event: string; milestone?: string; after?: string[] };
  tax: { title: string; amount: string }[];
}

export interface ScheduleJson {
  currency: string;
  total: string;
  installments: InstallmentJson[];
}

/** The schedule as JSON for people and extensions: amounts as decimal strings in the currency's exponent. */
export function scheduleToJson(schedule: Schedule): ScheduleJson {
  const money = (minor: bigint) => formatMinorUnits(minor, schedule.currency);
  return {
    currency: schedule.currency.code,
    total: money(schedule.total),
    installments: schedule.installments.map((installment) => ({
      position: installment.position,
      title: installment.title,
      amount: money(installment.amount),
      ...(installment.rate === undefined ? {} : { rate: installment.rate }),
      dueDate: installment.dueDate,
      ...(installment.trigger
        ? {
            trigger: {
              event: installment.trigger.trigger.event,
              ...(installment.trigger.trigger.event === "milestone" ? { milestone: installment.trigger.trigger.milestone } : {}),
              ...(installment.trigger.steps.length ? { after: installment.trigger.steps.map(formatDateStep) } : {}),
            },
          }
        : {}),
      tax: installment.tax.map((line) => ({ title: line.title, amount: money(line.amount) })),
    })),
  };
}
