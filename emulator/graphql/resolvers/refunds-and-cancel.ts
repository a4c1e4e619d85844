import { netPayment } from "../../commerce/order-balance";
import { findOrder } from "../../commerce/shop-lookup";
import type { EmulatorStore } from "../../state/emulator-store";
import type { Order, OrderCancelJob, Refund, ShopState, Transaction } from "../../state/model";
import type { AdminContext, ResolverModule } from "../resolver-types";
import { Dec, readDecimal, roundMoney, sumMoney } from "../../commerce/money";
import { orderView, refundView } from "./order-view";

/**
 * `orderCancel`, `orderClose` and `refundCreate`. Messages, fields and codes are the ones the live Admin API returned where
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
  return {
    id: store.newId("OrderTransaction"),
    kind,
    status: "SUCCESS",
    amount,
    gateway: parent.gateway,
    createdAt: now,
    processedAt: now,
    parentTransactionId: parent.id,
    manual: parent.manual,
  };
}

/** Adds refund and void transactions to the order, each announced with `order_transactions/create`. */
function addTransactions(store: EmulatorStore, shop: ShopState, order: Order, transactions: readonly Transaction[]): void {
  order.transactions.push(...transactions);
  order.updatedAt = store.clock.nowIso();
  for (const transaction of transactions) {
    store.emitWebhook(shop.settings.domain, "order_transactions/create", { type: "transaction", orderId: order.id, transactionId: transaction.id });
  }
}

/** Adds a refund and its transactions to the order and announces them. */
function recordRefund(store: EmulatorStore, shop: ShopState, order: Order, refund: Refund, transactions: readonly Transaction[]): void {
  addTransactions(store, shop, order, transactions);
  order.refunds.push(refund);
  store.emitWebhook(shop.settings.domain, "refunds/create", { type: "refund", orderId: order.id, refundId: refund.id });
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
  // Shopify cancels in a job; the emulator cancels at once and records the job as finished, for `job(id)`.
  const job: OrderCancelJob = { id: store.newId("Job"), kind: "orderCancel", runAt: now, done: true, payload: { orderId: order.id } };
  shop.jobs.push(job);
  return { job: { __typename: "Job", id: job.id, done: false }, orderCancelUserErrors: [], userErrors: [] };
}

/**
 * A cancellation with a refund returns every payment to where it came from and voids open authorizations; each
 * void is announced with `order_transactions/create` like any other transaction.
 */
function refundEverything(store: EmulatorStore, shop: ShopState, order: Order): void {
  const settled = new Set(order.transactions.filter((t) => t.status === "SUCCESS" && t.parentTransactionId).map((t) => t.parentTransactionId));
  const voids = order.transactions
    .filter((t) => t.kind === "AUTHORIZATION" && t.status === "SUCCESS" && !settled.has(t.id))
    .map((authorization) => childTransaction(store, authorization, "VOID", authorization.amount));
  const refunds = order.transactions
    .filter((t) => t.status === "SUCCESS" && (t.kind === "SALE" || t.kind === "CAPTURE") && new Dec(unrefunded(order, t)).gt(0))
    .map((sale) => childTransaction(store, sale, "REFUND", unrefunded(order, sale)));
  addTransactions(store, shop, order, voids);
  if (refunds.length === 0) return;
  const refund: Refund = {
    id: store.newId("Refund"),
    createdAt: store.clock.nowIso(),
    amount: sumMoney(
      refunds.map((t) => t.amount),
      order.currencyCode,
    ),
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
  const input = args.input as {
    orderId: string;
    note?: string | null;
    transactions?: RefundTransactionInput[] | null;
    refundLineItems?: { lineItemId: string; quantity: number }[] | null;
  };
  const order = findOrder(shop, input.orderId);
  const fail = (field: (string | number)[] | null, message: string) => ({
    refund: null,
    order: order ? orderView(order, context) : null,
    userErrors: [{ field: field?.map(String) ?? null, message }],
  });
  if (!order) return fail(["orderId"], "Order does not exist");

  // Everything is checked before anything is written, so a refused refund leaves no trace.
  const requests: { readonly parent: Transaction; readonly amount: string }[] = [];
  for (const requested of input.transactions ?? []) {
    if (requested.kind !== "REFUND") return fail(null, `Kind ${requested.kind.toLowerCase()} is not a valid transaction`);
    const parent = order.transactions.find((t) => t.id === requested.parentId && t.status === "SUCCESS" && (t.kind === "SALE" || t.kind === "CAPTURE"));
    if (!parent) return fail(["transactions"], "Transactions require a parent_id associated with the order");
    const amount = readDecimal(requested.amount);
    if (!amount || amount.lte(0)) return fail(["transactions"], "Amount must be greater than 0");
    requests.push({ parent, amount: roundMoney(amount, order.currencyCode) });
  }
  const total = sumMoney(
    requests.map((request) => request.amount),
    order.currencyCode,
  );
  const net = netPayment(order);
  if (new Dec(total).gt(net)) {
    return fail(null, `Refund amount ${formatMoney(total, order.currencyCode)} is greater than net payment received ${formatMoney(net, order.currencyCode)}`);
  }
  // Each payment gives back at most what it has not refunded yet, whatever the order as a whole received.
  for (const parent of new Set(requests.map((request) => request.parent))) {
    const asked = sumMoney(
      requests.filter((request) => request.parent === parent).map((request) => request.amount),
      order.currencyCode,
    );
    const left = unrefunded(order, parent);
    if (new Dec(asked).gt(left)) {
      return fail(
        ["transactions"],
        `Refund amount ${formatMoney(asked, order.currencyCode)} is greater than the refundable amount ${formatMoney(left, order.currencyCode)} of the transaction`,
      );
    }
  }
  const lineItems = input.refundLineItems ?? [];
  for (const [index, item] of lineItems.entries()) {
    const line = order.lineItems.find((candidate) => candidate.id === item.lineItemId);
    if (!line) return fail(["refundLineItems", index, "lineItemId"], "Line item does not exist");
    const refunded = order.refunds
      .flatMap((refund) => refund.lineItems)
      .filter((done) => done.lineItemId === line.id)
      .reduce((sum, done) => sum + done.quantity, 0);
    if (item.quantity <= 0 || item.quantity > line.quantity - refunded)
      return fail(["refundLineItems", index, "quantity"], "Quantity cannot refund more items than were purchased");
  }

  const transactions = requests.map((request) => childTransaction(store, request.parent, "REFUND", request.amount));
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

/** `orderClose`: archives the order as it stands (money and balance unchanged), announced with `orders/updated`. */
function closeOrder(args: Record<string, any>, context: AdminContext) {
  const { store, shop } = context;
  const order = findOrder(shop, (args.input as { id: string }).id);
  if (!order) return { order: null, userErrors: [{ field: ["id"], message: "Order does not exist" }] };
  if (!order.closedAt) {
    order.closedAt = store.clock.nowIso();
    order.updatedAt = order.closedAt;
    store.emitWebhook(shop.settings.domain, "orders/updated", { type: "order", orderId: order.id });
  }
  return { order: orderView(order, context), userErrors: [] };
}

export const refundAndCancelResolvers: ResolverModule = {
  mutation: {
    orderCancel: cancelOrder,
    orderClose: closeOrder,
    refundCreate: createRefund,
  },
};
