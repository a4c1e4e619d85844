import { findCustomer } from "../../commerce/shop-lookup";
import {
  currentTotalPrice,
  displayFinancialStatus,
  isFullyPaid,
  netPayment,
  totalCapturable,
  totalOutstanding,
  totalReceived,
  totalRefunded,
} from "../../commerce/order-balance";
import { Dec, roundMoney, sumMoney } from "../../commerce/money";
import { orderPaymentLink } from "../../commerce/order-payment-link";
import { TEST_CARD } from "../../commerce/test-card";
import type { Order, OrderLineItem, PaymentMandate, Refund, TaxLine, Transaction } from "../../state/model";
import type { AdminContext } from "../resolver-types";
import { shopifyDateTime } from "../shopify-date-time";
import { attributeViews, connection, legacyId, moneyBag, moneyV2 } from "../views";
import { fulfillmentOrderView, fulfillmentView, orderDisplayFulfillmentStatus } from "./fulfillment-view";
import { customerView } from "./catalog-and-customers";
import { paymentTermsView } from "./payment-terms-view";

/**
 * The `Order` view and the objects that hang off it (line items, transactions, refunds, mandates). Money
 * totals come from order-balance, so every field agrees with every other at any moment.
 */
export function orderView(order: Order, context: AdminContext): Record<string, unknown> {
  const { store, shop } = context;
  const currency = order.currencyCode;
  const money = (amount: string) => moneyBag(amount, currency);
  const self = () => orderView(order, context);
  const outstanding = totalOutstanding(order);
  return {
    __typename: "Order",
    id: order.id,
    name: order.name,
    confirmationNumber: order.confirmationNumber ?? null,
    legacyResourceId: String(legacyId(order.id)),
    createdAt: shopifyDateTime(order.createdAt),
    processedAt: shopifyDateTime(order.processedAt),
    updatedAt: shopifyDateTime(order.updatedAt),
    cancelledAt: shopifyDateTime(order.cancelledAt),
    cancelReason: order.cancelReason ?? null,
    closed: order.closedAt !== undefined,
    closedAt: shopifyDateTime(order.closedAt),
    email: order.email ?? null,
    customer: () => {
      const customer = findCustomer(shop, order.customerId);
      return customer ? customerView(customer) : null;
    },
    currencyCode: currency,
    taxesIncluded: order.taxesIncluded,
    customAttributes: attributeViews(order.customAttributes),
    note: order.note ?? null,
    tags: [...order.tags].sort(),
    sourceName: order.sourceName,
    subtotalPriceSet: money(order.subtotalPrice),
    totalDiscountsSet: money(order.totalDiscounts),
    totalShippingPriceSet: money(order.totalShippingPrice),
    totalTaxSet: money(order.totalTax),
    taxLines: order.taxLines.map((taxLine) => taxLineView(taxLine, currency)),
    totalPriceSet: money(order.totalPrice),
    currentTotalPriceSet: money(currentTotalPrice(order)),
    totalOutstandingSet: money(outstanding),
    totalReceivedSet: money(totalReceived(order)),
    totalRefundedSet: money(totalRefunded(order)),
    netPaymentSet: money(netPayment(order)),
    totalCapturableSet: money(totalCapturable(order)),
    displayFinancialStatus: displayFinancialStatus(order),
    displayFulfillmentStatus: orderDisplayFulfillmentStatus(order),
    fullyPaid: isFullyPaid(order),
    unpaid: new Dec(totalReceived(order)).isZero(),
    capturable: new Dec(totalCapturable(order)).gt(0),
    canMarkAsPaid: !order.cancelledAt && new Dec(outstanding).gt(0),
    paymentGatewayNames: paymentGatewayNames(order),
    lineItems: (args: Record<string, unknown>) => connection(order.lineItems, args, (line) => lineItemView(line, order)),
    transactions: (args: { first?: number | null; capturable?: boolean | null }) => {
      const capturableOnly = args.capturable === true;
      const listed = order.transactions.filter((t) => !capturableOnly || isCapturableAuthorization(order, t));
      return listed.slice(0, args.first ?? listed.length).map((t) => transactionView(t, order, context));
    },
    paymentTerms: order.paymentTerms
      ? paymentTermsView(
          order.paymentTerms,
          { currencyCode: currency, ianaTimezone: context.shop.settings.ianaTimezone, balance: () => totalOutstanding(order), order: self },
          store.clock.now(),
        )
      : null,
    paymentCollectionDetails: {
      __typename: "OrderPaymentCollectionDetails",
      additionalPaymentCollectionUrl: !order.cancelledAt && new Dec(outstanding).gt(0) ? orderPaymentLink(store, order) : null,
      vaultedPaymentMethods: shop.mandates.filter((mandate) => mandate.orderId === order.id).map(mandateView),
    },
    fulfillmentOrders: (args: Record<string, unknown>) => connection(order.fulfillmentOrders, args, (fo) => fulfillmentOrderView(fo, order, context)),
    fulfillments: (args: { first?: number | null }) =>
      order.fulfillments.slice(0, args.first ?? order.fulfillments.length).map((fulfillment) => fulfillmentView(fulfillment, order, context)),
    refunds: (args: { first?: number | null }) =>
      order.refunds.slice(0, args.first ?? order.refunds.length).map((refund) => refundView(refund, order, context)),
  };
}

function taxLineView(taxLine: TaxLine, currencyCode: string) {
  const rate = new Dec(taxLine.rate);
  return {
    __typename: "TaxLine",
    title: taxLine.title,
    rate: rate.toNumber(),
    ratePercentage: rate.times(100).toNumber(),
    priceSet: moneyBag(taxLine.price, currencyCode),
    channelLiable: false,
    source: null,
  };
}

/** Gateways the order was (or is to be) paid through, in first-use order: the checkout's and every transaction's. */
function paymentGatewayNames(order: Order): string[] {
  const names = [...order.paymentGatewayNames, ...order.transactions.filter((t) => t.status !== "FAILURE").map((t) => t.gateway)];
  return [...new Set(names)];
}

/** An order line as priced when the order was created: its discounted total and tax lines are stored. */
export function lineItemView(line: OrderLineItem, order: Order): Record<string, unknown> {
  const currency = order.currencyCode;
  const originalTotal = roundMoney(new Dec(line.originalUnitPrice).times(line.quantity), currency);
  const discountedTotal = line.discountedTotal;
  const discount = roundMoney(new Dec(originalTotal).minus(discountedTotal), currency);
  const refundedQuantity = order.refunds
    .flatMap((refund) => refund.lineItems)
    .filter((item) => item.lineItemId === line.id)
    .reduce((sum, item) => sum + item.quantity, 0);
  const unfulfilled = order.fulfillmentOrders
    .flatMap((fo) => fo.lineItems)
    .filter((item) => item.lineItemId === line.id)
    .reduce((sum, item) => sum + item.remainingQuantity, 0);
  return {
    __typename: "LineItem",
    id: line.id,
    title: line.title,
    name: line.title,
    quantity: line.quantity,
    currentQuantity: order.cancelledAt ? 0 : line.quantity - refundedQuantity,
    refundableQuantity: line.quantity - refundedQuantity,
    unfulfilledQuantity: order.cancelledAt ? 0 : unfulfilled,
    sku: line.sku ?? null,
    taxable: line.taxable,
    requiresShipping: line.requiresShipping,
    isGiftCard: false,
    customAttributes: attributeViews(line.customAttributes),
    originalUnitPriceSet: moneyBag(line.originalUnitPrice, currency),
    originalTotalSet: moneyBag(originalTotal, currency),
    totalDiscountSet: moneyBag(discount, currency),
    discountedTotalSet: moneyBag(discountedTotal, currency),
    discountedUnitPriceSet: moneyBag(roundMoney(new Dec(discountedTotal).dividedBy(line.quantity), currency), currency),
    taxLines: (args: { first?: number | null }) => line.taxLines.slice(0, args.first ?? undefined).map((t) => taxLineView(t, currency)),
    variantTitle: null,
    vendor: null,
  };
}

const FORMATTED_GATEWAYS: Record<string, string> = { manual: "Manual", shopify_payments: "Shopify Payments" };

function isCapturableAuthorization(order: Order, transaction: Transaction): boolean {
  if (transaction.kind !== "AUTHORIZATION" || transaction.status !== "SUCCESS") return false;
  return !order.transactions.some((t) => t.parentTransactionId === transaction.id && t.status === "SUCCESS" && (t.kind === "CAPTURE" || t.kind === "VOID"));
}

export function transactionView(transaction: Transaction, order: Order, context: AdminContext): Record<string, unknown> {
  const currency = order.currencyCode;
  const parent = order.transactions.find((t) => t.id === transaction.parentTransactionId);
  const refundedFromThis = sumMoney(
    order.transactions.filter((t) => t.parentTransactionId === transaction.id && t.kind === "REFUND" && t.status === "SUCCESS").map((t) => t.amount),
    currency,
  );
  const refundable = transaction.status === "SUCCESS" && (transaction.kind === "SALE" || transaction.kind === "CAPTURE");
  return {
    __typename: "OrderTransaction",
    id: transaction.id,
    kind: transaction.kind,
    status: transaction.status,
    amountSet: moneyBag(transaction.amount, currency),
    gateway: transaction.gateway,
    formattedGateway: FORMATTED_GATEWAYS[transaction.gateway] ?? transaction.gateway,
    manualPaymentGateway: transaction.manual || transaction.gateway === "manual",
    processedAt: shopifyDateTime(transaction.processedAt),
    createdAt: shopifyDateTime(transaction.createdAt),
    errorCode: transaction.errorCode ?? null,
    paymentId: transaction.paymentReferenceId ?? null,
    accountNumber: transaction.cardLast4 ? `•••• •••• •••• ${transaction.cardLast4}` : null,
    paymentDetails: transaction.cardLast4 ? cardPaymentDetails(transaction, context) : null,
    parentTransaction: parent ? () => transactionView(parent, order, context) : null,
    maximumRefundableV2: refundable ? moneyV2(roundMoney(new Dec(transaction.amount).minus(refundedFromThis), currency), currency) : null,
    manuallyCapturable: isCapturableAuthorization(order, transaction),
    multiCapturable: false,
    authorizationExpiresAt: null,
    test: false,
    order: () => orderView(order, context),
  };
}

/** A card payment as Shopify details it: the brand and the masked number (the saved card's, or the checkout's test card). */
function cardPaymentDetails(transaction: Transaction, context: AdminContext): Record<string, unknown> {
  const mandate = context.shop.mandates.find((candidate) => candidate.id === transaction.mandateId);
  return {
    __typename: "CardPaymentDetails",
    company: mandate?.cardBrand ?? TEST_CARD.brand,
    number: `•••• •••• •••• ${transaction.cardLast4}`,
    name: null,
    bin: null,
    expirationMonth: null,
    expirationYear: null,
    avsResultCode: null,
    cvvResultCode: null,
    paymentMethodName: null,
    wallet: null,
  };
}

function mandateView(mandate: PaymentMandate) {
  return {
    __typename: "PaymentMandate",
    id: mandate.id,
    paymentInstrument: { __typename: "VaultCreditCard", brand: mandate.cardBrand, lastDigits: mandate.last4 },
  };
}

export function refundView(refund: Refund, order: Order, context: AdminContext): Record<string, unknown> {
  const currency = order.currencyCode;
  const transactions = order.transactions.filter((t) => refund.transactionIds.includes(t.id));
  return {
    __typename: "Refund",
    id: refund.id,
    legacyResourceId: String(legacyId(refund.id)),
    createdAt: shopifyDateTime(refund.createdAt),
    updatedAt: shopifyDateTime(refund.createdAt),
    processedAt: shopifyDateTime(refund.createdAt),
    note: refund.note ?? null,
    totalRefundedSet: moneyBag(refund.amount, currency),
    transactions: (args: Record<string, unknown>) => connection(transactions, args, (t) => transactionView(t, order, context)),
    refundLineItems: (args: Record<string, unknown>) =>
      connection(refund.lineItems, args, (item) => {
        const line = order.lineItems.find((candidate) => candidate.id === item.lineItemId)!;
        const unit = roundMoney(new Dec(line.discountedTotal).dividedBy(line.quantity), currency);
        return {
          __typename: "RefundLineItem",
          quantity: item.quantity,
          lineItem: lineItemView(line, order),
          priceSet: moneyBag(unit, currency),
          subtotalSet: moneyBag(roundMoney(new Dec(unit).times(item.quantity), currency), currency),
          restocked: false,
        };
      }),
    order: () => orderView(order, context),
  };
}
