import type { EmulatorStore } from "../state/emulator-store";
import type { CardOutcome, EmulatorJob, ShopState, Transaction } from "../state/model";
import { findOrder } from "./order-lookup";
import { recordTransaction } from "./record-payment";

/** The gateway Shopify charges vaulted cards through. */
export const MANDATE_GATEWAY = "shopify_payments";

/** `OrderTransactionErrorCode` for each way a saved card can answer. */
const ERROR_CODES: Record<Exclude<CardOutcome, "approve">, string> = {
  decline: "CARD_DECLINED",
  insufficient_funds: "INSUFFICIENT_FUNDS",
};

/**
 * Runs one `orderCreateMandatePayment` job: charges the mandate's card (its test outcome decides the answer),
 * records the transaction and marks the job done. A mandate or order that disappeared meanwhile fails the job
 * without a transaction.
 */
export function chargeMandate(store: EmulatorStore, shop: ShopState, job: EmulatorJob): void {
  job.done = true;
  const { orderId, mandateId, amount, paymentReferenceId, autoCapture } = job.payload;
  const order = findOrder(shop, orderId);
  const mandate = shop.mandates.find((candidate) => candidate.id === mandateId);
  if (!order || !mandate) return;
  const now = store.clock.nowIso();
  const approved = mandate.outcome === "approve";
  const errorCode = mandate.outcome === "approve" ? undefined : ERROR_CODES[mandate.outcome];
  const transaction: Transaction = {
    id: store.newId("OrderTransaction"),
    kind: autoCapture ? "SALE" : "AUTHORIZATION",
    status: approved ? "SUCCESS" : "FAILURE",
    amount,
    gateway: MANDATE_GATEWAY,
    createdAt: now,
    processedAt: now,
    ...(errorCode ? { errorCode } : {}),
    paymentReferenceId,
    mandateId,
    manual: false,
    cardLast4: mandate.last4,
  };
  recordTransaction(store, shop, order, transaction);
}
