import type { Order } from "../../state/model";

/** Units of a line already fulfilled. */
export function fulfilledQuantity(order: Order, lineItemId: string): number {
  return order.fulfillments
    .filter((fulfillment) => fulfillment.status === "SUCCESS")
    .flatMap((fulfillment) => fulfillment.lineItems)
    .filter((line) => line.lineItemId === lineItemId)
    .reduce((sum, line) => sum + line.quantity, 0);
}

/** REST's `fulfillment_status` of an order: null before anything shipped, then `partial` or `fulfilled`. */
export function orderFulfillmentStatus(order: Order): "fulfilled" | "partial" | null {
  const fulfilled = order.lineItems.map((line) => fulfilledQuantity(order, line.id));
  if (fulfilled.every((quantity) => quantity === 0)) return null;
  return order.lineItems.every((line, index) => (fulfilled[index] ?? 0) >= line.quantity) ? "fulfilled" : "partial";
}
