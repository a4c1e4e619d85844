import { findFulfillmentOrder } from "../../commerce/shop-lookup";
import type { EmulatorStore } from "../../state/emulator-store";
import type { Fulfillment, FulfillmentOrder, Order } from "../../state/model";
import type { AdminContext, ResolverModule } from "../resolver-types";
import { legacyId } from "../views";
import { fulfillmentOrderView, fulfillmentView, holdView } from "./fulfillment-view";

/**
 * Holding and releasing fulfillment orders (the app holds goods until a pre-shipping stage is paid) and
 * fulfilling them. Messages and codes are Shopify's as captured from the live Admin API where known.
 */

interface LineQuantity {
  readonly id: string;
  readonly quantity: number;
}

function holdFulfillmentOrder(args: Record<string, any>, context: AdminContext) {
  const { store } = context;
  const fail = (field: string[] | null, message: string, code?: string) => ({
    fulfillmentHold: null,
    fulfillmentOrder: null,
    remainingFulfillmentOrder: null,
    userErrors: [{ field, message, ...(code ? { code } : {}) }],
  });
  const found = findFulfillmentOrder(context.shop, args.id);
  if (!found) return fail(["id"], "Fulfillment order does not exist.", "FULFILLMENT_ORDER_NOT_FOUND");
  const { order, fulfillmentOrder } = found;
  const input = args.fulfillmentHold as {
    reason: string;
    reasonNotes?: string | null;
    handle?: string | null;
    fulfillmentOrderLineItems?: LineQuantity[] | null;
  };
  if (!["OPEN", "IN_PROGRESS", "ON_HOLD", "SCHEDULED"].includes(fulfillmentOrder.status)) {
    return fail(["id"], `Fulfillment order ${legacyId(fulfillmentOrder.id)} has an unholdable status= ${fulfillmentOrder.status.toLowerCase()}.`);
  }
  if (input.handle && fulfillmentOrder.holds.some((hold) => hold.handle === input.handle)) {
    return fail(
      ["fulfillmentHold", "handle"],
      "The handle provided for the fulfillment hold is already in use by this app for another hold on this fulfillment order.",
      "DUPLICATE_FULFILLMENT_HOLD_HANDLE",
    );
  }
  let remaining: FulfillmentOrder | null = null;
  if (input.fulfillmentOrderLineItems?.length) {
    const split = splitOff(store, fulfillmentOrder, input.fulfillmentOrderLineItems);
    if ("error" in split) return fail(["fulfillmentHold", "fulfillmentOrderLineItems"], split.error, split.code);
    remaining = split.remaining;
    if (remaining) order.fulfillmentOrders.splice(order.fulfillmentOrders.indexOf(fulfillmentOrder) + 1, 0, remaining);
  }
  const hold = {
    id: store.newId("FulfillmentHold"),
    reason: input.reason,
    ...(input.reasonNotes ? { reasonNotes: input.reasonNotes } : {}),
    ...(input.handle ? { handle: input.handle } : {}),
  };
  fulfillmentOrder.holds.push(hold);
  fulfillmentOrder.status = "ON_HOLD";
  touch(store, order, fulfillmentOrder);
  return {
    fulfillmentHold: holdView(hold),
    fulfillmentOrder: fulfillmentOrderView(fulfillmentOrder, order, context),
    remainingFulfillmentOrder: remaining ? fulfillmentOrderView(remaining, order, context) : null,
    userErrors: [],
  };
}

/**
 * Holding part of a fulfillment order splits it: the held one keeps the requested quantities, a new OPEN one
 * takes the rest. A held fulfillment order cannot be split again.
 */
function splitOff(
  store: EmulatorStore,
  fulfillmentOrder: FulfillmentOrder,
  requested: readonly LineQuantity[],
): { remaining: FulfillmentOrder | null } | { error: string; code: string } {
  for (const item of requested) {
    const line = fulfillmentOrder.lineItems.find((candidate) => candidate.id === item.id);
    if (!line || item.quantity <= 0 || item.quantity > line.remainingQuantity) {
      return { error: "The line item quantity is invalid.", code: "INVALID_LINE_ITEM_QUANTITY" };
    }
  }
  const heldQuantity = (lineId: string) => requested.find((item) => item.id === lineId)?.quantity ?? 0;
  const whole = fulfillmentOrder.lineItems.every((line) => heldQuantity(line.id) === line.remainingQuantity);
  if (whole) return { remaining: null };
  if (fulfillmentOrder.status === "ON_HOLD") return { error: "The fulfillment order is not in a splittable state.", code: "FULFILLMENT_ORDER_NOT_SPLITTABLE" };
  const now = store.clock.nowIso();
  const remaining: FulfillmentOrder = {
    id: store.newId("FulfillmentOrder"),
    status: "OPEN",
    holds: [],
    lineItems: fulfillmentOrder.lineItems
      .filter((line) => line.remainingQuantity > heldQuantity(line.id))
      .map((line) => {
        const quantity = line.remainingQuantity - heldQuantity(line.id);
        return { id: store.newId("FulfillmentOrderLineItem"), lineItemId: line.lineItemId, totalQuantity: quantity, remainingQuantity: quantity };
      }),
    createdAt: now,
    updatedAt: now,
  };
  fulfillmentOrder.lineItems = fulfillmentOrder.lineItems
    .filter((line) => heldQuantity(line.id) > 0)
    .map((line) => ({ ...line, totalQuantity: heldQuantity(line.id), remainingQuantity: heldQuantity(line.id) }));
  return { remaining };
}

function releaseHold(args: Record<string, any>, context: AdminContext) {
  const found = findFulfillmentOrder(context.shop, args.id);
  if (!found)
    return { fulfillmentOrder: null, userErrors: [{ field: ["id"], message: "Fulfillment order does not exist.", code: "FULFILLMENT_ORDER_NOT_FOUND" }] };
  const { order, fulfillmentOrder } = found;
  const holdIds = args.holdIds as string[] | null | undefined;
  fulfillmentOrder.holds = holdIds ? fulfillmentOrder.holds.filter((hold) => !holdIds.includes(hold.id)) : [];
  if (fulfillmentOrder.status === "ON_HOLD" && fulfillmentOrder.holds.length === 0) {
    const started = fulfillmentOrder.lineItems.some((line) => line.remainingQuantity < line.totalQuantity);
    fulfillmentOrder.status = started ? "IN_PROGRESS" : "OPEN";
  }
  touch(context.store, order, fulfillmentOrder);
  return { fulfillmentOrder: fulfillmentOrderView(fulfillmentOrder, order, context), userErrors: [] };
}

interface ByFulfillmentOrder {
  readonly fulfillmentOrderId: string;
  readonly fulfillmentOrderLineItems?: readonly LineQuantity[] | null;
}

function createFulfillment(args: Record<string, any>, context: AdminContext) {
  const { store, shop } = context;
  const fail = (message: string) => ({ fulfillment: null, userErrors: [{ field: ["fulfillment"], message }] });
  const groups = args.fulfillment.lineItemsByFulfillmentOrder as ByFulfillmentOrder[];
  let order: Order | undefined;
  const plan: { fulfillmentOrder: FulfillmentOrder; quantities: Map<string, number> }[] = [];
  for (const group of groups) {
    const found = findFulfillmentOrder(shop, group.fulfillmentOrderId);
    if (!found) return fail("Fulfillment order does not exist.");
    if (order && found.order !== order) return fail("All fulfillment orders must belong to the same order.");
    order = found.order;
    const { fulfillmentOrder } = found;
    if (fulfillmentOrder.status !== "OPEN" && fulfillmentOrder.status !== "IN_PROGRESS") {
      return fail(`Fulfillment order ${legacyId(fulfillmentOrder.id)} has an unfulfillable status= ${fulfillmentOrder.status.toLowerCase()}.`);
    }
    const quantities = new Map<string, number>();
    for (const item of group.fulfillmentOrderLineItems ?? fulfillmentOrder.lineItems.map((line) => ({ id: line.id, quantity: line.remainingQuantity }))) {
      const line = fulfillmentOrder.lineItems.find((candidate) => candidate.id === item.id);
      if (!line) return fail("Fulfillment order line item does not exist.");
      if (item.quantity <= 0 || item.quantity > line.remainingQuantity) return fail("Invalid fulfillment order line item quantity requested.");
      quantities.set(line.id, item.quantity);
    }
    plan.push({ fulfillmentOrder, quantities });
  }
  if (!order || plan.every((step) => step.quantities.size === 0)) return fail("Invalid fulfillment order line item quantity requested.");

  const now = store.clock.nowIso();
  const fulfilledLines: { lineItemId: string; quantity: number }[] = [];
  for (const { fulfillmentOrder, quantities } of plan) {
    for (const line of fulfillmentOrder.lineItems) {
      const quantity = quantities.get(line.id) ?? 0;
      if (quantity === 0) continue;
      line.remainingQuantity -= quantity;
      fulfilledLines.push({ lineItemId: line.lineItemId, quantity });
    }
    fulfillmentOrder.status = fulfillmentOrder.lineItems.every((line) => line.remainingQuantity === 0) ? "CLOSED" : "IN_PROGRESS";
    fulfillmentOrder.updatedAt = now;
  }
  const tracking = args.fulfillment.trackingInfo as { number?: string | null } | null | undefined;
  const fulfillment: Fulfillment = {
    id: store.newId("Fulfillment"),
    status: "SUCCESS",
    createdAt: now,
    fulfillmentOrderIds: plan.map((step) => step.fulfillmentOrder.id),
    lineItems: fulfilledLines,
    ...(tracking?.number ? { trackingNumber: tracking.number } : {}),
  };
  order.fulfillments.push(fulfillment);
  order.updatedAt = now;
  const domain = shop.settings.domain;
  store.emitWebhook(domain, "fulfillments/create", { type: "fulfillment", orderId: order.id, fulfillmentId: fulfillment.id });
  const everything = order.fulfillmentOrders.flatMap((fo) => fo.lineItems).every((line) => line.remainingQuantity === 0);
  store.emitWebhook(domain, everything ? "orders/fulfilled" : "orders/partially_fulfilled", { type: "order", orderId: order.id });
  store.emitWebhook(domain, "orders/updated", { type: "order", orderId: order.id });
  return { fulfillment: fulfillmentView(fulfillment, order, context), userErrors: [] };
}

function touch(store: EmulatorStore, order: Order, fulfillmentOrder: FulfillmentOrder): void {
  const now = store.clock.nowIso();
  fulfillmentOrder.updatedAt = now;
  order.updatedAt = now;
}

export const fulfillmentResolvers: ResolverModule = {
  mutation: {
    fulfillmentOrderHold: holdFulfillmentOrder,
    fulfillmentOrderReleaseHold: releaseHold,
    fulfillmentCreate: createFulfillment,
  },
};
