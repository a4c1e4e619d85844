import { Dec } from "../../app/domain/money/decimal";
import type { EmulatorStore } from "../state/emulator-store";
import type { DraftOrder, FulfillmentOrder, Order, PaymentMandate, PaymentTerms, ShopState, Transaction } from "../state/model";
import { priceDraftOrder } from "./draft-order-pricing";
import { TEST_CARD, vaultTestCard } from "./test-card";

/**
 * Turns a draft order into an order, as `draftOrderComplete` and the buyer's checkout both do: the order copies
 * the draft's lines, totals, tax lines, custom attributes (Shopify's note attributes), tags and payment terms,
 * gets one fulfillment order for the lines that ship, records how it was paid, and the draft becomes COMPLETED.
 * Then the webhooks Shopify sends for it are emitted, in this order: orders/create, order_transactions/create
 * (per transaction), orders/paid (only when fully paid), draft_orders/update (the draft now carries order_id).
 */

/** How the new order is paid. */
export type OrderPayment =
  /** Staff marked it paid: a manual SALE for the whole total. */
  | { readonly type: "markPaid" }
  /** Payment pending (Shopify does this for drafts with payment terms): a manual SALE still PENDING. */
  | { readonly type: "pending" }
  /** The buyer paid `amount` by card at checkout (0: nothing due now); `saveCard` vaults it as a mandate. */
  | { readonly type: "card"; readonly amount: string; readonly saveCard?: { readonly outcomeOfLaterCharges: PaymentMandate["outcome"] } };

export const CARD_GATEWAY = "shopify_payments";

export interface CreatedOrder {
  readonly order: Order;
  readonly mandate?: PaymentMandate;
}

export function createOrderFromDraft(store: EmulatorStore, shop: ShopState, draft: DraftOrder, payment: OrderPayment, sourceName = "shopify_draft_order"): CreatedOrder {
  const now = store.clock.nowIso();
  const price = priceDraftOrder(draft, shop);
  const lineItems = draft.lineItems.map((line) => ({ ...line, id: store.newId("LineItem") }));
  const transactions = paymentTransactions(store, payment, price.total, now);
  const paidInFull = isPaidInFull(transactions, price.total);
  const order: Order = {
    id: store.newId("Order"),
    name: `#${nextOrderNumber(shop)}`,
    draftOrderId: draft.id,
    ...(draft.customerId === undefined ? {} : { customerId: draft.customerId }),
    ...(draft.purchasingCompanyLocationId === undefined ? {} : { purchasingCompanyLocationId: draft.purchasingCompanyLocationId }),
    ...(draft.email === undefined ? {} : { email: draft.email }),
    currencyCode: price.currencyCode,
    taxesIncluded: price.taxesIncluded,
    lineItems,
    ...(draft.shippingLine === undefined ? {} : { shippingLine: draft.shippingLine }),
    ...(draft.shippingAddress === undefined ? {} : { shippingAddress: draft.shippingAddress }),
    ...(draft.billingAddress === undefined ? {} : { billingAddress: draft.billingAddress }),
    subtotalPrice: price.subtotal,
    totalDiscounts: price.totalDiscounts,
    totalShippingPrice: price.shipping,
    taxLines: price.taxLines,
    totalTax: price.totalTax,
    totalPrice: price.total,
    customAttributes: draft.customAttributes.map((attribute) => ({ ...attribute })),
    ...(draft.note === undefined ? {} : { note: draft.note }),
    tags: [...draft.tags],
    sourceName,
    createdAt: now,
    processedAt: now,
    updatedAt: now,
    ...(draft.paymentTerms ? { paymentTerms: orderPaymentTerms(store, draft.paymentTerms, paidInFull, now) } : {}),
    transactions,
    refunds: [],
    fulfillmentOrders: fulfillmentOrdersFor(store, lineItems, now),
    fulfillments: [],
    paymentGatewayNames: payment.type === "card" ? [CARD_GATEWAY] : ["manual"],
  };
  shop.orders.push(order);

  const mandate = payment.type === "card" && payment.saveCard ? vaultTestCard(store, shop, order, payment.saveCard.outcomeOfLaterCharges) : undefined;

  draft.status = "COMPLETED";
  draft.orderId = order.id;
  draft.completedAt = now;
  draft.updatedAt = now;

  const domain = shop.settings.domain;
  store.emitWebhook(domain, "orders/create", { type: "order", orderId: order.id });
  for (const transaction of transactions) {
    store.emitWebhook(domain, "order_transactions/create", { type: "transaction", orderId: order.id, transactionId: transaction.id });
  }
  if (paidInFull) store.emitWebhook(domain, "orders/paid", { type: "order", orderId: order.id });
  store.emitWebhook(domain, "draft_orders/update", { type: "draftOrder", draftOrderId: draft.id });
  return mandate ? { order, mandate } : { order };
}

function paymentTransactions(store: EmulatorStore, payment: OrderPayment, total: string, now: string): Transaction[] {
  const base = { kind: "SALE" as const, createdAt: now, processedAt: now };
  switch (payment.type) {
    case "markPaid":
      return new Dec(total).isZero() ? [] : [{ ...base, id: store.newId("OrderTransaction"), status: "SUCCESS", amount: total, gateway: "manual", manual: true }];
    case "pending":
      return new Dec(total).isZero() ? [] : [{ ...base, id: store.newId("OrderTransaction"), status: "PENDING", amount: total, gateway: "manual", manual: true }];
    case "card":
      return new Dec(payment.amount).isZero()
        ? []
        : [{ ...base, id: store.newId("OrderTransaction"), status: "SUCCESS", amount: payment.amount, gateway: CARD_GATEWAY, manual: false, cardLast4: TEST_CARD.last4 }];
  }
}

function isPaidInFull(transactions: readonly Transaction[], total: string): boolean {
  const received = transactions
    .filter((transaction) => transaction.status === "SUCCESS" && (transaction.kind === "SALE" || transaction.kind === "CAPTURE"))
    .reduce((sum, transaction) => sum.plus(transaction.amount), new Dec(0));
  return received.greaterThanOrEqualTo(total);
}

/**
 * The order gets its own copy of the draft's terms (new ids). Due-on-receipt terms fall due when the order is
 * created, and due-on-fulfillment terms get an undated schedule that fulfillment dates; a fully paid order's
 * schedules are complete.
 */
function orderPaymentTerms(store: EmulatorStore, terms: PaymentTerms, paidInFull: boolean, now: string): PaymentTerms {
  const schedules: { issuedAt?: string; dueAt?: string }[] = terms.schedules.length > 0 ? terms.schedules : terms.type === "RECEIPT" ? [{ issuedAt: now, dueAt: now }] : terms.type === "FULFILLMENT" ? [{}] : [];
  return {
    id: store.newId("PaymentTerms"),
    templateId: terms.templateId,
    type: terms.type,
    name: terms.name,
    ...(terms.dueInDays === undefined ? {} : { dueInDays: terms.dueInDays }),
    schedules: schedules.map((schedule) => ({
      id: store.newId("PaymentSchedule"),
      ...(schedule.issuedAt === undefined ? {} : { issuedAt: schedule.issuedAt }),
      ...(schedule.dueAt === undefined ? {} : { dueAt: schedule.dueAt }),
      ...(paidInFull ? { completedAt: now } : {}),
    })),
  };
}

/** One fulfillment order for the lines that need shipping; none when nothing ships. */
function fulfillmentOrdersFor(store: EmulatorStore, lineItems: Order["lineItems"], now: string): FulfillmentOrder[] {
  const shipped = lineItems.filter((line) => line.requiresShipping);
  if (shipped.length === 0) return [];
  return [
    {
      id: store.newId("FulfillmentOrder"),
      status: "OPEN",
      holds: [],
      lineItems: shipped.map((line) => ({ id: store.newId("FulfillmentOrderLineItem"), lineItemId: line.id, totalQuantity: line.quantity, remainingQuantity: line.quantity })),
      createdAt: now,
      updatedAt: now,
    },
  ];
}

/** Shopify numbers a shop's orders from #1001 and never reuses a number. */
function nextOrderNumber(shop: ShopState): number {
  const numbers = shop.orders.map((order) => Number(order.name.replace(/^#/, ""))).filter(Number.isFinite);
  return Math.max(1000, ...numbers) + 1;
}
