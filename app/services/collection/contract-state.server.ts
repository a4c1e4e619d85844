import { calendarDateAt, type CalendarDate } from "../../domain/dates/calendar-date";
import type { ContractState } from "../../domain/contract/contract-state";
import { isLateFeeStage } from "../../domain/contract/late-fee-stage";
import type { StoredContract } from "../../models/contracts.server";
import { isMoneyIn, isRefundOutsideShopify, type LedgerEntry } from "../../models/ledger.server";

/** The planner's view of a stored contract and the payments its ledger already holds. */
export function toContractState(contract: StoredContract, ledger: readonly LedgerEntry[]): ContractState {
  const positionOf = new Map(contract.stages.map((stage) => [stage.id, stage.position]));
  const recordedPayments = new Map(
    ledger
      .filter((entry) => isMoneyIn(entry.kind) && entry.stageId !== null)
      .map((entry) => [entry.shopifyRef, { position: positionOf.get(entry.stageId as string) ?? 0, amount: entry.amountMinor }]),
  );
  const recordedRefunds = new Map(
    ledger
      .filter((entry) => entry.kind === "refund")
      .map((entry) => [entry.shopifyRef, { position: entry.stageId === null ? null : (positionOf.get(entry.stageId) ?? null), amount: entry.amountMinor }]),
  );
  // Money staff recorded on a late fee is not the main order's: it is never mirrored there, nor is its refund.
  const feeStageIds = new Set(contract.stages.filter(isLateFeeStage).map((stage) => stage.id));
  const offlineIn = ledger
    .filter((entry) => entry.kind === "manualPayment" && !feeStageIds.has(entry.stageId ?? ""))
    .reduce((sum, entry) => sum + entry.amountMinor, 0n);
  const offlineOut = ledger
    .filter((entry) => entry.kind === "refund" && isRefundOutsideShopify(entry.shopifyRef) && !feeStageIds.has(entry.stageId ?? ""))
    .reduce((sum, entry) => sum + entry.amountMinor, 0n);
  const paymentsOf = (stageId: string) =>
    ledger
      .filter((entry) => isMoneyIn(entry.kind) && entry.stageId === stageId)
      .map((entry) => ({ at: entry.occurredAt, paidOn: calendarDateAt(entry.occurredAt, contract.timeZone), amount: entry.amountMinor }));
  return {
    id: contract.id,
    mode: contract.mode,
    status: contract.status,
    total: contract.totalMinor,
    sourceDraftOrderId: contract.sourceDraftOrderId,
    firstStageAtCheckout: contract.firstStageAtCheckout,
    mainOrderId: contract.mainOrderId,
    recordedPayments,
    recordedRefunds,
    offlineHeld: offlineIn - offlineOut,
    discountsGranted: contract.stages.reduce((sum, stage) => sum + stage.discountMinor, 0n),
    cancellation: contract.cancellation,
    fulfilledOn: contract.fulfilledOn as CalendarDate | null,
    milestones: contract.orderSnapshot.events.milestones ?? {},
    ...(contract.orderSnapshot.calendar ? { calendar: contract.orderSnapshot.calendar } : {}),
    stages: contract.stages.map((stage) => ({
      position: stage.position,
      kind: stage.kind,
      amount: stage.amountMinor,
      paid: stage.paidMinor,
      discount: stage.discountMinor,
      payments: paymentsOf(stage.id),
      ...(stage.paymentTerms.earlyPayment ? { earlyPayment: stage.paymentTerms.earlyPayment } : {}),
      ...(stage.paymentTerms.lateFee ? { lateFee: stage.paymentTerms.lateFee } : {}),
      refunded: stage.refundedMinor,
      status: stage.status,
      issueDate: stage.issueDate,
      dueDate: stage.dueDate,
      netDays: stage.dueRule.netDays,
      ...(stage.dueRule.trigger ? { trigger: stage.dueRule.trigger } : {}),
      stageDraftOrderId: stage.stageDraftOrderId,
      linkEmailedVia: stage.linkEmailedVia,
      chargeNoticeFor: stage.chargeNoticeFor as CalendarDate | null,
      stageOrderId: stage.stageOrderId,
      chargeKey: stage.chargeKey,
      chargeRef: stage.chargeRef,
      attempts: stage.attempts,
      nextAttemptAt: stage.nextAttemptAt,
      parked: stage.parkedReason !== null,
    })),
  };
}
