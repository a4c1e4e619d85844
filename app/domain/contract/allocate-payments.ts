import type { ContractState } from "./contract-state";
import { isPlanStage } from "./late-fee-stage";
import { chronological, isMoneyIn, isStageOrderMoneyIn, type Observation, type PaymentCard } from "./observation";

/** A payment assigned to a stage; `ref` is the ledger's exactly-once key. */
export interface AllocatedPayment {
  readonly position: number;
  readonly ref: string;
  readonly amount: bigint;
  readonly occurredAt: Date;
  /** The card that paid it, when one did: the ledger keeps its brand and last digits for staff. */
  readonly card?: PaymentCard;
}

/**
 * Which stage each payment Shopify shows belongs to. The ledger is the memory: a payment already recorded
 * keeps the stage it was recorded on, so a rerun, or a payment that arrives later, never moves an earlier one.
 * New payments, oldest first:
 *
 * 1. Money on a stage's own order pays that stage.
 * 2. A saved-card charge on the main order pays the stage whose charge reference it carries.
 * 3. Other money on the main order (the deposit at checkout, a payment through the order's invoice link) pays
 *    what is still open, in position order, passing over a stage whose card charge is on its way; a payment
 *    that spans stages is split, each part keyed `<transaction>#<position>`. Money beyond every stage (an
 *    overpayment) stays on the last stage. Late fees are not among them (late-fee-stage.ts).
 */
export function allocatePayments(contract: ContractState, observation: Observation): AllocatedPayment[] {
  const stageOrderMoney = [...observation.stageOrders].flatMap(([position, order]) =>
    order.transactions.filter(isStageOrderMoneyIn).map((transaction) => ({ transaction, position: position as number | null })),
  );
  // A charge whose reference was never saved (the worker died right after asking) is not allocated until the
  // repeated call, with the same idempotency key, has saved it: it must pay its own stage, not the next open one.
  const unsavedCharge = contract.status !== "cancelled" && contract.stages.some((stage) => stage.chargeKey !== null && stage.chargeRef === null);
  const mainOrderMoney = (observation.mainOrder?.transactions.filter(isMoneyIn) ?? [])
    .map((transaction) => ({
      transaction,
      position: contract.stages.find((stage) => stage.chargeRef !== null && stage.chargeRef === transaction.paymentReferenceId)?.position ?? null,
    }))
    .filter(({ transaction, position }) => position !== null || transaction.paymentReferenceId === null || !unsavedCharge);
  const open = new Map(contract.stages.map((stage) => [stage.position, stage.amount]));
  const take = (position: number, amount: bigint) => open.set(position, (open.get(position) ?? 0n) - amount);
  // Everything the ledger holds counts first, whatever its date, and whether or not Shopify still lists it.
  for (const part of contract.recordedPayments.values()) take(part.position, part.amount);
  const payments: AllocatedPayment[] = [];

  for (const { transaction, position } of chronological([...stageOrderMoney, ...mainOrderMoney])) {
    if (isRecorded(contract, transaction.id)) continue;
    const parts = position === null ? fillOpenStages(contract, open, transaction.amount) : [{ position, amount: transaction.amount }];
    for (const part of parts) {
      take(part.position, part.amount);
      payments.push({
        position: part.position,
        ref: parts.length === 1 ? transaction.id : `${transaction.id}#${part.position}`,
        amount: part.amount,
        occurredAt: transaction.processedAt,
        ...(transaction.card ? { card: transaction.card } : {}),
      });
    }
  }
  return payments;
}

/** Whether the ledger holds the transaction: under its own reference, or as `#<position>` parts. */
function isRecorded(contract: ContractState, transactionId: string): boolean {
  for (const ref of contract.recordedPayments.keys()) if (ref === transactionId || ref.startsWith(`${transactionId}#`)) return true;
  return false;
}

/**
 * Splits an amount over the stages still open, in position order, stages whose card charge is on its way
 * last (the charge may yet pay them); what is left goes to the last stage.
 */
function fillOpenStages(contract: ContractState, open: ReadonlyMap<number, bigint>, amount: bigint): { position: number; amount: bigint }[] {
  // The main order's money pays the plan's stages: a late fee is owed on its own order, never on the main one.
  const planStages = contract.stages.filter(isPlanStage);
  const openStages = planStages.filter((stage) => (open.get(stage.position) ?? 0n) > 0n);
  const inOrder = [...openStages.filter((stage) => stage.chargeKey === null), ...openStages.filter((stage) => stage.chargeKey !== null)];
  const parts = new Map<number, bigint>();
  let left = amount;
  for (const stage of inOrder) {
    if (left === 0n) break;
    const room = open.get(stage.position) ?? 0n;
    const part = left < room ? left : room;
    parts.set(stage.position, part);
    left -= part;
  }
  const last = planStages[planStages.length - 1];
  if (left > 0n && last) parts.set(last.position, (parts.get(last.position) ?? 0n) + left);
  return [...parts].map(([position, part]) => ({ position, amount: part }));
}
