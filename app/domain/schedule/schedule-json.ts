import { formatMinorUnits } from "../money/minor-units";
import type { LateFeeNotice } from "../payment-rules/late-fee";
import type { Schedule } from "./build-schedule";
import { formatDateStep } from "./date-step-syntax";

export interface InstallmentJson {
  position: number;
  title: string;
  amount: string;
  rate?: string;
  dueDate: string | null;
  trigger?: { event: string; milestone?: string; after?: string[] };
  tax: { title: string; amount: string }[];
  earlyPayment?: { until: string; discount: string; payable: string; taxReduction: { title: string; amount: string }[] };
  lateFee?:
    | { kind: "fixedFee"; appliesFrom: string; fee: string }
    | { kind: "interest"; appliesFrom: string; percentPerMonth: string; compound: boolean; perMonth: string; max?: string };
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
      ...(installment.earlyPayment
        ? {
            earlyPayment: {
              until: installment.earlyPayment.until,
              discount: money(installment.earlyPayment.discount),
              payable: money(installment.earlyPayment.payable),
              taxReduction: installment.earlyPayment.taxReduction.map((line) => ({ title: line.title, amount: money(line.amount) })),
            },
          }
        : {}),
      ...(installment.lateFee ? { lateFee: lateFeeJson(installment.lateFee, money) } : {}),
    })),
  };
}

function lateFeeJson(notice: LateFeeNotice, money: (minor: bigint) => string): NonNullable<InstallmentJson["lateFee"]> {
  if (notice.kind === "fixedFee") return { kind: "fixedFee", appliesFrom: notice.appliesFrom, fee: money(notice.fee) };
  return {
    kind: "interest",
    appliesFrom: notice.appliesFrom,
    percentPerMonth: notice.percentPerMonth,
    compound: notice.compound,
    perMonth: money(notice.perMonth),
    ...(notice.max === undefined ? {} : { max: money(notice.max) }),
  };
}
