import type { Offset } from "../dates/offset";
import { describeTrigger } from "../schedule/titles";
import { describeOffset } from "./offset-words";
import type { AmountRule, DueRule, Plan, StageSpec } from "./plan";

const MAX_PARTS = 4;

/**
 * A plan in one line for lists: `30% at checkout · 50% when "Ready to ship" is reached · 20% 30 days after
 * the order is fulfilled`. Runs of identical stages (a `count`) read as one part: `3 × equal share every 1m`.
 */
export function summarizePlan(plan: Plan): string {
  if (plan.servicePeriods) {
    return `One installment per service ${plan.servicePeriods.unit}, by service days`;
  }
  const runs: { stage: StageSpec; times: number }[] = [];
  for (const stage of plan.stages) {
    const last = runs[runs.length - 1];
    if (last && sameRule(last.stage, stage)) last.times += 1;
    else runs.push({ stage, times: 1 });
  }
  const parts = runs.map(({ stage, times }) => `${times > 1 ? `${times} × ` : ""}${describeShare(stage.amount)} ${describeDue(stage)}`);
  const shown = parts.slice(0, MAX_PARTS);
  if (parts.length > MAX_PARTS) shown.push(`${parts.length - MAX_PARTS} more`);
  return shown.join(" · ");
}

function sameRule(a: StageSpec, b: StageSpec): boolean {
  return JSON.stringify([a.amount, a.due, a.netDays]) === JSON.stringify([b.amount, b.due, b.netDays]);
}

function describeShare(amount: AmountRule): string {
  switch (amount.kind) {
    case "percent":
      return `${amount.percent}%`;
    case "fixed":
      return amount.amount;
    case "equal":
      return "equal share";
    case "remainder":
      return "the rest";
  }
}

function describeDue(stage: StageSpec): string {
  const net = stage.netDays > 0 ? `, net ${stage.netDays}` : "";
  return `${describeDueRule(stage.due)}${net}`;
}

const ANCHOR_NAMES = { orderDate: "the order date", paymentDueDate: "the payment due date", previousStage: "the previous stage" } as const;

function describeDueRule(due: DueRule): string {
  switch (due.kind) {
    case "atCheckout":
      return "at checkout";
    case "offset":
      return due.offsets.length ? `${offsets(due.offsets)} after ${ANCHOR_NAMES[due.from]}` : `on ${ANCHOR_NAMES[due.from]}`;
    case "fixedDate":
      return `on ${due.date}`;
    case "dateField":
      return due.offsets.length ? `${offsets(due.offsets)} after ${due.field}` : `on ${due.field}`;
    case "dayOfMonth":
      return `on day ${due.day} after ${ANCHOR_NAMES[due.from]}`;
    case "recurring":
      return `every ${due.every.count === 1 ? due.every.unit : describeOffset(due.every)}${due.onDay === undefined ? "" : ` on day ${due.onDay}`}`;
    case "trigger":
      return describeTrigger(due.trigger);
  }
}

/** Consecutive offsets of one unit read as their sum (JustOn's `2w(3)` chains 2w + 2w for the third). */
function offsets(list: readonly Offset[]): string {
  const summed: Offset[] = [];
  for (const offset of list) {
    const last = summed[summed.length - 1];
    if (last && last.unit === offset.unit) summed[summed.length - 1] = { unit: offset.unit, count: last.count + offset.count };
    else summed.push(offset);
  }
  return summed.map(describeOffset).join(" + ");
}
