import type { Currency } from "../money/currency";
import { Dec } from "../money/decimal";
import { formatMinorUnits } from "../money/minor-units";
import type { Plan, StageKind, StageSpec, Trigger } from "../plan/plan";
import { renderTitleTemplate } from "../plan/title-template";
import type { StageDates } from "./due-dates";
import { formatDateStep } from "./due-dates";

const DEFAULT_TITLES: Readonly<Record<StageKind, string>> = {
  deposit: "Deposit",
  milestone: "Milestone payment [PosNo] of [PosCount]",
  preShipping: "Payment before shipping",
  balance: "Balance",
  installment: "Installment [PosNo] of [PosCount]",
  retainer: "Retainer",
};

export interface TitleInput {
  readonly position: number;
  readonly count: number;
  readonly stage: StageSpec;
  readonly amount: bigint;
  readonly total: bigint;
  readonly rate: string | undefined;
  readonly dates: StageDates;
  readonly currency: Currency;
}

/** Which template a stage uses: position titles, then the stage's own, then the plan's, then its kind's default. */
export function titleFor(plan: Plan, input: TitleInput): string {
  const byPosition = plan.titlesByPosition;
  const template =
    byPosition?.[String(input.position)] ??
    (input.position === input.count ? byPosition?.last : undefined) ??
    input.stage.title ??
    plan.titleTemplate ??
    DEFAULT_TITLES[input.stage.kind];
  return renderTitleTemplate(template, {
    PosNo: String(input.position),
    PosCount: String(input.count),
    InstallmentAmount: `${formatMinorUnits(input.amount, input.currency)} ${input.currency.code}`,
    Amount: `${formatMinorUnits(input.amount, input.currency)} ${input.currency.code}`,
    InstallmentRate: `${effectiveRate(input)}%`,
    Rate: `${effectiveRate(input)}%`,
    InstallmentDate: describeDate(input.dates),
    Date: describeDate(input.dates),
  });
}

/** The stage's rate as written, or for other stages its share of the total to two decimals. */
function effectiveRate(input: TitleInput): string {
  if (input.rate !== undefined) return input.rate;
  return new Dec(input.amount.toString()).times(100).div(input.total.toString()).toDecimalPlaces(2).toString();
}

function describeDate(dates: StageDates): string {
  if (dates.dueDate) return dates.dueDate;
  if (!dates.pending) return "";
  const after = dates.pending.steps.map(formatDateStep).join(" + ");
  return `${describeTrigger(dates.pending.trigger)}${after ? ` + ${after}` : ""}`;
}

export function describeTrigger(trigger: Trigger): string {
  switch (trigger.event) {
    case "milestone":
      return `when "${trigger.milestone}" is reached`;
    case "fulfillmentCreated":
      return "on first fulfillment";
    case "orderFulfilled":
      return "when the order is fulfilled";
  }
}
