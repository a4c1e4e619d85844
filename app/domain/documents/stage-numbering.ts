import type { ContractStageKind } from "../contract/contract-state";
import { isLateFeeStage, isPlanStage } from "../contract/late-fee-stage";

/**
 * How the buyer's documents number a stage. One of the plan's stages is "payment 2 of 3", counted among the plan's
 * stages only; a late fee is owed on top of the plan and sits at a position past it (1002), so it has no number and
 * is named by its title alone ("Late fee on payment 2 of 3 (Balance)").
 */
export type StageNumbering = { readonly lateFee: true } | { readonly lateFee: false; readonly position: number; readonly count: number };

export interface NumberedStage {
  readonly kind: ContractStageKind;
  readonly position: number;
}

/** The numbering of `stage` among the contract's `stages` (all of them, late fees included). */
export function stageNumbering(stage: NumberedStage, stages: readonly NumberedStage[]): StageNumbering {
  if (isLateFeeStage(stage)) return { lateFee: true };
  return { lateFee: false, position: stage.position, count: planStageCount(stages) };
}

/** The "3" of "payment 2 of 3": the plan's stages, late fees not counted. */
export function planStageCount(stages: readonly NumberedStage[]): number {
  return stages.filter(isPlanStage).length;
}
