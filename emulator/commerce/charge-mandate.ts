import { Dec } from "./money";
import type { EmulatorStore } from "../state/emulator-store";
import type { CardOutcome, MandatePaymentJob, Order, ShopState, Transaction } from "../state/model";
import { totalOutstanding } from "./order-balance";
import { recordTransaction } from "./record-payment";
import { findOrder } from "./shop-lookup";

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
 *
 * The order is checked again when the job runs, since it may have changed after the request (a manual payment,
 * a cancellation): the card is then not charged, and a FAILURE transaction is recorded instead, with
 * `CANCELLED_PAYMENT` for a cancelled order and `AMOUNT_TOO_LARGE` for an amount above what is still
 * outstanding. A failed transaction rather than nothing, so the app learns the outcome the way it learns a
 * decline: from `order_transactions/create`, and the job result reads FAILED.
 */
export function chargeMandate(store: EmulatorStore, shop: ShopState, job: MandatePaymentJob): void {
  job.done = true;
  const { orderId, mandateId, amount, paymentReferenceId, autoCapture } = job.payload;
  const order = findOrder(shop, orderId);
  const mandate = shop.mandates.find((candidate) => candidate.id === mandateId);
  if (!order || !mandate) return;
  const errorCode = refusal(order, amount) ?? (mandate.outcome === "approve" ? undefined : ERROR_CODES[mandate.outcome]);
  const now = store.clock.nowIso();
  const transaction: Transaction = {
    id: store.newId("OrderTransaction"),
    kind: autoCapture ? "SALE" : "AUTHORIZATION",
    status: errorCode ? "FAILURE" : "SUCCESS",
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

/** Why the order no longer takes this charge, as an `OrderTransactionErrorCode`; undefined when it does. */
function refusal(order: Order, amount: string): string | undefined {
  if (order.cancelledAt) return "CANCELLED_PAYMENT";
  if (new Dec(amount).gt(totalOutstanding(order))) return "AMOUNT_TOO_LARGE";
  return undefined;
}
