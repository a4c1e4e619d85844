import type { ContractState } from "./contract-state";
import { isLateFeeStage } from "./late-fee-stage";
import { isMirror, isMoneyIn, isStageOrderMoneyIn, type Observation, type ObservedOrder, type ObservedTransaction } from "./observation";

/** Refunds to ask Shopify for on one order: each gives back part of one payment (`parentId`). */
export interface OrderRefund {
  readonly orderId: string;
  readonly transactions: readonly { readonly parentId: string; readonly gateway: string; readonly amount: bigint }[];
}

export interface RefundSources {
  readonly refunds: readonly OrderRefund[];
  /** What no Shopify payment can give back (offline money the main order does not show yet): refunded outside Shopify. */
  readonly outsideShopify: bigint;
}

/**
 * Which Shopify payments give back `amount` of a contract's money, following the allocation rule (allocate-refunds.ts):
 * stages latest first, each from the payments that paid it — its own order's payments, the main-order payments the
 * ledger recorded on it — and then from the main order's mirrors of money collected elsewhere (offline payments).
 * No payment gives back more than it has not refunded yet; no stage more than it holds.
 */
export function refundSources(contract: ContractState, observation: Observation, amount: bigint): RefundSources {
  const left = new Map<string, bigint>();
  const unrefunded = (order: ObservedOrder, payment: ObservedTransaction) => {
    const key = `${order.id} ${payment.id}`;
    if (!left.has(key)) {
      // A refund Shopify is still processing (PENDING) has given the money back as far as asking again is concerned.
      const refunded = order.transactions.filter((t) => t.parentId === payment.id && isRefundUnderWay(t)).reduce((sum, t) => sum + t.amount, 0n);
      left.set(key, payment.amount - refunded);
    }
    return left.get(key) as bigint;
  };
  const asked = new Map<string, Map<ObservedTransaction, bigint>>();
  const take = (order: ObservedOrder, payment: ObservedTransaction, wanted: bigint): bigint => {
    const part = min(wanted, unrefunded(order, payment));
    if (part <= 0n) return 0n;
    left.set(`${order.id} ${payment.id}`, unrefunded(order, payment) - part);
    const onOrder = asked.get(order.id) ?? new Map<ObservedTransaction, bigint>();
    onOrder.set(payment, (onOrder.get(payment) ?? 0n) + part);
    asked.set(order.id, onOrder);
    return part;
  };

  const mainOrder = observation.mainOrder;
  let remaining = amount;
  // Offline money is the only money the main order's mirrors may give back (the rest of a mirror stands for card money
  // held on a stage order, which is refunded there); what no mirror shows of it is given back outside Shopify.
  let offlineLeft = heldOutsideShopify(contract);
  let outsideShopify = 0n;
  for (const stage of [...contract.stages].sort((a, b) => b.position - a.position)) {
    const wanted = min(remaining, stage.paid - stage.discount - stage.refunded);
    if (wanted <= 0n) continue;
    let fromStage = wanted;
    const stageOrder = observation.stageOrders.get(stage.position);
    for (const payment of stageOrder?.transactions.filter(isStageOrderMoneyIn) ?? []) fromStage -= take(stageOrder!, payment, fromStage);
    if (isLateFeeStage(stage)) {
      // A late fee is never on the main order: what its own order does not hold was paid offline, and goes back that way.
      outsideShopify += fromStage;
      remaining -= wanted;
      continue;
    }
    for (const payment of mainOrder?.transactions.filter(isMoneyIn) ?? []) {
      const recordedHere = [...contract.recordedPayments]
        .filter(([ref, recorded]) => recorded.position === stage.position && (ref === payment.id || ref.startsWith(`${payment.id}#`)))
        .reduce((sum, [, recorded]) => sum + recorded.amount, 0n);
      fromStage -= take(mainOrder!, payment, min(fromStage, recordedHere));
    }
    let offline = min(fromStage, offlineLeft);
    offlineLeft -= offline;
    fromStage -= offline;
    for (const mirror of mainOrder?.transactions.filter(isMirror) ?? []) offline -= take(mainOrder!, mirror, offline);
    outsideShopify += offline;
    remaining -= wanted - fromStage;
  }
  const refunds = [...asked].map(([orderId, payments]) => ({
    orderId,
    transactions: [...payments].map(([payment, part]) => ({ parentId: payment.id, gateway: payment.gateway, amount: part })),
  }));
  return { refunds, outsideShopify };
}

/** Offline money no main-order mirror shows yet: what can only be given back outside Shopify. */
function heldOutsideShopify(contract: ContractState): bigint {
  return contract.offlineHeld > 0n ? contract.offlineHeld : 0n;
}

function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

/** A refund that succeeded or that Shopify is still processing: either way, that money is not to be asked for again. */
export function isRefundUnderWay(transaction: ObservedTransaction): boolean {
  return transaction.kind === "REFUND" && (transaction.status === "SUCCESS" || transaction.status === "PENDING");
}
