import type { LinePrice } from "../../commerce/draft-order-pricing";
import { Dec, roundMoney } from "../../commerce/money";
import { legacyId } from "../../graphql/views";
import type { LineItem, Order, OrderLineItem, ShopState, TaxLine } from "../../state/model";
import { fulfilledQuantity } from "./fulfillment-status";
import { priceSet, rateNumber, restEnum } from "./rest-values";

/**
 * Line items as order, refund and draft order payloads write them. Order lines carry the discounted total and
 * tax lines stored when the order was created; draft lines carry what their pricing gives them now.
 */

/** A tax line as REST writes it on order lines, shipping lines and orders. */
export function taxLinePayload(taxLine: TaxLine, currencyCode: string) {
  return {
    price: roundMoney(taxLine.price, currencyCode),
    rate: rateNumber(taxLine.rate),
    title: taxLine.title,
    price_set: priceSet(taxLine.price, currencyCode),
    channel_liable: false,
  };
}

const lineName = (shop: ShopState, line: LineItem) => {
  const variant = shop.products.flatMap((product) => product.variants).find((candidate) => candidate.id === line.variantId);
  return variant && variant.title !== "Default Title"
    ? { name: `${line.title} - ${variant.title}`, variantTitle: variant.title }
    : { name: line.title, variantTitle: null };
};

/** Products are not given a vendor in the emulator; Shopify's default vendor is the shop's name. */
const vendorOf = (shop: ShopState, line: LineItem) => (line.productId ? shop.settings.name : null);

const properties = (line: LineItem) => line.customAttributes.map((attribute) => ({ name: attribute.key, value: attribute.value }));

export function orderLineItemPayload(shop: ShopState, order: Order, line: OrderLineItem) {
  const currency = order.currencyCode;
  const discount = roundMoney(new Dec(line.originalUnitPrice).times(line.quantity).minus(line.discountedTotal), currency);
  const fulfilled = fulfilledQuantity(order, line.id);
  const { name, variantTitle } = lineName(shop, line);
  return {
    id: legacyId(line.id),
    admin_graphql_api_id: line.id,
    attributed_staffs: [],
    current_quantity: line.quantity,
    fulfillable_quantity: Math.max(0, line.quantity - fulfilled),
    fulfillment_service: "manual",
    fulfillment_status: fulfilled === 0 ? null : fulfilled >= line.quantity ? "fulfilled" : "partial",
    gift_card: false,
    grams: 0,
    name,
    price: roundMoney(line.originalUnitPrice, currency),
    price_set: priceSet(line.originalUnitPrice, currency),
    product_exists: line.productId !== undefined,
    product_id: line.productId ? legacyId(line.productId) : null,
    properties: properties(line),
    quantity: line.quantity,
    requires_shipping: line.requiresShipping,
    sku: line.sku ?? "",
    taxable: line.taxable,
    title: line.title,
    total_discount: discount,
    total_discount_set: priceSet(discount, currency),
    variant_id: line.variantId ? legacyId(line.variantId) : null,
    variant_inventory_management: null,
    variant_title: variantTitle,
    vendor: vendorOf(shop, line),
    tax_lines: line.taxLines.map((taxLine) => taxLinePayload(taxLine, currency)),
    duties: [],
    discount_allocations: [],
  };
}

export function draftLineItemPayload(shop: ShopState, line: LineItem, price: LinePrice, currencyCode: string) {
  const { name, variantTitle } = lineName(shop, line);
  const discount = line.appliedDiscount;
  return {
    id: legacyId(line.id),
    variant_id: line.variantId ? legacyId(line.variantId) : null,
    product_id: line.productId ? legacyId(line.productId) : null,
    title: line.title,
    variant_title: variantTitle,
    sku: line.sku ?? "",
    vendor: vendorOf(shop, line),
    quantity: line.quantity,
    requires_shipping: line.requiresShipping,
    taxable: line.taxable,
    gift_card: false,
    fulfillment_service: "manual",
    grams: 0,
    tax_lines: price.taxLines.map((tax) => ({ rate: rateNumber(tax.rate), title: tax.title, price: roundMoney(tax.price, currencyCode) })),
    applied_discount: discount
      ? {
          description: discount.description ?? "",
          value: discount.value,
          title: discount.title ?? "",
          amount: price.discount,
          value_type: restEnum(discount.valueType),
        }
      : null,
    name,
    properties: properties(line),
    custom: line.variantId === undefined,
    price: roundMoney(line.originalUnitPrice, currencyCode),
    admin_graphql_api_id: line.id,
  };
}
