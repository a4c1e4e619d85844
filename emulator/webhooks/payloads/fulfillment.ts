import { legacyId } from "../../graphql/views";
import type { Fulfillment, Order, ShopState } from "../../state/model";
import { orderLineItemPayload } from "./line-item";
import { shopTime } from "./rest-values";
import { primaryLocationId } from "./shop";

/**
 * A `fulfillments/create` payload, also embedded in orders. The fulfillment's name is the order's name and
 * its position (`#1001.1`), as Shopify numbers them.
 */
export function fulfillmentPayload(shop: ShopState, order: Order, fulfillment: Fulfillment) {
  const time = shopTime(fulfillment.createdAt, shop.settings.ianaTimezone);
  return {
    id: legacyId(fulfillment.id),
    admin_graphql_api_id: fulfillment.id,
    created_at: time,
    location_id: primaryLocationId(shop.settings.domain),
    name: `${order.name}.${order.fulfillments.indexOf(fulfillment) + 1}`,
    order_id: legacyId(order.id),
    origin_address: {},
    receipt: {},
    service: "manual",
    shipment_status: null,
    status: fulfillment.status.toLowerCase(),
    tracking_company: null,
    tracking_number: fulfillment.trackingNumber ?? null,
    tracking_numbers: fulfillment.trackingNumber ? [fulfillment.trackingNumber] : [],
    tracking_url: null,
    tracking_urls: [],
    updated_at: time,
    line_items: fulfillment.lineItems.flatMap((fulfilled) => {
      const line = order.lineItems.find((candidate) => candidate.id === fulfilled.lineItemId);
      return line ? [{ ...orderLineItemPayload(shop, order, line), quantity: fulfilled.quantity }] : [];
    }),
  };
}
