import { findCustomer, findOrder } from "../../commerce/shop-lookup";
import { invoiceUrlOf } from "../../commerce/draft-order-invoice-url";
import { priceDraftOrder, type DraftOrderPrice, type LinePrice } from "../../commerce/draft-order-pricing";
import type { AppliedDiscount, DraftOrder, LineItem, ShopState, TaxLine } from "../../state/model";
import type { AdminContext } from "../resolver-types";
import { shopifyDateTime } from "../shopify-date-time";
import { Dec, roundMoney, shopifyDecimal } from "../../commerce/money";
import { attributeViews, connection, legacyId, moneyBag, moneyV2 } from "../views";
import { customerView, mailingAddressView } from "./catalog-and-customers";
import { findMetafield, metafieldView, resolveNamespace } from "./metafields";
import { orderView } from "./order-view";
import { paymentTermsView } from "./payment-terms-view";

/**
 * GraphQL views of draft orders: `DraftOrder` (stored) and `CalculatedDraftOrder` (priced, not stored), with
 * their line items, tax lines, addresses, payment terms and deposit. Totals are computed on every read from the
 * draft and the shop's tax settings, as Shopify recalculates a draft when it changes.
 */

export function draftOrderView(draft: DraftOrder, context: AdminContext): Record<string, unknown> {
  const { store, shop } = context;
  const price = priceDraftOrder(draft, shop);
  const currency = price.currencyCode;
  const lineViews = draft.lineItems.map((line, index) => ({
    ...draftLineItemView(line, price.lines[index]!, shop),
    id: line.id,
    taxLines: taxLineViews(price.lines[index]!.taxLines, currency),
  }));
  const order = draft.orderId ? findOrder(shop, draft.orderId) : undefined;
  return {
    ...pricedDraftFields(draft, price, shop),
    __typename: "DraftOrder",
    id: draft.id,
    legacyResourceId: String(legacyId(draft.id)),
    name: draft.name,
    status: draft.status,
    email: draft.email ?? null,
    note2: draft.note ?? null,
    poNumber: draft.poNumber ?? null,
    tags: draft.tags,
    taxExempt: draft.taxExempt,
    customAttributes: attributeViews(draft.customAttributes),
    lineItems: (args: Record<string, any>) => connection(lineViews, args, (view) => view),
    shippingAddress: draft.shippingAddress ? mailingAddressView(draft.shippingAddress, `${legacyId(draft.id)}1`) : null,
    billingAddress: draft.billingAddress ? mailingAddressView(draft.billingAddress, `${legacyId(draft.id)}2`) : null,
    invoiceUrl: invoiceUrlOf(store, draft),
    invoiceSentAt: shopifyDateTime(draft.invoiceSentAt),
    createdAt: shopifyDateTime(draft.createdAt),
    updatedAt: shopifyDateTime(draft.updatedAt),
    completedAt: shopifyDateTime(draft.completedAt),
    reserveInventoryUntil: null,
    ready: true,
    visibleToCustomer: false,
    hasTimelineComment: false,
    order: order ? () => orderView(order, context) : null,
    paymentTerms: draft.paymentTerms
      ? paymentTermsView(
          draft.paymentTerms,
          {
            currencyCode: currency,
            ianaTimezone: context.shop.settings.ianaTimezone,
            balance: () => price.amountDueLater,
            draftOrder: () => draftOrderView(draft, context),
          },
          store.clock.now(),
        )
      : null,
    metafield: ({ namespace, key }: { namespace?: string | null; key: string }) => {
      const found = findMetafield(shop, draft.id, resolveNamespace(namespace), key);
      return found ? metafieldView(found) : null;
    },
    metafields: (args: Record<string, any>) => {
      const namespace = args.namespace == null ? undefined : resolveNamespace(args.namespace);
      const owned = shop.metafields.filter(
        (metafield) =>
          metafield.ownerId === draft.id &&
          (namespace === undefined || metafield.namespace === namespace) &&
          (args.keys == null || args.keys.includes(`${metafield.namespace}.${metafield.key}`)),
      );
      return connection(owned, args, metafieldView);
    },
  };
}

/** `draftOrderCalculate`'s answer: the same totals, lines without ids or tax lines (the schema has neither). */
export function calculatedDraftOrderView(draft: DraftOrder, shop: ShopState) {
  const price = priceDraftOrder(draft, shop);
  const currency = price.currencyCode;
  return {
    ...pricedDraftFields(draft, price, shop),
    __typename: "CalculatedDraftOrder",
    lineItems: draft.lineItems.map((line, index) => {
      const linePrice = price.lines[index]!;
      return {
        ...draftLineItemView(line, linePrice, shop),
        __typename: "CalculatedDraftOrderLineItem",
        originalUnitPrice: moneyV2(line.originalUnitPrice, currency),
        originalTotal: moneyV2(linePrice.originalTotal, currency),
        discountedTotal: moneyV2(linePrice.discountedTotal, currency),
        totalDiscount: moneyV2(linePrice.discount, currency),
      };
    }),
    availableShippingRates: [],
    alerts: [],
  };
}

/** Fields `DraftOrder` and `CalculatedDraftOrder` share. */
function pricedDraftFields(draft: DraftOrder, price: DraftOrderPrice, shop: ShopState) {
  const currency = price.currencyCode;
  const customer = findCustomer(shop, draft.customerId);
  const bag = (amount: string) => moneyBag(amount, currency);
  return {
    currencyCode: currency,
    presentmentCurrencyCode: currency,
    taxesIncluded: price.taxesIncluded,
    customer: customer ? customerView(customer) : null,
    purchasingEntity: purchasingEntityView(draft, shop),
    phone: null,
    appliedDiscount: draft.appliedDiscount ? appliedDiscountView(draft.appliedDiscount, price.orderDiscount, currency) : null,
    shippingLine: draft.shippingLine
      ? {
          __typename: "ShippingLine",
          id: null,
          title: draft.shippingLine.title,
          code: draft.shippingLine.title,
          custom: true,
          source: null,
          carrierIdentifier: null,
          shippingRateHandle: null,
          isRemoved: false,
          originalPriceSet: bag(price.shipping),
          discountedPriceSet: bag(price.shipping),
          currentDiscountedPriceSet: bag(price.shipping),
          discountAllocations: [],
          taxLines: taxLineViews(price.shippingTaxLines, currency),
        }
      : null,
    billingAddressMatchesShippingAddress: JSON.stringify(draft.billingAddress ?? null) === JSON.stringify(draft.shippingAddress ?? null),
    discountCodes: [],
    acceptAutomaticDiscounts: null,
    allowDiscountCodesInCheckout: false,
    platformDiscounts: [],
    warnings: [],
    transformerFingerprint: null,
    totalLineItemsPriceSet: bag(price.totalLineItemsPrice),
    lineItemsSubtotalPrice: bag(price.lineItemsSubtotal),
    subtotalPriceSet: bag(price.subtotal),
    subtotalPrice: price.subtotal,
    totalDiscountsSet: bag(price.totalDiscounts),
    totalShippingPriceSet: bag(price.shipping),
    totalShippingPrice: price.shipping,
    totalTaxSet: bag(price.totalTax),
    totalTax: price.totalTax,
    totalPriceSet: bag(price.total),
    totalPrice: price.total,
    totalQuantityOfLineItems: draft.lineItems.reduce((sum, line) => sum + line.quantity, 0),
    taxLines: taxLineViews(price.taxLines, currency),
    deposit: draft.deposit ? { __typename: "DepositPercentage", percentage: draft.deposit.percentage } : null,
    amountDueNowSet: bag(price.amountDueNow),
    amountDueLaterSet: bag(price.amountDueLater),
  };
}

function draftLineItemView(line: LineItem, price: LinePrice, shop: ShopState) {
  const currency = shop.settings.currencyCode;
  const product = line.productId ? shop.products.find((candidate) => candidate.id === line.productId) : undefined;
  const variant = product?.variants.find((candidate) => candidate.id === line.variantId);
  const variantTitle = variant && variant.title !== "Default Title" ? variant.title : null;
  const bag = (amount: string) => moneyBag(amount, currency);
  const discountedUnit = roundMoney(new Dec(price.discountedTotal).dividedBy(line.quantity), currency);
  return {
    __typename: "DraftOrderLineItem",
    uuid: line.id,
    title: line.title,
    name: variantTitle ? `${line.title} - ${variantTitle}` : line.title,
    variantTitle,
    quantity: line.quantity,
    sku: line.sku ?? null,
    vendor: null,
    custom: !line.variantId,
    taxable: line.taxable,
    requiresShipping: line.requiresShipping,
    isGiftCard: false,
    customAttributes: attributeViews(line.customAttributes),
    appliedDiscount: line.appliedDiscount ? appliedDiscountView(line.appliedDiscount, price.discount, currency) : null,
    originalUnitPriceSet: bag(line.originalUnitPrice),
    originalUnitPriceWithCurrency: moneyV2(line.originalUnitPrice, currency),
    originalTotalSet: bag(price.originalTotal),
    discountedTotalSet: bag(price.discountedTotal),
    discountedUnitPriceSet: bag(discountedUnit),
    approximateDiscountedUnitPriceSet: bag(discountedUnit),
    totalDiscountSet: bag(price.discount),
    priceOverride: null,
    components: [],
    image: null,
    weight: null,
    variant:
      variant && product
        ? {
            __typename: "ProductVariant",
            id: variant.id,
            title: variant.title,
            sku: variant.sku ?? null,
            price: shopifyDecimal(variant.price),
            taxable: variant.taxable,
            displayName: `${product.title} - ${variant.title}`,
            product: { __typename: "Product", id: product.id, title: product.title },
          }
        : null,
    product: product ? { __typename: "Product", id: product.id, title: product.title } : null,
  };
}

function appliedDiscountView(discount: AppliedDiscount, amount: string, currency: string) {
  return {
    __typename: "DraftOrderAppliedDiscount",
    title: discount.title ?? null,
    description: discount.description ?? "",
    value: Number(discount.value),
    valueType: discount.valueType,
    amountSet: moneyBag(amount, currency),
    amountV2: moneyV2(amount, currency),
    amount: amount,
  };
}

function taxLineViews(lines: readonly TaxLine[], currency: string) {
  return lines.map((line) => ({
    __typename: "TaxLine",
    title: line.title,
    rate: Number(line.rate),
    ratePercentage: new Dec(line.rate).times(100).toNumber(),
    priceSet: moneyBag(line.price, currency),
    price: line.price,
    source: null,
    channelLiable: false,
  }));
}

function purchasingEntityView(draft: DraftOrder, shop: ShopState) {
  if (draft.purchasingCompanyLocationId) {
    const company = shop.companies.find((candidate) => candidate.locations.some((location) => location.id === draft.purchasingCompanyLocationId));
    const location = company?.locations.find((candidate) => candidate.id === draft.purchasingCompanyLocationId);
    if (company && location) {
      return {
        __typename: "PurchasingCompany",
        company: { __typename: "Company", id: company.id, name: company.name },
        location: { __typename: "CompanyLocation", id: location.id, name: location.name },
      };
    }
  }
  const customer = findCustomer(shop, draft.customerId);
  return customer ? customerView(customer) : null;
}
