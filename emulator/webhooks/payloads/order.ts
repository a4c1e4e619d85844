import { createHash } from "node:crypto";
import { currentTotalPrice, displayFinancialStatus, totalOutstanding } from "../../commerce/order-balance";
import { findDraftOrder, orderNumber } from "../../commerce/shop-lookup";
import { Dec, roundMoney, sumMoney } from "../../commerce/money";
import { legacyId } from "../../graphql/views";
import type { Order, ShopState } from "../../state/model";
import { addressPayload } from "./address";
import { customerPayload } from "./customer";
import { fulfillmentPayload } from "./fulfillment";
import { orderLineItemPayload, taxLinePayload } from "./line-item";
import { orderFulfillmentStatus } from "./fulfillment-status";
import { paymentTermsPayload } from "./payment-terms";
import { orderTermsOwner } from "./payment-terms-owner";
import { priceSet, restEnum, shopTime } from "./rest-values";
import { refundPayload } from "./refund";

/** The order's checkout token: stable per order, as Shopify's is. */
const orderToken = (order: Order) => createHash("sha256").update(order.id).digest("hex").slice(0, 32);

/**
 * The payload of `orders/create`, `orders/updated`, `orders/paid`, `orders/cancelled` and `orders/fulfilled`:
 * the order as it is at the moment of the event. The draft's custom attributes are the order's
 * `note_attributes`; the PO number comes from the draft the order was completed from.
 */
export function orderPayload(shop: ShopState, order: Order) {
  const currency = order.currencyCode;
  const money = (amount: string) => roundMoney(amount, currency);
  const time = (instant: string | undefined) => shopTime(instant, shop.settings.ianaTimezone);
  const currentTotal = currentTotalPrice(order);
  const outstanding = totalOutstanding(order);
  const lineItemsTotal = sumMoney(
    order.lineItems.map((line) => new Dec(line.originalUnitPrice).times(line.quantity).toFixed()),
    currency,
  );
  const draft = order.draftOrderId ? findDraftOrder(shop, order.draftOrderId) : undefined;
  const company = order.purchasingCompanyLocationId
    ? shop.companies.find((candidate) => candidate.locations.some((location) => location.id === order.purchasingCompanyLocationId))
    : undefined;
  const terms = orderTermsOwner(shop, order);
  const token = orderToken(order);
  const number = orderNumber(order);
  return {
    id: legacyId(order.id),
    admin_graphql_api_id: order.id,
    app_id: null,
    browser_ip: null,
    buyer_accepts_marketing: false,
    cancel_reason: order.cancelReason ? restEnum(order.cancelReason) : null,
    cancelled_at: time(order.cancelledAt),
    cart_token: null,
    checkout_token: null,
    client_details: null,
    closed_at: time(order.closedAt),
    ...(company ? { company: { id: legacyId(company.id), location_id: legacyId(order.purchasingCompanyLocationId as string) } } : {}),
    confirmation_number: order.confirmationNumber ?? null,
    confirmed: true,
    contact_email: order.email ?? null,
    created_at: time(order.createdAt),
    currency,
    current_shipping_price_set: priceSet(order.totalShippingPrice, currency),
    current_subtotal_price: money(order.subtotalPrice),
    current_subtotal_price_set: priceSet(order.subtotalPrice, currency),
    current_total_additional_fees_set: null,
    current_total_discounts: money(order.totalDiscounts),
    current_total_discounts_set: priceSet(order.totalDiscounts, currency),
    current_total_duties_set: null,
    current_total_price: currentTotal,
    current_total_price_set: priceSet(currentTotal, currency),
    current_total_tax: money(order.totalTax),
    current_total_tax_set: priceSet(order.totalTax, currency),
    customer_locale: "en",
    device_id: null,
    discount_codes: [],
    duties_included: false,
    email: order.email ?? "",
    estimated_taxes: false,
    // REST reports an order nobody has paid yet as pending where GraphQL answers null.
    financial_status: restEnum(displayFinancialStatus(order) ?? "PENDING"),
    fulfillment_status: orderFulfillmentStatus(order),
    landing_site: null,
    landing_site_ref: null,
    location_id: null,
    merchant_business_entity_id: Buffer.from(shop.settings.domain).toString("base64url"),
    merchant_of_record_app_id: null,
    name: order.name,
    note: order.note ?? null,
    note_attributes: order.customAttributes.map((attribute) => ({ name: attribute.key, value: attribute.value })),
    number: number - 1000,
    order_number: number,
    order_status_url: `https://${shop.settings.domain}/orders/${token}/authenticate?key=${token}`,
    original_total_additional_fees_set: null,
    original_total_duties_set: null,
    payment_gateway_names: order.paymentGatewayNames,
    phone: null,
    po_number: draft?.poNumber ?? null,
    presentment_currency: currency,
    processed_at: time(order.processedAt),
    reference: null,
    referring_site: null,
    source_identifier: null,
    source_name: order.sourceName,
    source_url: null,
    subtotal_price: money(order.subtotalPrice),
    subtotal_price_set: priceSet(order.subtotalPrice, currency),
    tags: order.tags.join(", "),
    tax_exempt: draft?.taxExempt ?? false,
    tax_lines: order.taxLines.map((line) => taxLinePayload(line, currency)),
    taxes_included: order.taxesIncluded,
    test: false,
    token,
    total_cash_rounding_payment_adjustment_set: priceSet("0", currency),
    total_cash_rounding_refund_adjustment_set: priceSet("0", currency),
    total_discounts: money(order.totalDiscounts),
    total_discounts_set: priceSet(order.totalDiscounts, currency),
    total_line_items_price: lineItemsTotal,
    total_line_items_price_set: priceSet(lineItemsTotal, currency),
    total_outstanding: outstanding,
    total_price: money(order.totalPrice),
    total_price_set: priceSet(order.totalPrice, currency),
    total_shipping_price_set: priceSet(order.totalShippingPrice, currency),
    total_tax: money(order.totalTax),
    total_tax_set: priceSet(order.totalTax, currency),
    total_tip_received: roundMoney("0", currency),
    total_weight: 0,
    updated_at: time(order.updatedAt),
    user_id: null,
    billing_address: addressPayload(order.billingAddress),
    customer: customerPayload(shop, order.customerId),
    discount_applications: [],
    fulfillments: order.fulfillments.map((fulfillment) => fulfillmentPayload(shop, order, fulfillment)),
    line_items: order.lineItems.map((line) => orderLineItemPayload(shop, order, line)),
    payment_terms: terms.terms ? paymentTermsPayload(terms.terms, terms.amounts) : null,
    refunds: order.refunds.map((refund) => refundPayload(shop, order, refund)),
    shipping_address: addressPayload(order.shippingAddress),
    shipping_lines: order.shippingLine
      ? [
          {
            // Shipping lines have no id in the emulator's model: the order's own id stands in for it.
            id: legacyId(order.id),
            carrier_identifier: null,
            code: order.shippingLine.title,
            current_discounted_price_set: priceSet(order.shippingLine.price, currency),
            discounted_price: money(order.shippingLine.price),
            discounted_price_set: priceSet(order.shippingLine.price, currency),
            is_removed: false,
            phone: null,
            price: money(order.shippingLine.price),
            price_set: priceSet(order.shippingLine.price, currency),
            requested_fulfillment_service_id: null,
            source: "shopify",
            title: order.shippingLine.title,
            tax_lines: order.shippingLine.taxLines.map((line) => taxLinePayload(line, currency)),
            discount_allocations: [],
          },
        ]
      : [],
    returns: [],
    line_item_groups: [],
  };
}
