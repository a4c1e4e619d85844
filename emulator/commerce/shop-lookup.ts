import { legacyId } from "../graphql/views";
import type { Customer, DraftOrder, FulfillmentOrder, Order, PaymentSchedule, ShopState } from "../state/model";

/**
 * Finding a shop's records by id (an order, a draft order, a customer, and the order that owns a payment
 * schedule or fulfillment order), and reading an order's number, in one place.
 */

export function findOrder(shop: ShopState, id: string): Order | undefined {
  return shop.orders.find((order) => order.id === id);
}

export function findDraftOrder(shop: ShopState, id: string): DraftOrder | undefined {
  return shop.draftOrders.find((draft) => draft.id === id);
}

export function findCustomer(shop: ShopState, id: string | undefined): Customer | undefined {
  return id === undefined ? undefined : shop.customers.find((customer) => customer.id === id);
}

export function findScheduleOwner(shop: ShopState, scheduleId: string): { order: Order; schedule: PaymentSchedule } | undefined {
  for (const order of shop.orders) {
    const schedule = order.paymentTerms?.schedules.find((candidate) => candidate.id === scheduleId);
    if (schedule) return { order, schedule };
  }
  return undefined;
}

export function findFulfillmentOrder(shop: ShopState, id: string): { order: Order; fulfillmentOrder: FulfillmentOrder } | undefined {
  for (const order of shop.orders) {
    const fulfillmentOrder = order.fulfillmentOrders.find((candidate) => candidate.id === id);
    if (fulfillmentOrder) return { order, fulfillmentOrder };
  }
  return undefined;
}

/** `#1001` → 1001 (Shopify's `order_number`); an order whose name has no digits falls back to its id. */
export function orderNumber(order: Order): number {
  const digits = /\d+/.exec(order.name)?.[0];
  return digits ? Number(digits) : legacyId(order.id);
}
