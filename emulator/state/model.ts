/**
 * The emulator's state of one shop, in plain JSON-serialisable records (so a snapshot is `JSON.stringify`).
 * Money is a decimal string in the shop's currency, already rounded to the currency's exponent; instants are
 * ISO 8601 strings; ids are Shopify GIDs (`gid://shopify/DraftOrder/1`). GraphQL views are built from these.
 */

/** Shopify plans as they matter here: the restore rate of the API bucket, and Plus-only features. */
export type ShopPlan = "basic" | "shopify" | "advanced" | "plus" | "enterprise";

export interface TaxRate {
  readonly countryCode: string;
  /** Absent: the country's rate. */
  readonly provinceCode?: string;
  readonly title: string;
  /** A decimal fraction: "0.19" for 19%. */
  readonly rate: string;
}

export interface ShopSettings {
  readonly domain: string;
  readonly name: string;
  readonly email: string;
  plan: ShopPlan;
  readonly currencyCode: string;
  readonly ianaTimezone: string;
  /** The shop's primary language ("en", "de", "ja") and the country of its billing address: the admin's number format. */
  readonly primaryLocale: string;
  readonly countryCode: string;
  readonly taxesIncluded: boolean;
  readonly taxRates: readonly TaxRate[];
  /** The Admin API access token this shop accepts (`X-Shopify-Access-Token`). */
  readonly accessToken: string;
  /** Offline payment methods set up in the shop; `orderCreateManualPayment` accepts only these names. */
  readonly manualPaymentMethods: readonly string[];
}

export interface Address {
  readonly firstName?: string;
  readonly lastName?: string;
  readonly company?: string;
  readonly address1?: string;
  readonly city?: string;
  readonly province?: string;
  readonly provinceCode?: string;
  readonly country?: string;
  readonly countryCode: string;
  readonly zip?: string;
}

export interface Attribute {
  readonly key: string;
  readonly value: string;
}

export interface Variant {
  readonly id: string;
  readonly title: string;
  readonly sku?: string;
  readonly price: string;
  readonly taxable: boolean;
  readonly requiresShipping: boolean;
}

export interface Product {
  readonly id: string;
  readonly title: string;
  readonly variants: readonly Variant[];
}

export interface Customer {
  readonly id: string;
  readonly email: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly defaultAddress?: Address;
  readonly taxExempt?: boolean;
  /** The language the customer reads the shop's emails in (Shopify's Customer.locale); the shop's "en" by default. */
  readonly locale?: string;
}

export interface CompanyLocation {
  readonly id: string;
  readonly name: string;
  readonly billingAddress?: Address;
}

export interface Company {
  readonly id: string;
  readonly name: string;
  readonly contactCustomerIds: readonly string[];
  readonly locations: readonly CompanyLocation[];
}

export interface AppliedDiscount {
  readonly title?: string;
  readonly description?: string;
  /** Percent (`"10"`) or amount (`"25.00"`), per `valueType`. */
  readonly value: string;
  readonly valueType: "PERCENTAGE" | "FIXED_AMOUNT";
}

export interface LineItem {
  readonly id: string;
  readonly variantId?: string;
  readonly productId?: string;
  readonly title: string;
  readonly sku?: string;
  readonly quantity: number;
  readonly originalUnitPrice: string;
  readonly taxable: boolean;
  readonly requiresShipping: boolean;
  readonly appliedDiscount?: AppliedDiscount;
  readonly customAttributes: readonly Attribute[];
}

/**
 * A line of an order: the draft's line with the amounts its pricing gave it when the order was created, kept
 * so every view of the order (GraphQL, webhooks, refunds) reads the same numbers instead of recomputing them.
 */
export interface OrderLineItem extends LineItem {
  /** After the line's own discount, before the order-level discount (Shopify's `discountedTotalSet`). */
  readonly discountedTotal: string;
  /** The line's tax per rate, on its amount after all discounts; the order's tax lines are their sums. */
  readonly taxLines: readonly TaxLine[];
}

export interface ShippingLine {
  readonly title: string;
  readonly price: string;
}

/** An order's shipping line keeps the tax its pricing gave it, like the order's lines. */
export interface OrderShippingLine extends ShippingLine {
  readonly taxLines: readonly TaxLine[];
}

export interface TaxLine {
  readonly title: string;
  /** A decimal fraction: "0.19". */
  readonly rate: string;
  readonly price: string;
}

export type PaymentTermsType = "NET" | "FIXED" | "RECEIPT" | "FULFILLMENT";

export interface PaymentSchedule {
  readonly id: string;
  issuedAt?: string;
  dueAt?: string;
  completedAt?: string;
  /** Set once the `payment_schedules/due` webhook for this schedule has been sent. */
  dueNotifiedAt?: string;
}

export interface PaymentTerms {
  readonly id: string;
  templateId: string;
  type: PaymentTermsType;
  name: string;
  dueInDays?: number;
  schedules: PaymentSchedule[];
}

export interface Metafield {
  readonly id: string;
  readonly ownerId: string;
  readonly namespace: string;
  readonly key: string;
  type: string;
  value: string;
  readonly createdAt: string;
  updatedAt: string;
}

export type DraftOrderStatus = "OPEN" | "INVOICE_SENT" | "COMPLETED";

export interface DraftOrder {
  readonly id: string;
  readonly name: string;
  status: DraftOrderStatus;
  customerId?: string;
  purchasingCompanyLocationId?: string;
  email?: string;
  lineItems: LineItem[];
  appliedDiscount?: AppliedDiscount;
  shippingLine?: ShippingLine;
  shippingAddress?: Address;
  billingAddress?: Address;
  customAttributes: Attribute[];
  note?: string;
  poNumber?: string;
  tags: string[];
  taxExempt: boolean;
  paymentTerms?: PaymentTerms;
  /** Plus only: the share of the total due at checkout. */
  deposit?: { readonly percentage: number };
  readonly invoiceUrl: string;
  invoiceSentAt?: string;
  orderId?: string;
  readonly createdAt: string;
  updatedAt: string;
  completedAt?: string;
}

export type TransactionKind = "SALE" | "AUTHORIZATION" | "CAPTURE" | "REFUND" | "VOID";
export type TransactionStatus = "SUCCESS" | "FAILURE" | "PENDING" | "ERROR";

export interface Transaction {
  readonly id: string;
  readonly kind: TransactionKind;
  readonly status: TransactionStatus;
  readonly amount: string;
  readonly gateway: string;
  readonly paymentMethodName?: string;
  readonly createdAt: string;
  readonly processedAt: string;
  readonly errorCode?: string;
  readonly parentTransactionId?: string;
  /** For mandate payments: the `paymentReferenceId` returned by `orderCreateMandatePayment`. */
  readonly paymentReferenceId?: string;
  readonly mandateId?: string;
  /** True for payments recorded with `orderCreateManualPayment` (offline payments). */
  readonly manual: boolean;
  /** The card's last digits, for card payments. */
  readonly cardLast4?: string;
}

/** How a saved card answers when charged: the tests pick the outcome. */
export type CardOutcome = "approve" | "decline" | "insufficient_funds";

export interface PaymentMandate {
  readonly id: string;
  readonly orderId: string;
  readonly customerId?: string;
  readonly cardBrand: string;
  readonly last4: string;
  outcome: CardOutcome;
}

export interface FulfillmentHold {
  readonly id: string;
  readonly reason: string;
  readonly reasonNotes?: string;
  readonly handle?: string;
}

export type FulfillmentOrderStatus = "OPEN" | "IN_PROGRESS" | "ON_HOLD" | "SCHEDULED" | "CLOSED" | "CANCELLED" | "INCOMPLETE";

export interface FulfillmentOrder {
  readonly id: string;
  status: FulfillmentOrderStatus;
  holds: FulfillmentHold[];
  lineItems: { readonly id: string; readonly lineItemId: string; readonly totalQuantity: number; remainingQuantity: number }[];
  readonly createdAt: string;
  updatedAt: string;
}

export interface Fulfillment {
  readonly id: string;
  readonly status: "SUCCESS" | "CANCELLED";
  readonly createdAt: string;
  readonly fulfillmentOrderIds: readonly string[];
  readonly lineItems: readonly { readonly lineItemId: string; readonly quantity: number }[];
  readonly trackingNumber?: string;
}

export interface Refund {
  readonly id: string;
  readonly createdAt: string;
  readonly note?: string;
  readonly amount: string;
  readonly transactionIds: readonly string[];
  readonly lineItems: readonly { readonly lineItemId: string; readonly quantity: number }[];
}

export interface Order {
  readonly id: string;
  readonly name: string;
  /** Shopify's random code the buyer sees (commerce/confirmation-number.ts); absent in snapshots saved before it existed. */
  readonly confirmationNumber?: string;
  readonly draftOrderId?: string;
  readonly customerId?: string;
  readonly purchasingCompanyLocationId?: string;
  readonly email?: string;
  readonly currencyCode: string;
  readonly taxesIncluded: boolean;
  readonly lineItems: readonly OrderLineItem[];
  readonly shippingLine?: OrderShippingLine;
  readonly shippingAddress?: Address;
  readonly billingAddress?: Address;
  readonly subtotalPrice: string;
  readonly totalDiscounts: string;
  readonly totalShippingPrice: string;
  readonly taxLines: readonly TaxLine[];
  readonly totalTax: string;
  readonly totalPrice: string;
  /** The draft's custom attributes, which Shopify carries over as note attributes. */
  readonly customAttributes: readonly Attribute[];
  readonly note?: string;
  tags: string[];
  readonly sourceName: string;
  readonly createdAt: string;
  readonly processedAt: string;
  updatedAt: string;
  cancelledAt?: string;
  cancelReason?: string;
  closedAt?: string;
  paymentTerms?: PaymentTerms;
  transactions: Transaction[];
  refunds: Refund[];
  fulfillmentOrders: FulfillmentOrder[];
  fulfillments: Fulfillment[];
  readonly paymentGatewayNames: string[];
}

export interface WebhookSubscription {
  readonly id: string;
  /** GraphQL enum form: `ORDERS_PAID`. */
  readonly topic: string;
  readonly uri: string;
  readonly createdAt: string;
  readonly updatedAt?: string;
  /** Sent as `X-Shopify-Name`. */
  readonly name?: string;
  readonly filter?: string;
  readonly includeFields?: readonly string[];
  readonly metafieldNamespaces?: readonly string[];
}

/** An asynchronous piece of work Shopify reports as a Job: a mandate payment, or an order cancellation. */
export type EmulatorJob = MandatePaymentJob | OrderCancelJob;

/** Charged by the due-work runner once `runAt` has come. */
export interface MandatePaymentJob {
  readonly id: string;
  readonly kind: "mandatePayment";
  readonly runAt: string;
  done: boolean;
  readonly payload: {
    readonly orderId: string;
    readonly mandateId: string;
    readonly amount: string;
    readonly paymentReferenceId: string;
    readonly autoCapture: boolean;
    readonly paymentScheduleId?: string;
  };
}

/** `orderCancel`'s job: the emulator cancels at once, so it is recorded already done (and `job(id)` knows it). */
export interface OrderCancelJob {
  readonly id: string;
  readonly kind: "orderCancel";
  readonly runAt: string;
  readonly done: true;
  readonly payload: { readonly orderId: string };
}

/** A mandate payment already requested, kept so a repeated idempotency key returns the first answer. */
export interface MandatePaymentRecord {
  readonly idempotencyKey: string;
  readonly orderId: string;
  readonly jobId: string;
  readonly paymentReferenceId: string;
}

export interface ShopState {
  readonly settings: ShopSettings;
  products: Product[];
  customers: Customer[];
  companies: Company[];
  draftOrders: DraftOrder[];
  orders: Order[];
  mandates: PaymentMandate[];
  mandatePayments: MandatePaymentRecord[];
  metafields: Metafield[];
  webhookSubscriptions: WebhookSubscription[];
  jobs: EmulatorJob[];
}

/** An email Shopify would have sent; the tests and the demo read them instead of an inbox. */
export interface OutboxEmail {
  readonly id: string;
  readonly shop: string;
  readonly kind: "draft_order_invoice" | "order_invoice" | "payment_reminder";
  readonly to: string;
  readonly subject: string;
  readonly body: string;
  /** The link the buyer follows to pay. */
  readonly url?: string;
  readonly resourceId: string;
  readonly sentAt: string;
}

/**
 * An email the app sent to the emulator's SMTP server. One per Message-ID, as a mail client such as Gmail shows
 * it: the app resends a message after a crash with the same Message-ID, and that is a second delivery, not a
 * second email.
 */
export interface AppEmail {
  /** `app-email-1`, … in the order they first arrived. */
  readonly id: string;
  /** Without angle brackets; null when the message had none, and then each delivery is an email of its own. */
  readonly messageId: string | null;
  /** The From header as written, display name included. */
  readonly from: string;
  /** The addresses it was delivered to (the SMTP envelope's recipients), comma-separated. */
  readonly to: string;
  readonly subject: string;
  readonly html: string | null;
  readonly text: string | null;
  /** Emulator time of the first delivery. */
  readonly receivedAt: string;
  /** How many times a message with this Message-ID arrived. */
  deliveries: number;
}
