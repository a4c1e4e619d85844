import { findCustomer } from "./shop-lookup";
import { allocateProportionally, Dec, roundMoney, sumMoney } from "./money";
import type { Address, AppliedDiscount, DraftOrder, LineItem, ShopState, TaxLine, TaxRate } from "../state/model";

/**
 * Prices a draft order the way Shopify's basic tax engine does: line totals, line and order-level discounts,
 * shipping, one tax line per matching shop rate (on taxable lines after discounts, and on shipping), taxes
 * extracted from prices when the shop includes them, nothing for tax-exempt drafts or customers, and the
 * amounts due now and later. Every amount is a decimal string rounded to the currency's exponent.
 */

/** What pricing reads from a draft; `draftOrderCalculate` prices an unsaved one. */
export type PricedDraft = Pick<
  DraftOrder,
  | "lineItems"
  | "appliedDiscount"
  | "shippingLine"
  | "shippingAddress"
  | "billingAddress"
  | "customerId"
  | "purchasingCompanyLocationId"
  | "taxExempt"
  | "paymentTerms"
  | "deposit"
>;

export interface LinePrice {
  readonly lineItemId: string;
  readonly originalTotal: string;
  readonly discount: string;
  readonly discountedTotal: string;
  readonly taxLines: readonly TaxLine[];
}

export interface DraftOrderPrice {
  readonly currencyCode: string;
  readonly taxesIncluded: boolean;
  readonly lines: readonly LinePrice[];
  /** Sum of the lines before any discount (`totalLineItemsPriceSet`). */
  readonly totalLineItemsPrice: string;
  /** Sum of the lines after their own discounts (`lineItemsSubtotalPrice`). */
  readonly lineItemsSubtotal: string;
  /** The amount of the order-level applied discount. */
  readonly orderDiscount: string;
  readonly totalDiscounts: string;
  /** Lines after all discounts (`subtotalPriceSet`). */
  readonly subtotal: string;
  readonly shipping: string;
  readonly shippingTaxLines: readonly TaxLine[];
  readonly taxLines: readonly TaxLine[];
  readonly totalTax: string;
  readonly total: string;
  readonly amountDueNow: string;
  readonly amountDueLater: string;
}

export function priceDraftOrder(draft: PricedDraft, shop: ShopState): DraftOrderPrice {
  const currency = shop.settings.currencyCode;
  const taxesIncluded = shop.settings.taxesIncluded;
  const money = (amount: Dec | string) => roundMoney(amount, currency);

  const lineTotals = draft.lineItems.map((line) => {
    const originalTotal = money(new Dec(line.originalUnitPrice).times(line.quantity));
    const discount = lineDiscount(line, originalTotal, currency);
    return { line, originalTotal, discount, discountedTotal: money(new Dec(originalTotal).minus(discount)) };
  });
  const totalLineItemsPrice = sumMoney(
    lineTotals.map((line) => line.originalTotal),
    currency,
  );
  const lineItemsSubtotal = sumMoney(
    lineTotals.map((line) => line.discountedTotal),
    currency,
  );
  const orderDiscount = orderLevelDiscount(draft.appliedDiscount, lineItemsSubtotal, currency);
  const subtotal = money(new Dec(lineItemsSubtotal).minus(orderDiscount));
  const shipping = money(draft.shippingLine?.price ?? "0");

  const rates = isTaxExempt(draft, shop) ? [] : taxRatesFor(taxAddress(draft, shop), shop.settings.taxRates);
  const combinedRate = rates.reduce((sum, rate) => sum.plus(rate.rate), new Dec(0));
  // The tax in `amount` at `rate`, unrounded: added on top, or extracted from a price that already includes it.
  const taxOn = (amount: Dec | string, rate: TaxRate) =>
    taxesIncluded ? new Dec(amount).times(rate.rate).dividedBy(combinedRate.plus(1)) : new Dec(amount).times(rate.rate);

  const allocations = allocateOrderDiscount(
    lineTotals.map((line) => line.discountedTotal),
    orderDiscount,
    currency,
  );
  const lines: LinePrice[] = lineTotals.map((line, index) => {
    const net = new Dec(line.discountedTotal).minus(allocations[index]!);
    return {
      lineItemId: line.line.id,
      originalTotal: line.originalTotal,
      discount: line.discount,
      discountedTotal: line.discountedTotal,
      taxLines: line.line.taxable ? rates.map((rate) => taxLine(rate, money(taxOn(net, rate)))) : [],
    };
  });
  // Shopify rounds tax per line and per shipping line, and an order's tax line for a rate is the sum of those.
  const shippingTaxLines = rates.map((rate) => taxLine(rate, money(taxOn(shipping, rate))));
  const taxLines = rates.map((rate, index) =>
    taxLine(rate, sumMoney([...lines.map((line) => line.taxLines[index]?.price ?? "0"), shippingTaxLines[index]!.price], currency)),
  );
  const totalTax = sumMoney(
    taxLines.map((line) => line.price),
    currency,
  );
  const total = money(new Dec(subtotal).plus(shipping).plus(taxesIncluded ? 0 : totalTax));
  const amountDueNow = dueNow(draft, total, currency);

  return {
    currencyCode: currency,
    taxesIncluded,
    lines,
    totalLineItemsPrice,
    lineItemsSubtotal,
    orderDiscount,
    totalDiscounts: money(new Dec(totalLineItemsPrice).minus(lineItemsSubtotal).plus(orderDiscount)),
    subtotal,
    shipping,
    shippingTaxLines,
    taxLines,
    totalTax,
    total,
    amountDueNow,
    amountDueLater: money(new Dec(total).minus(amountDueNow)),
  };
}

/** A line's own discount: a percentage of the line, or a fixed amount off each unit (never more than the line). */
function lineDiscount(line: LineItem, originalTotal: string, currency: string): string {
  const discount = line.appliedDiscount;
  if (!discount) return roundMoney("0", currency);
  const amount =
    discount.valueType === "PERCENTAGE" ? new Dec(originalTotal).times(discount.value).dividedBy(100) : new Dec(discount.value).times(line.quantity);
  return roundMoney(Dec.min(amount, originalTotal), currency);
}

function orderLevelDiscount(discount: AppliedDiscount | undefined, lineItemsSubtotal: string, currency: string): string {
  if (!discount) return roundMoney("0", currency);
  const amount = discount.valueType === "PERCENTAGE" ? new Dec(lineItemsSubtotal).times(discount.value).dividedBy(100) : new Dec(discount.value);
  return roundMoney(Dec.min(amount, lineItemsSubtotal), currency);
}

/**
 * Spreads the order-level discount over the lines in proportion to their totals, in whole minor units that
 * add up to the discount exactly (largest remainders), so no line's share is ever negative.
 */
export function allocateOrderDiscount(lineTotals: readonly string[], orderDiscount: string, currencyCode: string): string[] {
  if (lineTotals.every((amount) => new Dec(amount).isZero())) return lineTotals.map(() => roundMoney("0", currencyCode));
  return allocateProportionally(orderDiscount, lineTotals, currencyCode);
}

/**
 * The amount checkout charges. With payment terms it is the deposit (none: 0); without, the whole total.
 * Shopify's documents disagree on whether the deposit percentage applies to the total or the subtotal; the
 * emulator applies it to the total, rounded half up, and the app reads `amountDueNowSet` rather than assuming.
 */
function dueNow(draft: PricedDraft, total: string, currency: string): string {
  if (!draft.paymentTerms) return total;
  if (!draft.deposit) return roundMoney("0", currency);
  return roundMoney(new Dec(total).times(String(draft.deposit.percentage)).dividedBy(100), currency);
}

function isTaxExempt(draft: PricedDraft, shop: ShopState): boolean {
  if (draft.taxExempt) return true;
  return findCustomer(shop, draft.customerId)?.taxExempt === true;
}

/** Where the goods are taxed: the shipping address, else the billing address, else the buyer's default address. */
function taxAddress(draft: PricedDraft, shop: ShopState): Address | undefined {
  if (draft.shippingAddress) return draft.shippingAddress;
  if (draft.billingAddress) return draft.billingAddress;
  const customer = findCustomer(shop, draft.customerId);
  if (customer?.defaultAddress) return customer.defaultAddress;
  const location = shop.companies.flatMap((company) => company.locations).find((candidate) => candidate.id === draft.purchasingCompanyLocationId);
  return location?.billingAddress;
}

/** The country's rates plus those of the address's province (GST + PST, say); none without an address. */
export function taxRatesFor(address: Address | undefined, rates: readonly TaxRate[]): TaxRate[] {
  if (!address) return [];
  return rates.filter((rate) => rate.countryCode === address.countryCode && (rate.provinceCode === undefined || rate.provinceCode === address.provinceCode));
}

function taxLine(rate: TaxRate, price: string): TaxLine {
  return { title: rate.title, rate: rate.rate, price };
}
