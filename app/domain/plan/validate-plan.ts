import { Dec, parseDecimal } from "../money/decimal";
import { PlanError } from "../plan-error";
import { parsePercent } from "./percent";
import { MAX_INSTALLMENTS, type Plan, type StageSpec } from "./plan";
import { validateTitleTemplate } from "./title-template";

/**
 * Checks what can be checked without an order: stage count, rates, fixed amounts, at most one remainder stage,
 * recurrences that count from an earlier stage, day numbers and titles. Amounts against the order total and
 * dates against the order date are checked when a schedule is built.
 */
export function validatePlan(plan: Plan): void {
  if (plan.servicePeriods) {
    if (plan.stages.length > 0) {
      throw new PlanError(plan.servicePeriods.source.key, "service-period plans generate their stages; give no other stages");
    }
  } else if (plan.stages.length === 0) {
    throw new PlanError("stages", "a plan needs at least one stage");
  }
  if (plan.stages.length > MAX_INSTALLMENTS) {
    throw new PlanError("stages", `a plan can have at most ${MAX_INSTALLMENTS} installments, not ${plan.stages.length}`);
  }

  let percentSum = new Dec(0);
  let remainderStages = 0;
  plan.stages.forEach((stage, index) => {
    validateAmount(stage);
    if (stage.amount.kind === "percent") {
      percentSum = percentSum.plus(parsePercent(stage.amount.percent, stage.amountSource));
      if (percentSum.gt(100)) {
        throw new PlanError(stage.amountSource.key, `the rates add up to ${percentSum.toString()}%, more than 100%`, stage.amountSource.column);
      }
    }
    if (stage.amount.kind === "remainder" && ++remainderStages > 1) {
      throw new PlanError(stage.amountSource.key, "only one stage can take the remainder", stage.amountSource.column);
    }
    validateDue(stage, index);
    if (!Number.isInteger(stage.netDays) || stage.netDays < 0 || stage.netDays > 3650) {
      throw new PlanError(stage.dueSource.key, `net days must be a whole number from 0 to 3650, not ${stage.netDays}`);
    }
    if (stage.title !== undefined) validateTitleTemplate(stage.title, stage.amountSource.key.replace(/\.\w+$/, ".title"));
  });

  const onlyPercent = plan.stages.length > 0 && plan.stages.every((stage) => stage.amount.kind === "percent");
  if (onlyPercent && !percentSum.eq(100)) {
    const last = plan.stages[plan.stages.length - 1] as StageSpec;
    throw new PlanError(last.amountSource.key, `the rates add up to ${percentSum.toString()}%; when every stage has a rate they must add up to 100%`);
  }
  if (plan.titleTemplate !== undefined) validateTitleTemplate(plan.titleTemplate, "titles");
  for (const [position, template] of Object.entries(plan.titlesByPosition ?? {})) {
    validateTitleTemplate(template, `titles.${position}`);
  }
}

function validateAmount(stage: StageSpec): void {
  const { key, column } = stage.amountSource;
  const amount = stage.amount.kind === "fixed" ? stage.amount.amount : stage.amount.kind === "remainder" ? stage.amount.atLeast : undefined;
  if (amount === undefined) return;
  const value = parseDecimal(amount);
  if (value === undefined) throw new PlanError(key, `"${amount}" is not an amount`, column);
  if (value.lte(0)) throw new PlanError(key, `an amount must be above zero, not ${amount}`, column);
}

function validateDue(stage: StageSpec, index: number): void {
  const { key, column } = stage.dueSource;
  const due = stage.due;
  if (due.kind === "offset" && due.from === "previousStage" && index === 0) {
    throw new PlanError(key, "the first stage has no previous stage to count from", column);
  }
  if (due.kind === "recurring") {
    if (!Number.isInteger(due.anchorPosition) || due.anchorPosition < 1 || due.anchorPosition > index) {
      throw new PlanError(key, `a recurrence counts from an earlier stage; stage ${index + 1} cannot count from stage ${due.anchorPosition}`, column);
    }
    if (due.every.count === 0) throw new PlanError(key, "a recurrence needs an interval above zero", column);
    if (due.onDay !== undefined && due.every.unit !== "month") {
      throw new PlanError(key, "a day of the month only applies to a monthly recurrence", column);
    }
  }
  const day = due.kind === "dayOfMonth" ? due.day : due.kind === "recurring" ? due.onDay : undefined;
  if (day !== undefined && (!Number.isInteger(day) || day < 1 || day > 31)) {
    throw new PlanError(key, `a day of the month is from 1 to 31, not ${day}`, column);
  }
  if (due.kind === "trigger" && due.trigger.event === "milestone" && due.trigger.milestone.trim() === "") {
    throw new PlanError(key, "a milestone needs a name", column);
  }
}
