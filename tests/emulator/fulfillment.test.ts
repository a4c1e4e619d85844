import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { BASIC, startOrderTestEmulator, topicsFor, type OrderTestEmulator } from "./order-test-emulator";
import { insertOrder } from "./order-fixture";

let t: OrderTestEmulator;
beforeAll(async () => {
  t = await startOrderTestEmulator();
});
afterAll(() => t.emulator.close());
beforeEach(() => {
  t.webhooks.length = 0;
});

const FO =
  "id status supportedActions { action } fulfillmentHolds { id reason reasonNotes handle displayReason } lineItems(first: 5) { nodes { id totalQuantity remainingQuantity } }";
const HOLD = `mutation($id: ID!, $hold: FulfillmentOrderHoldInput!) { fulfillmentOrderHold(id: $id, fulfillmentHold: $hold) {
  fulfillmentHold { id reason reasonNotes handle displayReason } fulfillmentOrder { ${FO} } remainingFulfillmentOrder { ${FO} } userErrors { field message code }
} }`;
const RELEASE = `mutation($id: ID!, $holdIds: [ID!]) { fulfillmentOrderReleaseHold(id: $id, holdIds: $holdIds) { fulfillmentOrder { ${FO} } userErrors { field message code } } }`;
const FULFILL = `mutation($fulfillment: FulfillmentInput!) { fulfillmentCreate(fulfillment: $fulfillment) {
  fulfillment { id name status displayStatus totalQuantity trackingInfo { number } fulfillmentLineItems(first: 5) { nodes { quantity lineItem { id } } } }
  userErrors { field message }
} }`;
const STATUS = "query($id: ID!) { order(id: $id) { displayFulfillmentStatus fulfillments { id status } fulfillmentOrders(first: 5) { nodes { id status } } } }";

describe("fulfillment holds", () => {
  it("holds goods until payment, refusing fulfillment until the hold is released", async () => {
    const { order } = insertOrder(t.emulator.store, BASIC.domain);
    const fo = order.fulfillmentOrders[0]!;
    const held = (await t.admin(HOLD, { id: fo.id, hold: { reason: "AWAITING_PAYMENT", reasonNotes: "Stage 2 before shipping", handle: "tranche-stage-2" } }))
      .data.fulfillmentOrderHold;
    expect(held.userErrors).toEqual([]);
    expect(held.fulfillmentHold).toMatchObject({
      reason: "AWAITING_PAYMENT",
      reasonNotes: "Stage 2 before shipping",
      handle: "tranche-stage-2",
      displayReason: "Awaiting payment",
    });
    expect(held.fulfillmentOrder).toMatchObject({ status: "ON_HOLD", supportedActions: [{ action: "RELEASE_HOLD" }, { action: "HOLD" }, { action: "MOVE" }] });
    expect(held.remainingFulfillmentOrder).toBeNull();
    expect((await t.admin(STATUS, { id: order.id })).data.order.displayFulfillmentStatus).toBe("ON_HOLD");

    const refused = (await t.admin(FULFILL, { fulfillment: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo.id }] } })).data.fulfillmentCreate;
    expect(refused).toEqual({
      fulfillment: null,
      userErrors: [{ field: ["fulfillment"], message: `Fulfillment order ${fo.id.split("/").pop()} has an unfulfillable status= on_hold.` }],
    });

    const duplicate = (await t.admin(HOLD, { id: fo.id, hold: { reason: "OTHER", handle: "tranche-stage-2" } })).data.fulfillmentOrderHold;
    expect(duplicate.userErrors).toEqual([
      {
        field: ["fulfillmentHold", "handle"],
        message: "The handle provided for the fulfillment hold is already in use by this app for another hold on this fulfillment order.",
        code: "DUPLICATE_FULFILLMENT_HOLD_HANDLE",
      },
    ]);

    const released = (await t.admin(RELEASE, { id: fo.id, holdIds: [held.fulfillmentHold.id] })).data.fulfillmentOrderReleaseHold;
    expect(released.userErrors).toEqual([]);
    expect(released.fulfillmentOrder).toMatchObject({ status: "OPEN", fulfillmentHolds: [] });
    expect((await t.admin(STATUS, { id: order.id })).data.order.displayFulfillmentStatus).toBe("UNFULFILLED");
  });

  it("keeps a fulfillment order on hold while another hold remains", async () => {
    const { order } = insertOrder(t.emulator.store, BASIC.domain);
    const fo = order.fulfillmentOrders[0]!;
    const first = (await t.admin(HOLD, { id: fo.id, hold: { reason: "AWAITING_PAYMENT", handle: "a" } })).data.fulfillmentOrderHold.fulfillmentHold;
    await t.admin(HOLD, { id: fo.id, hold: { reason: "INCORRECT_ADDRESS", handle: "b" } });
    const partial = (await t.admin(RELEASE, { id: fo.id, holdIds: [first.id] })).data.fulfillmentOrderReleaseHold.fulfillmentOrder;
    expect(partial).toMatchObject({ status: "ON_HOLD", fulfillmentHolds: [{ reason: "INCORRECT_ADDRESS", displayReason: "Incorrect address" }] });
    const all = (await t.admin(RELEASE, { id: fo.id })).data.fulfillmentOrderReleaseHold.fulfillmentOrder;
    expect(all.status).toBe("OPEN");
  });

  it("splits a fulfillment order when only some of its items are held", async () => {
    const { order } = insertOrder(t.emulator.store, BASIC.domain);
    const fo = order.fulfillmentOrders[0]!;
    const chairs = fo.lineItems[1]!;
    const held = (await t.admin(HOLD, { id: fo.id, hold: { reason: "AWAITING_PAYMENT", fulfillmentOrderLineItems: [{ id: chairs.id, quantity: 3 }] } })).data
      .fulfillmentOrderHold;
    expect(held.userErrors).toEqual([]);
    expect(held.fulfillmentOrder).toMatchObject({ status: "ON_HOLD", lineItems: { nodes: [{ totalQuantity: 3, remainingQuantity: 3 }] } });
    expect(held.remainingFulfillmentOrder).toMatchObject({ status: "OPEN", lineItems: { nodes: [{ totalQuantity: 1 }, { totalQuantity: 1 }] } });
    const notSplittable = (await t.admin(HOLD, { id: fo.id, hold: { reason: "OTHER", fulfillmentOrderLineItems: [{ id: chairs.id, quantity: 1 }] } })).data
      .fulfillmentOrderHold;
    expect(notSplittable.userErrors).toEqual([
      {
        field: ["fulfillmentHold", "fulfillmentOrderLineItems"],
        message: "The fulfillment order is not in a splittable state.",
        code: "FULFILLMENT_ORDER_NOT_SPLITTABLE",
      },
    ]);
  });
});

describe("fulfillmentCreate", () => {
  it("fulfils part, then the rest, moving the order to FULFILLED", async () => {
    const { order } = insertOrder(t.emulator.store, BASIC.domain);
    const fo = order.fulfillmentOrders[0]!;
    const [table, chairs] = fo.lineItems;
    const first = (
      await t.admin(FULFILL, {
        fulfillment: {
          trackingInfo: { number: "TRACK-1" },
          lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo.id, fulfillmentOrderLineItems: [{ id: chairs!.id, quantity: 2 }] }],
        },
      })
    ).data.fulfillmentCreate;
    expect(first.userErrors).toEqual([]);
    expect(first.fulfillment).toMatchObject({
      name: `${order.name}-F1`,
      status: "SUCCESS",
      displayStatus: "FULFILLED",
      totalQuantity: 2,
      trackingInfo: [{ number: "TRACK-1" }],
      fulfillmentLineItems: { nodes: [{ quantity: 2, lineItem: { id: chairs!.lineItemId } }] },
    });
    let status = (await t.admin(STATUS, { id: order.id })).data.order;
    expect(status).toMatchObject({ displayFulfillmentStatus: "PARTIALLY_FULFILLED", fulfillmentOrders: { nodes: [{ status: "IN_PROGRESS" }] } });
    expect(topicsFor(t.webhooks, order.id)).toEqual(["fulfillments/create", "orders/partially_fulfilled", "orders/updated"]);

    const tooMany = (
      await t.admin(FULFILL, {
        fulfillment: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo.id, fulfillmentOrderLineItems: [{ id: chairs!.id, quantity: 3 }] }] },
      })
    ).data.fulfillmentCreate;
    expect(tooMany).toEqual({
      fulfillment: null,
      userErrors: [{ field: ["fulfillment"], message: "Invalid fulfillment order line item quantity requested." }],
    });

    t.webhooks.length = 0;
    const rest = (await t.admin(FULFILL, { fulfillment: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo.id }] } })).data.fulfillmentCreate;
    expect(rest.fulfillment).toMatchObject({ name: `${order.name}-F2`, totalQuantity: 3 });
    expect(rest.fulfillment.fulfillmentLineItems.nodes.map((node: any) => [node.lineItem.id, node.quantity])).toEqual([
      [table!.lineItemId, 1],
      [chairs!.lineItemId, 2],
    ]);
    status = (await t.admin(STATUS, { id: order.id })).data.order;
    expect(status).toMatchObject({ displayFulfillmentStatus: "FULFILLED", fulfillmentOrders: { nodes: [{ status: "CLOSED" }] } });
    expect(status.fulfillments).toHaveLength(2);
    expect(topicsFor(t.webhooks, order.id)).toEqual(["fulfillments/create", "orders/fulfilled", "orders/updated"]);

    const closed = (await t.admin(FULFILL, { fulfillment: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo.id }] } })).data.fulfillmentCreate;
    expect(closed.userErrors[0].message).toBe(`Fulfillment order ${fo.id.split("/").pop()} has an unfulfillable status= closed.`);
    const cancel = await t.admin(
      "mutation($id: ID!) { orderCancel(orderId: $id, reason: OTHER, restock: true) { orderCancelUserErrors { field message code } } }",
      { id: order.id },
    );
    expect(cancel.data.orderCancel.orderCancelUserErrors).toEqual([
      { field: ["orderId"], message: "Cannot cancel an order that has outstanding fulfillments", code: "INVALID" },
    ]);
  });

  it("refuses a fulfillment order that does not exist", async () => {
    const { data } = await t.admin(FULFILL, { fulfillment: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: "gid://shopify/FulfillmentOrder/1" }] } });
    expect(data.fulfillmentCreate).toEqual({ fulfillment: null, userErrors: [{ field: ["fulfillment"], message: "Fulfillment order does not exist." }] });
  });
});
