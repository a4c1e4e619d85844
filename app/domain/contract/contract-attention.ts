import { isBefore, type CalendarDate } from "../dates/calendar-date";
import type { ContractStageKind, ContractStatus } from "./contract-state";
import { UNPAID_STAGE_STATUSES, type StageStatus } from "./stage-status";

/**
 * What a contract's badge says at a glance: its stored status, unless something needs staff (a stage parked after
 * Shopify refused a step, a declined card, an overdue stage) or shipping waits for a payment.
 */
export type ContractBadgeKind =
  "preparing" | "awaitingDeposit" | "active" | "needsAttention" | "paymentFailed" | "overdue" | "onHold" | "paidInFull" | "cancelled";

/**
 * What a stage's badge says. `paymentRecorded`: the ledger already holds the stage's whole amount while its status
 * waits for the sync that brings Shopify in line, so the page must not offer to collect it again.
 */
export type StageBadgeKind =
  | "scheduled"
  | "due"
  | "partlyPaid"
  | "overdue"
  | "paymentFailed"
  | "needsAttention"
  | "paymentRecorded"
  | "paid"
  | "partlyRefunded"
  | "refunded"
  | "cancelled";

/** The part of a stage the badges read (a stored stage has all of it). Money in minor units. */
export interface AttentionStage {
  readonly position: number;
  readonly kind: ContractStageKind;
  readonly status: StageStatus;
  readonly amountMinor: bigint;
  readonly paidMinor: bigint;
  readonly refundedMinor: bigint;
  readonly dueDate: CalendarDate | null;
  /** Saved-card charges tried so far, and the key of one whose result is not in yet. */
  readonly attempts: number;
  readonly chargeKey: string | null;
  /** Set when Shopify refused a step for the stage in a way retrying will not fix. */
  readonly parkedReason: string | null;
}

/** The part of a contract the badges read (a stored contract has all of it). */
export interface AttentionContract {
  readonly status: ContractStatus;
  /** The order the source draft became; shipping can only be held once it exists. */
  readonly mainOrderId: string | null;
  readonly stages: readonly AttentionStage[];
}

/** The ledger holds the stage's whole amount (the status follows with the next sync). */
export function isCoveredByLedger(stage: Pick<AttentionStage, "amountMinor" | "paidMinor">): boolean {
  return stage.paidMinor >= stage.amountMinor;
}

/** Still expected to bring money: an unpaid status and not yet covered by what the ledger holds. */
export function isStillOwed(stage: Pick<AttentionStage, "status" | "amountMinor" | "paidMinor">): boolean {
  return UNPAID_STAGE_STATUSES.includes(stage.status) && !isCoveredByLedger(stage);
}

/**
 * A stage's badge on `today` (the contract's calendar day). A declined card stays "payment failed" after the link
 * went out instead, until the stage is paid. A stage is overdue once marked so, or when it is still owed after its
 * due date (the sweep that marks it may not have run yet), as the dashboard's alerts count it.
 */
export function stageAttention(stage: AttentionStage, contractStatus: ContractStatus, today: CalendarDate): StageBadgeKind {
  switch (stage.status) {
    case "paid":
      return stage.refundedMinor > 0n ? "partlyRefunded" : "paid";
    case "refunded":
      return "refunded";
    case "cancelled":
      // Money that arrived after the cancel is never relabelled: the stage becomes paid with the next sync.
      return stage.paidMinor > 0n && isCoveredByLedger(stage) ? "paymentRecorded" : "cancelled";
    case "scheduled":
    case "invoiced":
    case "overdue":
    case "failed":
      if (isCoveredByLedger(stage)) return "paymentRecorded";
      if (stage.parkedReason !== null) return "needsAttention";
      if (stage.status === "failed" || (stage.attempts > 0 && stage.chargeKey === null)) return "paymentFailed";
      if (stage.status === "overdue" || (isOpen(contractStatus) && stage.dueDate !== null && isBefore(stage.dueDate, today))) return "overdue";
      if (stage.paidMinor > 0n) return "partlyPaid";
      return stage.status === "invoiced" ? "due" : "scheduled";
  }
}

/**
 * The contract's badge on `today`: the most pressing of its stages' troubles (parked, then a declined card, then
 * overdue), then "on hold" while shipping waits for a payment, else its stored status.
 */
export function contractAttention(contract: AttentionContract, today: CalendarDate): ContractBadgeKind {
  switch (contract.status) {
    case "completed":
      return "paidInFull";
    case "cancelled":
      return "cancelled";
    case "pending":
    case "awaitingDeposit":
    case "active": {
      const stageKinds = new Set(contract.stages.map((stage) => stageAttention(stage, contract.status, today)));
      for (const trouble of ["needsAttention", "paymentFailed", "overdue"] as const) if (stageKinds.has(trouble)) return trouble;
      if (shippingHeldFor(contract) !== null) return "onHold";
      return contract.status === "pending" ? "preparing" : contract.status;
    }
  }
}

/**
 * The pre-shipping stage the app holds the main order's fulfillment for (next-step.ts places the hold while one is
 * unpaid), or null when shipping is free to go.
 */
export function shippingHeldFor(contract: AttentionContract): number | null {
  if (contract.status !== "active" || contract.mainOrderId === null) return null;
  return contract.stages.find((stage) => stage.kind === "preShipping" && isStillOwed(stage))?.position ?? null;
}

function isOpen(status: ContractStatus): boolean {
  return status !== "cancelled" && status !== "completed";
}
