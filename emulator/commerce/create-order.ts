import { Dec } from "./money";
import type { EmulatorStore } from "../state/emulator-store";
import type { DraftOrder, FulfillmentOrder, Order, OrderLineItem, PaymentMandate, PaymentTerms, ShopState, Transaction } from "../state/model";
import { newConfirmationNumber } from "./confirmation-number";
import { priceDraftOrder, type DraftOrderPrice } from "./draft-order-pricing";
import { isFullyPaid } from "./order-balance";
import { orderNumber } from "./shop-lookup";
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

export function createOrderFromDraft(
  store: EmulatorStore,
  shop: ShopState,
  draft: DraftOrder,
  payment: OrderPayment,
  sourceName = "shopify_draft_order",
): CreatedOrder {
  const price = priceDraftOrder(draft, shop);
  const transactions = paymentTransactions(store, payment, price.total, store.clock.nowIso());
  const order = orderFromDraft(store, shop, draft, price, {
    transactions,
    paymentGatewayNames: payment.type === "card" ? [CARD_GATEWAY] : ["manual"],
    sourceName,
  });
  shop.orders.push(order);

  const mandate = payment.type === "card" && payment.saveCard ? vaultTestCard(store, shop, order, payment.saveCard.outcomeOfLaterCharges) : undefined;

  draft.status = "COMPLETED";
  draft.orderId = order.id;
  draft.completedAt = order.createdAt;
  draft.updatedAt = order.createdAt;

  const domain = shop.settings.domain;
  store.emitWebhook(domain, "orders/create", { type: "order", orderId: order.id });
  for (const transaction of transactions) {
    store.emitWebhook(domain, "order_transactions/create", { type: "transaction", orderId: order.id, transactionId: transaction.id });
  }
  if (isFullyPaid(order)) store.emitWebhook(domain, "orders/paid", { type: "order", orderId: order.id });
  store.emitWebhook(domain, "draft_orders/update", { type: "draftOrder", draftOrderId: draft.id });
  return mandate ? { order, mandate } : { order };
}

/** How the order was paid when it was created. */
export interface OrderPaymentRecord {
  readonly transactions: Transaction[];
  readonly paymentGatewayNames: string[];
  readonly sourceName: string;
}

/**
 * The order record for a priced draft, not yet stored and announced: each line and the shipping line keep the
 * amounts and tax lines `price` gave them, so the order's tax lines are the sums of its lines' and shipping's.
 */
export function orderFromDraft(store: EmulatorStore, shop: ShopState, draft: DraftOrder, price: DraftOrderPrice, paid: OrderPaymentRecord): Order {
  const now = store.clock.nowIso();
  const lineItems: OrderLineItem[] = draft.lineItems.map((line, index) => {
    const linePrice = price.lines[index]!;
    return { ...line, id: store.newId("LineItem"), discountedTotal: linePrice.discountedTotal, taxLines: linePrice.taxLines };
  });
  const order: Order = {
    id: store.newId("Order"),
    name: `#${Math.max(1000, ...shop.orders.map(orderNumber)) + 1}`,
    confirmationNumber: newConfirmationNumber(),
    draftOrderId: draft.id,
    ...(draft.customerId === undefined ? {} : { customerId: draft.customerId }),
    ...(draft.purchasingCompanyLocationId === undefined ? {} : { purchasingCompanyLocationId: draft.purchasingCompanyLocationId }),
    ...(draft.email === undefined ? {} : { email: draft.email }),
    currencyCode: price.currencyCode,
    taxesIncluded: price.taxesIncluded,
    lineItems,
    ...(draft.shippingLine === undefined ? {} : { shippingLine: { ...draft.shippingLine, taxLines: price.shippingTaxLines } }),
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
    sourceName: paid.sourceName,
    createdAt: now,
    processedAt: now,
    updatedAt: now,
    transactions: paid.transactions,
    refunds: [],
    fulfillmentOrders: fulfillmentOrdersFor(store, lineItems, now),
    fulfillments: [],
    paymentGatewayNames: paid.paymentGatewayNames,
  };
  if (draft.paymentTerms) order.paymentTerms = orderPaymentTerms(store, draft.paymentTerms, isFullyPaid(order), now);
  return order;
}

function paymentTransactions(store: EmulatorStore, payment: OrderPayment, total: string, now: string): Transaction[] {
  const base = { kind: "SALE" as const, createdAt: now, processedAt: now };
  switch (payment.type) {
    case "markPaid":
      return new Dec(total).isZero()
        ? []
        : [{ ...base, id: store.newId("OrderTransaction"), status: "SUCCESS", amount: total, gateway: "manual", manual: true }];
    case "pending":
      return new Dec(total).isZero()
        ? []
        : [{ ...base, id: store.newId("OrderTransaction"), status: "PENDING", amount: total, gateway: "manual", manual: true }];
    case "card":
      return new Dec(payment.amount).isZero()
        ? []
        : [
            {
              ...base,
              id: store.newId("OrderTransaction"),
              status: "SUCCESS",
              amount: payment.amount,
              gateway: CARD_GATEWAY,
              manual: false,
              cardLast4: TEST_CARD.last4,
            },
          ];
  }
}

/**
 * The order gets its own copy of the draft's terms (new ids). Due-on-receipt terms fall due when the order is
 * created, and due-on-fulfillment terms get an undated schedule that fulfillment dates; a fully paid order's
 * schedules are complete.
 */
function orderPaymentTerms(store: EmulatorStore, terms: PaymentTerms, paidInFull: boolean, now: string): PaymentTerms {
  const schedules: { issuedAt?: string; dueAt?: string }[] =
    terms.schedules.length > 0 ? terms.schedules : terms.type === "RECEIPT" ? [{ issuedAt: now, dueAt: now }] : terms.type === "FULFILLMENT" ? [{}] : [];
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
      lineItems: shipped.map((line) => ({
        id: store.newId("FulfillmentOrderLineItem"),
        lineItemId: line.id,
        totalQuantity: line.quantity,
        remainingQuantity: line.quantity,
      })),
      createdAt: now,
      updatedAt: now,
    },
  ];
}

/** Shopify numbers a shop's orders from #1001 and never reuses a number. */
