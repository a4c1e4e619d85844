import { orderFromDraft } from "../../emulator/commerce/create-order";
import { newInvoiceUrl } from "../../emulator/commerce/draft-order-invoice-url";
import { priceDraftOrder } from "../../emulator/commerce/draft-order-pricing";
import { roundMoney } from "../../emulator/commerce/money";
import { applyDraftOrderInput, blankDraftOrder } from "../../emulator/graphql/resolvers/draft-order-input";
import type { EmulatorStore } from "../../emulator/state/emulator-store";
import type { CardOutcome, DraftOrder, Order, PaymentMandate, ShopState, Transaction } from "../../emulator/state/model";
import { vaultTestCard } from "../../emulator/commerce/test-card";

/**
 * Builds an Order as Shopify holds one after a draft order with payment terms was paid at checkout, through
 * the emulator's own code: the draft is built by the draft order input code, priced by the draft pricing and
 * turned into an order by create-order (so the tests run the real totals, line tax lines and fulfillment
 * order). Then the PENDING manual SALE Shopify records for the balance owed under payment terms, an optional
 * deposit already paid by card, and the card vaulted as a mandate. No webhook is emitted: the order is there
 * before the test starts.
 */
export interface OrderFixtureOptions {
  readonly lines?: readonly { title: string; quantity: number; unitPrice: string; taxable?: boolean; requiresShipping?: boolean; sku?: string }[];
  /** A decimal fraction applied to taxable lines and shipping ("0.19"), as the shop's "VAT"; none when absent. */
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

const DEFAULT_LINES: NonNullable<OrderFixtureOptions["lines"]> = [
  { title: "Oak dining table", quantity: 1, unitPrice: "800.00", sku: "TABLE-OAK" },
  { title: "Oak chair", quantity: 4, unitPrice: "50.00", sku: "CHAIR-OAK" },
];

/** The country the fixture's tax rate is set up for. */
const TAXED_COUNTRY = "US";

export function insertOrder(store: EmulatorStore, domain: string, options: OrderFixtureOptions = {}): OrderFixture {
  const shop = store.shop(domain);
  const now = store.clock.nowIso();
  // The option's rate stands in for the shop's tax settings, for this order's pricing only.
  const pricingShop: ShopState = options.taxRate
    ? { ...shop, settings: { ...shop.settings, taxRates: [{ countryCode: TAXED_COUNTRY, title: "VAT", rate: options.taxRate }] } }
    : shop;
  const draft = completedDraft(store, pricingShop, options, now);
  const price = priceDraftOrder(draft, pricingShop);

  const transactions: Transaction[] = [];
  if (draft.paymentTerms) {
    transactions.push({
      id: store.newId("OrderTransaction"),
      kind: "SALE",
      status: "PENDING",
      amount: price.total,
      gateway: "manual",
      createdAt: now,
      processedAt: now,
      manual: true,
    });
  }
  if (options.deposit) {
    transactions.push({
      id: store.newId("OrderTransaction"),
      kind: "SALE",
      status: "SUCCESS",
      amount: roundMoney(options.deposit, price.currencyCode),
      gateway: "shopify_payments",
      createdAt: now,
      processedAt: now,
      manual: false,
      cardLast4: "4242",
    });
  }
  const order = orderFromDraft(store, shop, draft, price, {
    transactions,
    paymentGatewayNames: options.deposit ? ["shopify_payments"] : [],
    sourceName: "shopify_draft_order",
  });
  shop.orders.push(order);
  draft.orderId = order.id;
  shop.draftOrders.push(draft);
  if (options.mandate === false) return { order };
  return { order, mandate: vaultTestCard(store, shop, order, options.mandate ?? "approve") };
}

/** The draft the order comes from, built from a `DraftOrderInput` as `draftOrderCreate` builds one. */
function completedDraft(store: EmulatorStore, shop: ShopState, options: OrderFixtureOptions, now: string): DraftOrder {
  const draft: DraftOrder = {
    ...blankDraftOrder(now),
    id: store.newId("DraftOrder"),
    name: `#D${shop.draftOrders.length + 1}`,
    invoiceUrl: newInvoiceUrl(store),
  };
  const input: Record<string, unknown> = {
    lineItems: (options.lines ?? DEFAULT_LINES).map((line) => ({
      title: line.title,
      quantity: line.quantity,
      originalUnitPrice: line.unitPrice,
      taxable: line.taxable ?? true,
      requiresShipping: line.requiresShipping ?? true,
      ...(line.sku ? { sku: line.sku } : {}),
    })),
    ...(options.email === null ? {} : { email: options.email ?? "buyer@example.com" }),
    ...(options.customerId ? { customerId: options.customerId } : {}),
    ...(options.shipping ? { shippingLine: { title: "Freight", price: options.shipping } } : {}),
    ...(options.taxRate ? { shippingAddress: { countryCode: TAXED_COUNTRY } } : {}),
    customAttributes: [{ key: "tranche_contract", value: "C-1" }],
    note: "Staged payment order",
    tags: options.tags ?? ["tranche"],
    ...paymentTermsInput(options.paymentTerms, now),
  };
  const { errors } = applyDraftOrderInput(draft, input, { store, shop }, { creating: true, fieldPrefix: [] });
  if (errors.length > 0) throw new Error(`order fixture: ${JSON.stringify(errors)}`);
  return { ...draft, status: "COMPLETED", completedAt: now };
}

function paymentTermsInput(option: OrderFixtureOptions["paymentTerms"], now: string) {
  if (option === false) return {};
  if (option) return { paymentTerms: { paymentTermsTemplateId: "gid://shopify/PaymentTermsTemplate/7", paymentSchedules: [{ dueAt: option.fixedDueAt }] } };
  return { paymentTerms: { paymentTermsTemplateId: "gid://shopify/PaymentTermsTemplate/4", paymentSchedules: [{ issuedAt: now }] } };
}
