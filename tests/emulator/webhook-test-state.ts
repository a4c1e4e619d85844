import type { EmulatorStore } from "../../emulator/state/emulator-store";
import type { Address, DraftOrder, Order, ShopState } from "../../emulator/state/model";
import type { ShopFixture } from "../../emulator/state/seed";

/** Far enough ahead that the emulator's due work never finds this schedule due while the tests run. */
const FAR_FUTURE_DUE_AT = "2099-12-01T17:00:00.000Z";

/**
 * A shop with a quote that became an order, built by writing records into the store directly (as the draft
 * order and payment resolvers would), so the webhook tests depend only on the state model.
 */
export const WEBHOOK_SHOP: ShopFixture = {
  domain: "hooks.myshopify.com",
  name: "Hooks Industrial",
  accessToken: "shpat_hooks",
  plan: "plus",
  currencyCode: "USD",
  ianaTimezone: "America/New_York",
  taxRates: [{ countryCode: "US", provinceCode: "NY", title: "NY State Tax", rate: "0.04" }],
  products: [{ title: "Hydraulic press", variants: [{ title: "20 t", sku: "HP-20", price: "12500.00" }] }],
  customers: [{ email: "buyer@acme.example", firstName: "Ada", lastName: "Byrne", defaultAddress: address() }],
  companies: [{ name: "Acme Fabrication", contactEmails: ["buyer@acme.example"], locations: [{ name: "Albany plant", billingAddress: address() }] }],
};

function address(): Address {
  return {
    firstName: "Ada",
    lastName: "Byrne",
    company: "Acme Fabrication",
    address1: "1 Mill Road",
    city: "Albany",
    province: "New York",
    provinceCode: "NY",
    country: "United States",
    countryCode: "US",
    zip: "12207",
  };
}

export interface WebhookTestRecords {
  readonly shop: ShopState;
  readonly draft: DraftOrder;
  readonly order: Order;
}

export function insertQuoteAndOrder(store: EmulatorStore, domain = WEBHOOK_SHOP.domain): WebhookTestRecords {
  const shop = store.shop(domain);
  const now = store.clock.nowIso();
  const product = shop.products[0]!;
  const variant = product.variants[0]!;
  const customer = shop.customers[0]!;
  const location = shop.companies[0]!.locations[0]!;
  const attributes = [
    { key: "tranche_contract", value: "C-1001" },
    { key: "tranche_stage", value: "1/3" },
  ];
  const line = {
    id: store.newId("DraftOrderLineItem"),
    variantId: variant.id,
    productId: product.id,
    title: product.title,
    sku: variant.sku,
    quantity: 2,
    originalUnitPrice: variant.price,
    taxable: true,
    requiresShipping: true,
    customAttributes: [],
  };
  const termsId = store.newId("PaymentTerms");
  const draft: DraftOrder = {
    id: store.newId("DraftOrder"),
    name: "#D1",
    status: "COMPLETED",
    customerId: customer.id,
    purchasingCompanyLocationId: location.id,
    email: customer.email,
    lineItems: [line],
    shippingLine: { title: "Freight", price: "450.00" },
    shippingAddress: address(),
    billingAddress: address(),
    customAttributes: attributes,
    note: "Quote for two presses",
    poNumber: "PO-7781",
    tags: ["tranche"],
    taxExempt: false,
    paymentTerms: {
      id: termsId,
      templateId: "gid://shopify/PaymentTermsTemplate/7",
      type: "FIXED",
      name: "Fixed",
      schedules: [{ id: store.newId("PaymentSchedule"), dueAt: FAR_FUTURE_DUE_AT }],
    },
    invoiceUrl: "https://hooks.myshopify.com/123/invoices/abc",
    invoiceSentAt: now,
    createdAt: now,
    updatedAt: now,
    completedAt: now,
  };
  const orderId = store.newId("Order");
  const sale = store.newId("OrderTransaction");
  const refundTransaction = store.newId("OrderTransaction");
  const order: Order = {
    id: orderId,
    name: "#1001",
    draftOrderId: draft.id,
    customerId: customer.id,
    purchasingCompanyLocationId: location.id,
    email: customer.email,
    currencyCode: "USD",
    taxesIncluded: false,
    // 4% of 2 × 12,500.00 on the line and of 450.00 on shipping: the order's 1,018.00.
    lineItems: [{ ...line, id: store.newId("LineItem"), discountedTotal: "25000.00", taxLines: [{ title: "NY State Tax", rate: "0.04", price: "1000.00" }] }],
    shippingLine: { title: "Freight", price: "450.00", taxLines: [{ title: "NY State Tax", rate: "0.04", price: "18.00" }] },
    shippingAddress: address(),
    billingAddress: address(),
    subtotalPrice: "25000.00",
    totalDiscounts: "0.00",
    totalShippingPrice: "450.00",
    taxLines: [{ title: "NY State Tax", rate: "0.04", price: "1018.00" }],
    totalTax: "1018.00",
    totalPrice: "26468.00",
    customAttributes: attributes,
    note: draft.note,
    tags: ["tranche"],
    sourceName: "shopify_draft_order",
    createdAt: now,
    processedAt: now,
    updatedAt: now,
    paymentTerms: {
      id: store.newId("PaymentTerms"),
      templateId: "gid://shopify/PaymentTermsTemplate/7",
      type: "FIXED",
      name: "Fixed",
      schedules: [{ id: store.newId("PaymentSchedule"), issuedAt: now, dueAt: FAR_FUTURE_DUE_AT }],
    },
    transactions: [
      {
        id: sale,
        kind: "SALE",
        status: "SUCCESS",
        amount: "7940.40",
        gateway: "shopify_payments",
        paymentMethodName: "card",
        createdAt: now,
        processedAt: now,
        manual: false,
        cardLast4: "4242",
      },
      {
        id: store.newId("OrderTransaction"),
        kind: "SALE",
        status: "SUCCESS",
        amount: "1000.00",
        gateway: "Bank transfer",
        createdAt: now,
        processedAt: now,
        manual: true,
      },
      {
        id: store.newId("OrderTransaction"),
        kind: "SALE",
        status: "FAILURE",
        amount: "500.00",
        gateway: "shopify_payments",
        createdAt: now,
        processedAt: now,
        manual: false,
        errorCode: "CARD_DECLINED",
        cardLast4: "0002",
        paymentReferenceId: "ref-42",
      },
      {
        id: refundTransaction,
        kind: "REFUND",
        status: "SUCCESS",
        amount: "100.00",
        gateway: "shopify_payments",
        createdAt: now,
        processedAt: now,
        manual: false,
        parentTransactionId: sale,
        cardLast4: "4242",
      },
    ],
    refunds: [],
    fulfillmentOrders: [],
    fulfillments: [],
    paymentGatewayNames: ["shopify_payments", "Bank transfer"],
  };
  order.refunds.push({
    id: store.newId("Refund"),
    createdAt: now,
    note: "Damaged guard rail",
    amount: "100.00",
    transactionIds: [refundTransaction],
    lineItems: [{ lineItemId: order.lineItems[0]!.id, quantity: 1 }],
  });
  order.fulfillments.push({
    id: store.newId("Fulfillment"),
    status: "SUCCESS",
    createdAt: now,
    fulfillmentOrderIds: [],
    lineItems: [{ lineItemId: order.lineItems[0]!.id, quantity: 2 }],
    trackingNumber: "1Z999",
  });
  draft.orderId = order.id;
  shop.draftOrders.push(draft);
  shop.orders.push(order);
  return { shop, draft, order };
}
