import type { ContractState } from "../domain/contract/contract-state";
import type { StoredContract } from "../models/contracts.server";

/** The planner's view of a stored contract and the references its ledger already holds. */
export function toContractState(contract: StoredContract, recordedRefs: ReadonlySet<string>): ContractState {
  return {
    id: contract.id,
    mode: contract.mode,
    status: contract.status,
    total: contract.totalMinor,
    sourceDraftOrderId: contract.sourceDraftOrderId,
    mainOrderId: contract.mainOrderId,
    recordedRefs,
    milestones: contract.orderSnapshot.events.milestones ?? {},
    stages: contract.stages.map((stage) => ({
      position: stage.position,
      kind: stage.kind,
      amount: stage.amountMinor,
      paid: stage.paidMinor,
      status: stage.status,
      issueDate: stage.issueDate,
      dueDate: stage.dueDate,
      netDays: stage.dueRule.netDays,
      ...(stage.dueRule.trigger ? { trigger: stage.dueRule.trigger } : {}),
      stageDraftOrderId: stage.stageDraftOrderId,
      stageOrderId: stage.stageOrderId,
      chargeKey: stage.chargeKey,
      chargeRef: stage.chargeRef,
      attempts: stage.attempts,
      nextAttemptAt: stage.nextAttemptAt,
      parked: stage.parkedReason !== null,
    })),
  };
}
