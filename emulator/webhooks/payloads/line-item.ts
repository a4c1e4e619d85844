import { Dec } from "../../../app/domain/money/decimal";
import { legacyId, roundMoney } from "../../graphql/views";
import type { AppliedDiscount, LineItem, Order, ShopState, TaxLine } from "../../state/model";
import { fulfilledQuantity } from "./fulfillment-status";
import { priceSet, rateNumber, restEnum, restMoney } from "./rest-values";

/**
 * Line items as order, refund and draft order payloads write them. Orders keep their tax per order in the
 * emulator, so an order line's `tax_lines` is empty and the order's `tax_lines` carry the tax; draft lines
 * carry the tax their pricing gives them.
 */

/**
 * A line's own discount: a percentage of the line, or a fixed amount off each unit (capped at the line's
 * price), the rule commerce/draft-order-pricing.ts prices drafts with.
 */
export function lineDiscount(line: LineItem, currencyCode: string): string {
  const gross = new Dec(line.originalUnitPrice).times(line.quantity);
  return roundMoney(Dec.min(gross, discountAmount(line.appliedDiscount, gross, line.quantity)), currencyCode);
}

function discountAmount(discount: AppliedDiscount | undefined, gross: Dec, quantity: number): Dec {
  if (!discount) return new Dec(0);
  if (discount.valueType === "PERCENTAGE") return gross.times(discount.value).dividedBy(100);
  return new Dec(discount.value).times(quantity);
}

const lineName = (shop: ShopState, line: LineItem) => {
  const variant = shop.products.flatMap((product) => product.variants).find((candidate) => candidate.id === line.variantId);
  return variant && variant.title !== "Default Title" ? { name: `${line.title} - ${variant.title}`, variantTitle: variant.title } : { name: line.title, variantTitle: null };
};

/** Products are not given a vendor in the emulator; Shopify's default vendor is the shop's name. */
const vendorOf = (shop: ShopState, line: LineItem) => (line.productId ? shop.settings.name : null);

const properties = (line: LineItem) => line.customAttributes.map((attribute) => ({ name: attribute.key, value: attribute.value }));

export function orderLineItemPayload(shop: ShopState, order: Order, line: LineItem) {
  const currency = order.currencyCode;
  const discount = lineDiscount(line, currency);
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
    price: restMoney(line.originalUnitPrice, currency),
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
    tax_lines: [],
    duties: [],
    discount_allocations: [],
  };
}

export function draftLineItemPayload(shop: ShopState, line: LineItem, currencyCode: string, taxLines: readonly TaxLine[]) {
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
    tax_lines: taxLines.map((tax) => ({ rate: rateNumber(tax.rate), title: tax.title, price: restMoney(tax.price, currencyCode) })),
    applied_discount: discount
      ? {
          description: discount.description ?? "",
          value: discount.value,
          title: discount.title ?? "",
          amount: lineDiscount(line, currencyCode),
          value_type: restEnum(discount.valueType),
        }
      : null,
    name,
    properties: properties(line),
    custom: line.variantId === undefined,
    price: restMoney(line.originalUnitPrice, currencyCode),
    admin_graphql_api_id: line.id,
  };
}
