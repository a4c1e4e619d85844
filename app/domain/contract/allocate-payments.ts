import type { ContractState } from "./contract-state";
import { isMoneyIn, type Observation, type ObservedTransaction } from "./observation";

/** A payment assigned to a stage; `ref` is the ledger's exactly-once key. */
export interface AllocatedPayment {
  readonly position: number;
  readonly ref: string;
  readonly amount: bigint;
  readonly occurredAt: Date;
}

/**
 * Which stage every payment Shopify shows belongs to, computed from the whole history each time so that a
 * rerun gives the same answer (the ledger then records only what is new, and refuses an answer that changed).
 *
 * 1. Money on a stage's own order pays that stage.
 * 2. A saved-card charge on the main order pays the stage whose charge reference it carries.
 * 3. Other money on the main order (the deposit at checkout, a payment through the order's invoice link) pays
 *    stages in position order, oldest payment first; a payment that spans stages is split, each part keyed
 *    `<transaction>#<position>`.
 */
export function allocatePayments(contract: ContractState, observation: Observation): AllocatedPayment[] {
  const payments: AllocatedPayment[] = [];
  const open = new Map(contract.stages.map((stage) => [stage.position, stage.amount]));
  const take = (position: number, amount: bigint) => open.set(position, (open.get(position) ?? 0n) - amount);

  for (const [position, order] of [...observation.stageOrders].sort(([a], [b]) => a - b)) {
    for (const transaction of chronological(order.transactions.filter(isMoneyIn))) {
      payments.push({ position, ref: transaction.id, amount: transaction.amount, occurredAt: transaction.processedAt });
      take(position, transaction.amount);
    }
  }

  const mainMoney = chronological(observation.mainOrder?.transactions.filter(isMoneyIn) ?? []);
  const undirected: ObservedTransaction[] = [];
  for (const transaction of mainMoney) {
    const stage = contract.stages.find((candidate) => candidate.chargeRef !== null && candidate.chargeRef === transaction.paymentReferenceId);
    if (!stage) {
      undirected.push(transaction);
      continue;
    }
    payments.push({ position: stage.position, ref: transaction.id, amount: transaction.amount, occurredAt: transaction.processedAt });
    take(stage.position, transaction.amount);
  }

  for (const transaction of undirected) {
    const parts: { position: number; amount: bigint }[] = [];
    let left = transaction.amount;
    for (const stage of contract.stages) {
      const room = open.get(stage.position) ?? 0n;
      if (left === 0n) break;
      if (room <= 0n) continue;
      const part = left < room ? left : room;
      parts.push({ position: stage.position, amount: part });
      take(stage.position, part);
      left -= part;
    }
    // Money beyond every stage (an overpayment) stays on the last stage, where staff will see it.
    const last = contract.stages[contract.stages.length - 1];
    if (left > 0n && last) parts.push({ position: last.position, amount: left });
    const single = parts.length === 1;
    for (const part of mergeSamePosition(parts)) {
      payments.push({
        position: part.position,
        ref: single ? transaction.id : `${transaction.id}#${part.position}`,
        amount: part.amount,
        occurredAt: transaction.processedAt,
      });
    }
  }
  return payments;
}

function chronological(transactions: readonly ObservedTransaction[]): ObservedTransaction[] {
  return [...transactions].sort((a, b) => a.processedAt.getTime() - b.processedAt.getTime() || a.id.localeCompare(b.id));
}

function mergeSamePosition(parts: readonly { position: number; amount: bigint }[]): { position: number; amount: bigint }[] {
  const merged = new Map<number, bigint>();
  for (const part of parts) merged.set(part.position, (merged.get(part.position) ?? 0n) + part.amount);
  return [...merged].map(([position, amount]) => ({ position, amount }));
}
