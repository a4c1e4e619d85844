import { allocateRefund } from "./allocate-refunds";
import type { ContractState } from "./contract-state";
import { chronological, isMoneyBack, isMoneyIn, type Observation } from "./observation";

/** A refund, or the part of one, given back from a stage (null: from no stage, none held it); `ref` is its ledger key. */
export interface AllocatedRefund {
  readonly position: number | null;
  readonly ref: string;
  readonly amount: bigint;
  readonly occurredAt: Date;
}

/**
 * The refunds Shopify shows that the ledger does not hold yet, oldest first, each given back from stages by the rule of
 * allocate-refunds.ts: a refund on a stage's own order comes off that stage, one on the main order off the stages the
 * refunded payment paid (the ledger knows them), and either spills over to the latest stages holding money. A refund
 * split over stages is keyed `<transaction>#<position>`; a part no stage holds is kept as `<transaction>#none`, so that it
 * is recorded (and never asked for again) while no stage gives back more than it received.
 */
export function refundsToRecord(contract: ContractState, observation: Observation): AllocatedRefund[] {
  const onStageOrders = [...observation.stageOrders].flatMap(([position, order]) =>
    order.transactions.filter(isMoneyBack).map((transaction) => ({ transaction, paidStages: [position] })),
  );
  // A payment the ledger does not hold yet (allocatePayments defers one while a card charge's reference is unsaved):
  // its refunds wait for it, or they would come off stages it never paid.
  const unrecorded = new Set(
    (observation.mainOrder?.transactions.filter(isMoneyIn) ?? [])
      .filter((payment) => stagesPaidBy(contract, payment.id).length === 0)
      .map((payment) => payment.id),
  );
  const onMainOrder = (observation.mainOrder?.transactions.filter(isMoneyBack) ?? [])
    .filter((transaction) => transaction.parentId === null || !unrecorded.has(transaction.parentId))
    .map((transaction) => ({ transaction, paidStages: stagesPaidBy(contract, transaction.parentId) }));
  const refunded = new Map(contract.stages.map((stage) => [stage.position, stage.refunded]));
  const refunds: AllocatedRefund[] = [];
  for (const { transaction, paidStages } of chronological([...onStageOrders, ...onMainOrder])) {
    if (isRecorded(contract, transaction.id)) continue;
    const stages = contract.stages.map((stage) => ({
      position: stage.position,
      received: stage.paid - stage.discount,
      refunded: refunded.get(stage.position) ?? 0n,
    }));
    const { parts, unallocated } = allocateRefund(stages, { amount: transaction.amount, paidStages });
    const all: { position: number | null; amount: bigint }[] = [...parts, ...(unallocated > 0n ? [{ position: null, amount: unallocated }] : [])];
    for (const part of all) {
      if (part.position !== null) refunded.set(part.position, (refunded.get(part.position) ?? 0n) + part.amount);
      refunds.push({
        position: part.position,
        ref: all.length === 1 && part.position !== null ? transaction.id : `${transaction.id}#${part.position ?? "none"}`,
        amount: part.amount,
        occurredAt: transaction.processedAt,
      });
    }
  }
  return refunds;
}

/** The stages the ledger recorded a payment on under this transaction (whole, or as `#<position>` parts). */
function stagesPaidBy(contract: ContractState, paymentId: string | null): number[] {
  if (paymentId === null) return [];
  return [...contract.recordedPayments].filter(([ref]) => ref === paymentId || ref.startsWith(`${paymentId}#`)).map(([, payment]) => payment.position);
}

function isRecorded(contract: ContractState, transactionId: string): boolean {
  for (const ref of contract.recordedRefunds.keys()) if (ref === transactionId || ref.startsWith(`${transactionId}#`)) return true;
  return false;
}
