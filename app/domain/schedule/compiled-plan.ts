import type { Plan, StageSpec } from "../plan/plan";
import { parsePercent } from "../plan/percent";
import type { TitlePart } from "../plan/title-template";
import { validatePlan } from "../plan/validate-plan";
import { compileAmounts, type AmountProgram } from "./amounts";
import { compileDueDates, type StageDateRule } from "./due-dates";
import { titleTemplateAt } from "./titles";

/**
 * A plan made ready to build schedules from: validated, its rates parsed to integers, its date chains merged,
 * its title templates split. Only the order's numbers and anchor dates are left for each build.
 */
export interface CompiledStages {
  readonly stages: readonly StageSpec[];
  readonly amounts: AmountProgram;
  readonly dates: readonly StageDateRule[];
  readonly titles: readonly (readonly TitlePart[])[];
  /** The rate as written, normalised ("20", "33.5"), for percent stages. */
  readonly rates: readonly (string | undefined)[];
}

const COMPILED = new WeakMap<Plan, CompiledStages | "validated">();

/**
 * The plan compiled, once per plan object (plans are immutable data). A service-period plan's stages depend on
 * the order, so only its validation is kept and its stages are compiled for each order.
 */
export function compiledStagesOf(plan: Plan, orderStages?: () => readonly StageSpec[]): CompiledStages {
  const known = COMPILED.get(plan);
  if (known === undefined) validatePlan(plan);
  if (orderStages) {
    COMPILED.set(plan, "validated");
    return compileStages(plan, orderStages());
  }
  if (known !== undefined && known !== "validated") return known;
  const compiled = compileStages(plan, plan.stages);
  COMPILED.set(plan, compiled);
  return compiled;
}

function compileStages(plan: Plan, stages: readonly StageSpec[]): CompiledStages {
  return {
    stages,
    amounts: compileAmounts(stages),
    dates: compileDueDates(stages),
    titles: stages.map((stage, index) => titleTemplateAt(plan, index + 1, stages.length, stage)),
    rates: stages.map((stage) => (stage.amount.kind === "percent" ? parsePercent(stage.amount.percent, stage.amountSource).toString() : undefined)),
  };
}
