import type { Fulfillment, FulfillmentHold, FulfillmentOrder, Order } from "../../state/model";
import type { AdminContext } from "../resolver-types";
import { shopifyDateTime } from "../shopify-date-time";
import { connection, legacyId } from "../views";
import { lineItemView, orderView } from "./order-view";

/** Views of fulfillment orders, their holds and fulfillments, and the order's fulfillment status they imply. */

/** Shopify's `FulfillmentHold.displayReason` for each reason. */
const HOLD_DISPLAY_REASONS: Record<string, string> = {
  AWAITING_PAYMENT: "Awaiting payment",
  AWAITING_RETURN_ITEMS: "Exchange items awaiting return delivery",
  HIGH_RISK_OF_FRAUD: "High risk of fraud",
  INCORRECT_ADDRESS: "Incorrect address",
  INVENTORY_OUT_OF_STOCK: "Inventory out of stock",
  ONLINE_STORE_POST_PURCHASE_CROSS_SELL: "Pending upsell offer",
  UNKNOWN_DELIVERY_DATE: "Unknown delivery date",
  OTHER: "Other",
};

/** What Shopify lets a merchant-managed fulfillment order do in each status. */
const SUPPORTED_ACTIONS: Record<FulfillmentOrder["status"], string[]> = {
  OPEN: ["CREATE_FULFILLMENT", "REPORT_PROGRESS", "MOVE", "HOLD", "SPLIT"],
  IN_PROGRESS: ["CREATE_FULFILLMENT", "HOLD", "MOVE"],
  ON_HOLD: ["RELEASE_HOLD", "HOLD", "MOVE"],
  SCHEDULED: ["MARK_AS_OPEN"],
  INCOMPLETE: [],
  CLOSED: [],
  CANCELLED: [],
};

export function holdView(hold: FulfillmentHold) {
  return {
    __typename: "FulfillmentHold",
    id: hold.id,
    reason: hold.reason,
    reasonNotes: hold.reasonNotes ?? null,
    handle: hold.handle ?? null,
    displayReason: HOLD_DISPLAY_REASONS[hold.reason] ?? "Other",
    heldByRequestingApp: true,
  };
}

export function fulfillmentOrderView(fulfillmentOrder: FulfillmentOrder, order: Order, context: AdminContext): Record<string, unknown> {
  return {
    __typename: "FulfillmentOrder",
    id: fulfillmentOrder.id,
    status: fulfillmentOrder.status,
    requestStatus: "UNSUBMITTED",
    createdAt: shopifyDateTime(fulfillmentOrder.createdAt),
    updatedAt: shopifyDateTime(fulfillmentOrder.updatedAt),
    orderId: order.id,
    orderName: order.name,
    orderProcessedAt: shopifyDateTime(order.processedAt),
    order: () => orderView(order, context),
    fulfillAt: null,
    fulfillBy: null,
    fulfillmentHolds: fulfillmentOrder.holds.map(holdView),
    supportedActions: SUPPORTED_ACTIONS[fulfillmentOrder.status].map((action) => ({
      __typename: "FulfillmentOrderSupportedAction",
      action,
      externalUrl: null,
    })),
    lineItems: (args: Record<string, unknown>) =>
      connection(fulfillmentOrder.lineItems, args, (item) => {
        const line = order.lineItems.find((candidate) => candidate.id === item.lineItemId);
        return {
          __typename: "FulfillmentOrderLineItem",
          id: item.id,
          totalQuantity: item.totalQuantity,
          remainingQuantity: item.remainingQuantity,
          sku: line?.sku ?? null,
          productTitle: line?.title ?? "",
          requiresShipping: line?.requiresShipping ?? true,
          variantTitle: null,
          lineItem: () => lineView(order, item.lineItemId),
        };
      }),
    fulfillments: (args: Record<string, unknown>) =>
      connection(
        order.fulfillments.filter((fulfillment) => fulfillment.fulfillmentOrderIds.includes(fulfillmentOrder.id)),
        args,
        (fulfillment) => fulfillmentView(fulfillment, order, context),
      ),
  };
}

export function fulfillmentView(fulfillment: Fulfillment, order: Order, context: AdminContext): Record<string, unknown> {
  return {
    __typename: "Fulfillment",
    id: fulfillment.id,
    legacyResourceId: String(legacyId(fulfillment.id)),
    name: `${order.name}-F${order.fulfillments.indexOf(fulfillment) + 1}`,
    status: fulfillment.status,
    displayStatus: fulfillment.status === "SUCCESS" ? "FULFILLED" : "CANCELED",
    createdAt: shopifyDateTime(fulfillment.createdAt),
    updatedAt: shopifyDateTime(fulfillment.createdAt),
    deliveredAt: null,
    inTransitAt: null,
    estimatedDeliveryAt: null,
    requiresShipping: true,
    totalQuantity: fulfillment.lineItems.reduce((sum, item) => sum + item.quantity, 0),
    trackingInfo: () =>
      fulfillment.trackingNumber ? [{ __typename: "FulfillmentTrackingInfo", number: fulfillment.trackingNumber, url: null, company: null }] : [],
    fulfillmentLineItems: (args: Record<string, unknown>) =>
      connection(fulfillment.lineItems, args, (item) => ({
        __typename: "FulfillmentLineItem",
        quantity: item.quantity,
        lineItem: () => lineView(order, item.lineItemId),
      })),
    fulfillmentOrders: (args: Record<string, unknown>) =>
      connection(
        order.fulfillmentOrders.filter((fo) => fulfillment.fulfillmentOrderIds.includes(fo.id)),
        args,
        (fo) => fulfillmentOrderView(fo, order, context),
      ),
    order: () => orderView(order, context),
  };
}

function lineView(order: Order, lineItemId: string) {
  const line = order.lineItems.find((candidate) => candidate.id === lineItemId);
  return line ? lineItemView(line, order) : null;
}

/**
 * `Order.displayFulfillmentStatus` from quantities: everything fulfilled, some, or nothing yet (then ON_HOLD
 * when every unfinished fulfillment order is held, IN_PROGRESS when one is under way).
 */
export function orderDisplayFulfillmentStatus(order: Order): string {
  const items = order.fulfillmentOrders.flatMap((fo) => fo.lineItems);
  const total = items.reduce((sum, item) => sum + item.totalQuantity, 0);
  const fulfilled = items.reduce((sum, item) => sum + item.totalQuantity - item.remainingQuantity, 0);
  if (total > 0 && fulfilled === total) return "FULFILLED";
  if (fulfilled > 0) return "PARTIALLY_FULFILLED";
  const unfinished = order.fulfillmentOrders.filter((fo) => fo.status !== "CLOSED" && fo.status !== "CANCELLED");
  if (unfinished.length > 0 && unfinished.every((fo) => fo.status === "ON_HOLD")) return "ON_HOLD";
  if (unfinished.some((fo) => fo.status === "IN_PROGRESS")) return "IN_PROGRESS";
  return "UNFULFILLED";
}
