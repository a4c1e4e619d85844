import type { EmulatorStore } from "../state/emulator-store";
import type { Order, ShopState, Transaction } from "../state/model";
import { isFullyPaid } from "./order-balance";

/**
 * Adds a transaction to an order the way Shopify's payment processing does: the order is updated, payment
 * schedules complete when the balance is settled, and the webhooks go out (`order_transactions/create` always;
 * `orders/paid` when this transaction makes the order fully paid; `orders/updated` when money moved).
 */
export function recordTransaction(store: EmulatorStore, shop: ShopState, order: Order, transaction: Transaction): void {
  const wasPaid = isFullyPaid(order);
  order.transactions.push(transaction);
  const now = store.clock.nowIso();
  order.updatedAt = now;
  const movedMoney = transaction.status === "SUCCESS";
  const becamePaid = movedMoney && !wasPaid && isFullyPaid(order);
  if (becamePaid) completeOpenSchedules(order, now);
  const domain = shop.settings.domain;
  store.emitWebhook(domain, "order_transactions/create", { type: "transaction", orderId: order.id, transactionId: transaction.id });
  if (becamePaid) store.emitWebhook(domain, "orders/paid", { type: "order", orderId: order.id });
  if (movedMoney) store.emitWebhook(domain, "orders/updated", { type: "order", orderId: order.id });
}

function completeOpenSchedules(order: Order, now: string): void {
  for (const schedule of order.paymentTerms?.schedules ?? []) schedule.completedAt ??= now;
}
