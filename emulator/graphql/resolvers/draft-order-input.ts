import { findCustomer } from "../../commerce/shop-lookup";
import { Dec, readDecimal, roundMoney } from "../../commerce/money";
import { paymentTermsFromInput } from "../../commerce/payment-terms-input";
import type { EmulatorStore } from "../../state/emulator-store";
import type { Address, AppliedDiscount, DraftOrder, LineItem, ShopState } from "../../state/model";
import type { UserError } from "../resolver-types";
import { legacyId } from "../views";

/**
 * Applies a `DraftOrderInput` to a draft the way Shopify merges it: every field given replaces the draft's
 * (null removes it), fields left out stay. Validation messages and field paths are the ones Shopify returns
 * (recorded from live shops); `draftOrderUpdate` prefixes its paths with "input", create and calculate do not.
 */

export interface AppliedInput {
  readonly errors: UserError[];
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** A draft before it is stored: what create and calculate start from. */
export function blankDraftOrder(now: string): DraftOrder {
  return { id: "", name: "", status: "OPEN", lineItems: [], customAttributes: [], tags: [], taxExempt: false, invoiceUrl: "", createdAt: now, updatedAt: now };
}

export function applyDraftOrderInput(
  draft: DraftOrder,
  input: Record<string, any>,
  { store, shop }: { store: EmulatorStore; shop: ShopState },
  options: { readonly creating: boolean; readonly fieldPrefix: readonly string[] },
): AppliedInput {
  const errors: UserError[] = [];
  const path = (...parts: string[]) => [...options.fieldPrefix, ...parts];
  const has = (key: string) => Object.prototype.hasOwnProperty.call(input, key);

  if (has("email")) {
    if (input.email === null || input.email === "") delete draft.email;
    else if (!EMAIL.test(input.email)) errors.push({ field: path("email"), message: "Email is invalid" });
    else draft.email = input.email;
  }
  if (has("note")) setOptional(draft, "note", input.note);
  if (has("poNumber")) setOptional(draft, "poNumber", input.poNumber);
  if (has("tags")) draft.tags = normalizeTags(input.tags ?? []);
  if (has("customAttributes"))
    draft.customAttributes = (input.customAttributes ?? []).map((attribute: { key: string; value: string }) => ({
      key: attribute.key,
      value: attribute.value,
    }));
  if (has("taxExempt") && input.taxExempt !== null) draft.taxExempt = input.taxExempt;

  const customerId = input.purchasingEntity?.customerId ?? input.customerId;
  const company = input.purchasingEntity?.purchasingCompany;
  if (customerId) {
    const customer = findCustomer(shop, customerId);
    if (!customer) errors.push({ field: path(input.purchasingEntity ? "purchasingEntity" : "customerId"), message: "Customer does not exist" });
    else {
      draft.customerId = customer.id;
      delete draft.purchasingCompanyLocationId;
      draft.email ??= customer.email;
    }
  } else if (company) {
    const location = shop.companies
      .find((candidate) => candidate.id === company.companyId)
      ?.locations.find((candidate) => candidate.id === company.companyLocationId);
    if (!location) errors.push({ field: path("purchasingEntity", "purchasingCompany"), message: "Company location does not exist" });
    else draft.purchasingCompanyLocationId = location.id;
  } else if ((has("purchasingEntity") && input.purchasingEntity === null) || (has("customerId") && input.customerId === null)) {
    delete draft.customerId;
    delete draft.purchasingCompanyLocationId;
  }

  if (has("lineItems") || options.creating) {
    const lines = input.lineItems ?? [];
    if (lines.length === 0) errors.push({ field: null, message: "Add at least 1 product" });
    const built = lines.map((line: Record<string, any>, index: number) => lineItemFrom(line, index, store, shop, path, errors));
    if (built.every((line: LineItem | undefined): line is LineItem => line !== undefined)) draft.lineItems = built;
  }
  if (has("appliedDiscount")) {
    const discount = input.appliedDiscount === null ? undefined : appliedDiscountFrom(input.appliedDiscount, path("appliedDiscount"), errors);
    if (discount) draft.appliedDiscount = discount;
    else if (input.appliedDiscount === null) delete draft.appliedDiscount;
  }
  if (has("shippingLine")) {
    if (input.shippingLine === null) delete draft.shippingLine;
    else {
      const price = input.shippingLine.priceWithCurrency?.amount ?? input.shippingLine.price ?? "0";
      draft.shippingLine = { title: input.shippingLine.title ?? "", price: roundMoney(String(price), shop.settings.currencyCode) };
    }
  }
  if (has("shippingAddress")) setOptional(draft, "shippingAddress", input.shippingAddress === null ? null : addressFrom(input.shippingAddress));
  if (has("billingAddress")) setOptional(draft, "billingAddress", input.billingAddress === null ? null : addressFrom(input.billingAddress));
  if (input.useCustomerDefaultAddress === true) {
    const address = findCustomer(shop, draft.customerId)?.defaultAddress;
    if (address) {
      draft.shippingAddress = address;
      draft.billingAddress = address;
    }
  }
  if (has("paymentTerms")) {
    if (input.paymentTerms === null) delete draft.paymentTerms;
    else {
      const built = paymentTermsFromInput(store, input.paymentTerms);
      if ("error" in built) errors.push({ field: null, message: built.error });
      else draft.paymentTerms = built.terms;
    }
  }
  if (has("deposit")) {
    if (input.deposit === null) delete draft.deposit;
    else applyDeposit(draft, input.deposit.percentage, shop, path("deposit"), errors);
  }
  // Checked on the result, so removing the terms of a draft that keeps its deposit is refused too.
  if (draft.deposit && !draft.paymentTerms && !errors.some((error) => error.field?.includes("deposit"))) {
    errors.push({ field: path("deposit"), message: "Deposit requires a payment terms template." });
  }
  return { errors };
}

function setOptional<K extends "note" | "poNumber" | "shippingAddress" | "billingAddress">(
  draft: DraftOrder,
  key: K,
  value: DraftOrder[K] | null | undefined,
): void {
  if (value === null || value === undefined) delete draft[key];
  else draft[key] = value;
}

/** Shopify trims tags, drops blanks and duplicates, and keeps them sorted. */
function normalizeTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim()).filter(Boolean))].sort((a, b) => a.localeCompare(b));
}

function lineItemFrom(
  input: Record<string, any>,
  index: number,
  store: EmulatorStore,
  shop: ShopState,
  path: (...parts: string[]) => string[],
  errors: UserError[],
): LineItem | undefined {
  const before = errors.length;
  if (!Number.isInteger(input.quantity) || input.quantity < 1) {
    errors.push({ field: path("lineItems", String(index), "quantity"), message: "Quantity must be greater than or equal to 1" });
  }
  const discount = input.appliedDiscount ? appliedDiscountFrom(input.appliedDiscount, path("lineItems", String(index), "appliedDiscount"), errors) : undefined;
  const customAttributes = (input.customAttributes ?? []).map((attribute: { key: string; value: string }) => ({ key: attribute.key, value: attribute.value }));
  const currency = shop.settings.currencyCode;

  if (input.variantId) {
    const product = shop.products.find((candidate) => candidate.variants.some((variant) => variant.id === input.variantId));
    const variant = product?.variants.find((candidate) => candidate.id === input.variantId);
    if (!product || !variant) {
      errors.push({ field: null, message: `Product with ID ${legacyId(input.variantId)} is no longer available.` });
      return undefined;
    }
    if (errors.length > before) return undefined;
    return {
      id: store.newId("DraftOrderLineItem"),
      variantId: variant.id,
      productId: product.id,
      title: product.title,
      ...(variant.sku === undefined ? {} : { sku: variant.sku }),
      quantity: input.quantity,
      originalUnitPrice: roundMoney(input.priceOverride?.amount ?? variant.price, currency),
      taxable: variant.taxable,
      requiresShipping: variant.requiresShipping,
      ...(discount ? { appliedDiscount: discount } : {}),
      customAttributes,
    };
  }

  const title = typeof input.title === "string" ? input.title.trim() : "";
  if (!title) errors.push({ field: null, message: "Merchandise title is empty." });
  const priceText = String(input.originalUnitPriceWithCurrency?.amount ?? input.originalUnitPrice ?? "0");
  const price = readDecimal(priceText);
  if (!price || price.isNegative()) errors.push({ field: null, message: "Cannot send negative price for line_item" });
  if (errors.length > before || !price) return undefined;
  return {
    id: store.newId("DraftOrderLineItem"),
    title,
    ...(typeof input.sku === "string" && input.sku !== "" ? { sku: input.sku } : {}),
    quantity: input.quantity,
    originalUnitPrice: roundMoney(price, currency),
    taxable: input.taxable ?? true,
    requiresShipping: input.requiresShipping ?? true,
    ...(discount ? { appliedDiscount: discount } : {}),
    customAttributes,
  };
}

function appliedDiscountFrom(input: Record<string, any>, field: string[], errors: UserError[]): AppliedDiscount | undefined {
  const value = new Dec(String(input.value));
  if (input.valueType === "PERCENTAGE" && value.greaterThan(100)) {
    errors.push({ field: [...field, "value"], message: "Applied discount value must be less than or equal to 100%" });
    return undefined;
  }
  if (value.decimalPlaces() > 2) {
    errors.push({ field: [...field, "value"], message: "Applied discount value can have at most 2 digits after decimal point" });
    return undefined;
  }
  return {
    ...(input.title == null ? {} : { title: input.title }),
    ...(input.description == null ? {} : { description: input.description }),
    value: value.toFixed(),
    valueType: input.valueType,
  };
}

function addressFrom(input: Record<string, any>): Address {
  const address: Record<string, string> = {};
  for (const key of ["firstName", "lastName", "company", "address1", "city", "province", "provinceCode", "country", "zip"] as const) {
    if (typeof input[key] === "string") address[key] = input[key];
  }
  return { ...address, countryCode: input.countryCode ?? "" };
}

/**
 * Deposits (`DepositInput.percentage`, 1–99, with payment terms) are a Shopify Plus feature. The non-Plus
 * message is modelled on Shopify's B2B deposit error; the draft-order wording could not be confirmed.
 */
function applyDeposit(draft: DraftOrder, percentage: number, shop: ShopState, field: string[], errors: UserError[]): void {
  const plan = shop.settings.plan;
  if (plan !== "plus" && plan !== "enterprise") {
    errors.push({ field, message: "Deposits are not enabled for this shop." });
    return;
  }
  if (!(percentage >= 1 && percentage <= 99)) {
    errors.push({ field: [...field, "percentage"], message: "Deposit percentage must be between 1 and 99." });
    return;
  }
  draft.deposit = { percentage };
}
