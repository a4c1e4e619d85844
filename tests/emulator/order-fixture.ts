import { Dec } from "../../app/domain/money/decimal";
import { roundMoney, sumMoney } from "../../emulator/graphql/views";
import { findPaymentTermsTemplate } from "../../emulator/commerce/payment-terms-templates";
import type { EmulatorStore } from "../../emulator/state/emulator-store";
import type { CardOutcome, Order, PaymentMandate, PaymentTerms, Transaction } from "../../emulator/state/model";

/**
 * Builds an Order record as Shopify holds one after a draft order with payment terms was paid at checkout:
 * line items, tax lines, shipping, a fulfillment order, the PENDING manual SALE Shopify records for the balance
 * owed under payment terms, an optional deposit already paid by card, and the card vaulted as a mandate.
 */
export interface OrderFixtureOptions {
  readonly lines?: readonly { title: string; quantity: number; unitPrice: string; taxable?: boolean; requiresShipping?: boolean; sku?: string }[];
  /** A decimal fraction applied to taxable lines and shipping ("0.19"); none when absent. */
  readonly taxRate?: string;
  readonly shipping?: string;
  /** Paid at checkout by card (a SUCCESS SALE). */
  readonly deposit?: string;
  /** Net 30 issued now when absent; `false` for none; or a FIXED due date. */
  readonly paymentTerms?: false | { readonly fixedDueAt: string };
  /** The saved card's outcome; `false` for no mandate. */
  readonly mandate?: CardOutcome | false;
  readonly email?: string | null;
  readonly customerId?: string;
  readonly tags?: string[];
}

export interface OrderFixture {
  readonly order: Order;
  readonly mandate?: PaymentMandate;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function insertOrder(store: EmulatorStore, domain: string, options: OrderFixtureOptions = {}): OrderFixture {
  const shop = store.shop(domain);
  const currency = shop.settings.currencyCode;
  const now = store.clock.nowIso();
  const lines = (options.lines ?? [
    { title: "Oak dining table", quantity: 1, unitPrice: "800.00", sku: "TABLE-OAK" },
    { title: "Oak chair", quantity: 4, unitPrice: "50.00", sku: "CHAIR-OAK" },
  ]).map((line) => ({
    id: store.newId("LineItem"),
    title: line.title,
    ...(line.sku ? { sku: line.sku } : {}),
    quantity: line.quantity,
    originalUnitPrice: roundMoney(line.unitPrice, currency),
    taxable: line.taxable ?? true,
    requiresShipping: line.requiresShipping ?? true,
    customAttributes: [],
  }));
  const subtotal = sumMoney(lines.map((line) => new Dec(line.originalUnitPrice).times(line.quantity).toFixed()), currency);
  const shipping = roundMoney(options.shipping ?? "0", currency);
  const taxable = sumMoney([...lines.filter((line) => line.taxable).map((line) => new Dec(line.originalUnitPrice).times(line.quantity).toFixed()), shipping], currency);
  const tax = options.taxRate ? roundMoney(new Dec(taxable).times(options.taxRate), currency) : roundMoney("0", currency);
  const total = sumMoney([subtotal, shipping, tax], currency);

  const orderId = store.newId("Order");
  const transactions: Transaction[] = [];
  const terms = paymentTerms(store, options.paymentTerms, now);
  if (terms) {
    transactions.push({ id: store.newId("OrderTransaction"), kind: "SALE", status: "PENDING", amount: total, gateway: "manual", createdAt: now, processedAt: now, manual: true });
  }
  if (options.deposit) {
    transactions.push({
      id: store.newId("OrderTransaction"),
      kind: "SALE",
      status: "SUCCESS",
      amount: roundMoney(options.deposit, currency),
      gateway: "shopify_payments",
      createdAt: now,
      processedAt: now,
      manual: false,
      cardLast4: "4242",
    });
  }
  const shipped = lines.filter((line) => line.requiresShipping);
  const order: Order = {
    id: orderId,
    name: `#${store.nextNumber()}`,
    draftOrderId: store.newId("DraftOrder"),
    ...(options.customerId ? { customerId: options.customerId } : {}),
    ...(options.email === null ? {} : { email: options.email ?? "buyer@example.com" }),
    currencyCode: currency,
    taxesIncluded: false,
    lineItems: lines,
    ...(options.shipping ? { shippingLine: { title: "Freight", price: shipping } } : {}),
    subtotalPrice: subtotal,
    totalDiscounts: roundMoney("0", currency),
    totalShippingPrice: shipping,
    taxLines: options.taxRate ? [{ title: "VAT", rate: options.taxRate, price: tax }] : [],
    totalTax: tax,
    totalPrice: total,
    customAttributes: [{ key: "tranche_contract", value: "C-1" }],
    note: "Staged payment order",
    tags: options.tags ?? ["tranche"],
    sourceName: "shopify_draft_order",
    createdAt: now,
    processedAt: now,
    updatedAt: now,
    ...(terms ? { paymentTerms: terms } : {}),
    transactions,
    refunds: [],
    fulfillmentOrders: shipped.length
      ? [
          {
            id: store.newId("FulfillmentOrder"),
            status: "OPEN",
            holds: [],
            lineItems: shipped.map((line) => ({ id: store.newId("FulfillmentOrderLineItem"), lineItemId: line.id, totalQuantity: line.quantity, remainingQuantity: line.quantity })),
            createdAt: now,
            updatedAt: now,
          },
        ]
      : [],
    fulfillments: [],
    paymentGatewayNames: options.deposit ? ["shopify_payments"] : [],
  };
  shop.orders.push(order);
  if (options.mandate === false) return { order };
  const mandate: PaymentMandate = { id: store.newId("PaymentMandate"), orderId, cardBrand: "Visa", last4: "4242", outcome: options.mandate ?? "approve" };
  shop.mandates.push(mandate);
  return { order, mandate };
}

function paymentTerms(store: EmulatorStore, option: OrderFixtureOptions["paymentTerms"], now: string): PaymentTerms | undefined {
  if (option === false) return undefined;
  if (option) {
    const fixed = findPaymentTermsTemplate("gid://shopify/PaymentTermsTemplate/7")!;
    return { id: store.newId("PaymentTerms"), templateId: fixed.id, type: "FIXED", name: fixed.name, schedules: [{ id: store.newId("PaymentSchedule"), dueAt: option.fixedDueAt }] };
  }
  const net30 = findPaymentTermsTemplate("gid://shopify/PaymentTermsTemplate/4")!;
  return {
    id: store.newId("PaymentTerms"),
    templateId: net30.id,
    type: "NET",
    name: net30.name,
    dueInDays: 30,
    schedules: [{ id: store.newId("PaymentSchedule"), issuedAt: now, dueAt: new Date(Date.parse(now) + 30 * DAY_MS).toISOString() }],
  };
}
