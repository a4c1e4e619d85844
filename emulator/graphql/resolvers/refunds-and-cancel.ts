import { Dec, parseDecimal } from "../../../app/domain/money/decimal";
import { netPayment } from "../../commerce/order-balance";
import { findOrder } from "../../commerce/order-lookup";
import type { EmulatorStore } from "../../state/emulator-store";
import type { Order, Refund, ShopState, Transaction } from "../../state/model";
import type { AdminContext, ResolverModule } from "../resolver-types";
import { roundMoney, sumMoney } from "../views";
import { orderView, refundView } from "./order-view";

/**
 * `orderCancel` and `refundCreate`. Messages, fields and codes are the ones the live Admin API returned where
 * they were captured (already cancelled, fulfilled, staff note length, refund conflicts, over-refund, bad
 * transactions).
 */

const STAFF_NOTE_MAX = 255;

/** `$25.00` / `€25.00`: how Shopify writes amounts into refund messages. */
function formatMoney(amount: string, currencyCode: string): string {
  const symbol = new Intl.NumberFormat("en-US", { style: "currency", currency: currencyCode, currencyDisplay: "narrowSymbol" })
    .formatToParts(0)
    .find((part) => part.type === "currency")?.value;
  return `${symbol ?? `${currencyCode} `}${roundMoney(amount, currencyCode)}`;
}

function unrefunded(order: Order, sale: Transaction): string {
  const refunded = order.transactions.filter((t) => t.parentTransactionId === sale.id && t.kind === "REFUND" && t.status === "SUCCESS").map((t) => t.amount);
  return roundMoney(new Dec(sale.amount).minus(sumMoney(refunded, order.currencyCode)), order.currencyCode);
}

function childTransaction(store: EmulatorStore, parent: Transaction, kind: "REFUND" | "VOID", amount: string): Transaction {
  const now = store.clock.nowIso();
  return { id: store.newId("OrderTransaction"), kind, status: "SUCCESS", amount, gateway: parent.gateway, createdAt: now, processedAt: now, parentTransactionId: parent.id, manual: parent.manual };
}

/** Adds a refund and its transactions to the order and announces them. */
function recordRefund(store: EmulatorStore, shop: ShopState, order: Order, refund: Refund, transactions: readonly Transaction[]): void {
  order.transactions.push(...transactions);
  order.refunds.push(refund);
  order.updatedAt = store.clock.nowIso();
  const domain = shop.settings.domain;
  for (const transaction of transactions) store.emitWebhook(domain, "order_transactions/create", { type: "transaction", orderId: order.id, transactionId: transaction.id });
  store.emitWebhook(domain, "refunds/create", { type: "refund", orderId: order.id, refundId: refund.id });
}

function cancelOrder(args: Record<string, any>, context: AdminContext) {
  const { store, shop } = context;
  const fail = (field: string[], message: string, code: string) => ({
    job: null,
    orderCancelUserErrors: [{ field, message, code }],
    userErrors: [{ field, message }],
  });
  if (typeof args.staffNote === "string" && args.staffNote.length > STAFF_NOTE_MAX) {
    return fail(["staffNote"], `Staff note is too long. Maximum length is ${STAFF_NOTE_MAX} characters.`, "INVALID");
  }
  if (args.refund != null && args.refundMethod != null) return fail(["refund"], "Only one of the arguments `refund` or `refund_method` is allowed.", "INVALID");
  const order = findOrder(shop, args.orderId);
  if (!order) return fail(["orderId"], "Order does not exist", "NOT_FOUND");
  if (order.cancelledAt) return fail(["orderId"], "Cannot cancel an order that has already been canceled", "INVALID");
  if (order.fulfillments.some((fulfillment) => fulfillment.status === "SUCCESS")) {
    return fail(["orderId"], "Cannot cancel an order that has outstanding fulfillments", "INVALID");
  }

  const now = store.clock.nowIso();
  order.cancelledAt = now;
  order.cancelReason = args.reason;
  order.closedAt = now;
  order.updatedAt = now;
  for (const fulfillmentOrder of order.fulfillmentOrders) {
    if (fulfillmentOrder.status === "CLOSED" || fulfillmentOrder.status === "CANCELLED") continue;
    fulfillmentOrder.status = "CLOSED";
    fulfillmentOrder.updatedAt = now;
  }
  if (args.refund === true || args.refundMethod?.originalPaymentMethodsRefund === true) refundEverything(store, shop, order);
  store.emitWebhook(shop.settings.domain, "orders/cancelled", { type: "order", orderId: order.id });
  store.emitWebhook(shop.settings.domain, "orders/updated", { type: "order", orderId: order.id });
  // Shopify cancels in a job; the emulator cancels at once, so the job is already finished when asked about.
  return { job: { __typename: "Job", id: store.newId("Job"), done: false }, orderCancelUserErrors: [], userErrors: [] };
}

/** A cancellation with a refund returns every payment to where it came from and voids open authorizations. */
function refundEverything(store: EmulatorStore, shop: ShopState, order: Order): void {
  const settled = new Set(order.transactions.filter((t) => t.status === "SUCCESS" && t.parentTransactionId).map((t) => t.parentTransactionId));
  const voids = order.transactions
    .filter((t) => t.kind === "AUTHORIZATION" && t.status === "SUCCESS" && !settled.has(t.id))
    .map((authorization) => childTransaction(store, authorization, "VOID", authorization.amount));
  const refunds = order.transactions
    .filter((t) => t.status === "SUCCESS" && (t.kind === "SALE" || t.kind === "CAPTURE") && new Dec(unrefunded(order, t)).gt(0))
    .map((sale) => childTransaction(store, sale, "REFUND", unrefunded(order, sale)));
  order.transactions.push(...voids);
  if (refunds.length === 0) return;
  const refund: Refund = {
    id: store.newId("Refund"),
    createdAt: store.clock.nowIso(),
    amount: sumMoney(refunds.map((t) => t.amount), order.currencyCode),
    transactionIds: refunds.map((t) => t.id),
    lineItems: [],
  };
  recordRefund(store, shop, order, refund, refunds);
}

interface RefundTransactionInput {
  readonly amount: unknown;
  readonly gateway: string;
  readonly kind: string;
  readonly parentId?: string | null;
}

function createRefund(args: Record<string, any>, context: AdminContext) {
  const { store, shop } = context;
  const input = args.input as { orderId: string; note?: string | null; transactions?: RefundTransactionInput[] | null; refundLineItems?: { lineItemId: string; quantity: number }[] | null };
  const order = findOrder(shop, input.orderId);
  const fail = (field: (string | number)[] | null, message: string) => ({
    refund: null,
    order: order ? orderView(order, context) : null,
    userErrors: [{ field: field?.map(String) ?? null, message }],
  });
  if (!order) return fail(["orderId"], "Order does not exist");

  const transactions: Transaction[] = [];
  for (const requested of input.transactions ?? []) {
    if (requested.kind !== "REFUND") return fail(null, `Kind ${requested.kind.toLowerCase()} is not a valid transaction`);
    const parent = order.transactions.find((t) => t.id === requested.parentId && t.status === "SUCCESS" && (t.kind === "SALE" || t.kind === "CAPTURE"));
    if (!parent) return fail(["transactions"], "Transactions require a parent_id associated with the order");
    const amount = parseDecimal(String(requested.amount));
    if (!amount || amount.lte(0)) return fail(["transactions"], "Amount must be greater than 0");
    transactions.push(childTransaction(store, parent, "REFUND", roundMoney(amount, order.currencyCode)));
  }
  const total = sumMoney(transactions.map((t) => t.amount), order.currencyCode);
  const net = netPayment(order);
  if (new Dec(total).gt(net)) {
    return fail(null, `Refund amount ${formatMoney(total, order.currencyCode)} is greater than net payment received ${formatMoney(net, order.currencyCode)}`);
  }
  const lineItems = input.refundLineItems ?? [];
  for (const [index, item] of lineItems.entries()) {
    const line = order.lineItems.find((candidate) => candidate.id === item.lineItemId);
    if (!line) return fail(["refundLineItems", index, "lineItemId"], "Line item does not exist");
    const refunded = order.refunds.flatMap((refund) => refund.lineItems).filter((done) => done.lineItemId === line.id).reduce((sum, done) => sum + done.quantity, 0);
    if (item.quantity <= 0 || item.quantity > line.quantity - refunded) return fail(["refundLineItems", index, "quantity"], "Quantity cannot refund more items than were purchased");
  }

  const refund: Refund = {
    id: store.newId("Refund"),
    createdAt: store.clock.nowIso(),
    ...(input.note != null ? { note: input.note } : {}),
    amount: total,
    transactionIds: transactions.map((t) => t.id),
    lineItems: lineItems.map((item) => ({ lineItemId: item.lineItemId, quantity: item.quantity })),
  };
  recordRefund(store, shop, order, refund, transactions);
  store.emitWebhook(shop.settings.domain, "orders/updated", { type: "order", orderId: order.id });
  return { refund: refundView(refund, order, context), order: orderView(order, context), userErrors: [] };
}

export const refundAndCancelResolvers: ResolverModule = {
  mutation: {
    orderCancel: cancelOrder,
    refundCreate: createRefund,
  },
};
