import { priceDraftOrder } from "../../commerce/draft-order-pricing";
import { roundMoney } from "../../commerce/money";
import { legacyId } from "../../graphql/views";
import type { DraftOrder, PaymentTerms, ShopState } from "../../state/model";
import { addressPayload } from "./address";
import { customerPayload } from "./customer";
import { draftLineItemPayload } from "./line-item";
import { rateNumber, restEnum, shopTime } from "./rest-values";

/**
 * The payload of `draft_orders/create` and `draft_orders/update`: the draft as it is at the moment of the
 * event, with `status` (`open`, `invoice_sent`, `completed`) and the `order_id` it was completed into. The
 * odd `…?` keys are Shopify's own.
 */
export function draftOrderPayload(shop: ShopState, draft: DraftOrder) {
  const currency = shop.settings.currencyCode;
  const money = (amount: string) => roundMoney(amount, currency);
  const time = (instant: string | undefined) => shopTime(instant, shop.settings.ianaTimezone);
  const price = priceDraftOrder(draft, shop);
  const discount = draft.appliedDiscount;
  return {
    id: legacyId(draft.id),
    note: draft.note ?? null,
    email: draft.email ?? null,
    taxes_included: shop.settings.taxesIncluded,
    currency,
    invoice_sent_at: time(draft.invoiceSentAt),
    created_at: time(draft.createdAt),
    updated_at: time(draft.updatedAt),
    tax_exempt: draft.taxExempt,
    completed_at: time(draft.completedAt),
    name: draft.name,
    "allow_discount_codes_in_checkout?": false,
    "b2b?": draft.purchasingCompanyLocationId !== undefined,
    status: restEnum(draft.status),
    line_items: draft.lineItems.map((line, index) => draftLineItemPayload(shop, line, price.lines[index]!, currency)),
    api_client_id: null,
    shipping_address: addressPayload(draft.shippingAddress),
    billing_address: addressPayload(draft.billingAddress),
    invoice_url: draft.invoiceUrl,
    created_on_api_version_handle: null,
    applied_discount: discount
      ? {
          description: discount.description ?? "",
          value: discount.value,
          title: discount.title ?? "",
          amount: price.orderDiscount,
          value_type: restEnum(discount.valueType),
        }
      : null,
    order_id: draft.orderId ? legacyId(draft.orderId) : null,
    shipping_line: draft.shippingLine ? { custom: true, handle: null, title: draft.shippingLine.title, price: money(draft.shippingLine.price) } : null,
    tax_lines: price.taxLines.map((line) => ({ rate: rateNumber(line.rate), title: line.title, price: money(line.price) })),
    tags: draft.tags.join(", "),
    note_attributes: draft.customAttributes.map((attribute) => ({ name: attribute.key, value: attribute.value })),
    total_price: price.total,
    subtotal_price: price.subtotal,
    total_tax: price.totalTax,
    payment_terms: draft.paymentTerms ? draftPaymentTermsPayload(shop, draft, draft.paymentTerms, price.total) : null,
    admin_graphql_api_id: draft.id,
    customer: customerPayload(shop, draft.customerId),
  };
}

/** Draft orders write their payment schedules with the `reference_*` and `*_currency` keys. */
function draftPaymentTermsPayload(shop: ShopState, draft: DraftOrder, terms: PaymentTerms, total: string) {
  const currency = shop.settings.currencyCode;
  const time = (instant: string | undefined) => shopTime(instant, shop.settings.ianaTimezone);
  const owed = roundMoney(draft.status === "COMPLETED" ? "0" : total, currency);
  return {
    id: legacyId(terms.id),
    payment_terms_name: terms.name,
    payment_terms_type: restEnum(terms.type),
    due_in_days: terms.dueInDays ?? null,
    created_at: time(draft.createdAt),
    updated_at: time(draft.updatedAt),
    can_pay_early: true,
    payment_schedules: terms.schedules.map((schedule) => ({
      id: legacyId(schedule.id),
      payment_terms_id: legacyId(terms.id),
      reference_id: legacyId(draft.id),
      reference_type: "DraftOrder",
      issued_at: time(schedule.issuedAt),
      due_at: time(schedule.dueAt),
      completed_at: time(schedule.completedAt),
      created_at: time(draft.createdAt),
      updated_at: time(draft.updatedAt),
      currency,
      amount: owed,
      total_price: roundMoney(total, currency),
      total_price_currency: currency,
      total_balance: owed,
      total_balance_currency: currency,
      balance_due: owed,
      balance_due_currency: currency,
      outstanding_balance: owed,
      outstanding_balance_currency: currency,
    })),
  };
}
