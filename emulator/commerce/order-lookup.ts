import type { FulfillmentOrder, Order, PaymentSchedule, ShopState } from "../state/model";

/** Finding an order, and the order that owns a payment schedule, terms or fulfillment order, in one shop. */

export function findOrder(shop: ShopState, id: string): Order | undefined {
  return shop.orders.find((order) => order.id === id);
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
