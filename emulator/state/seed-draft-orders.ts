import { newInvoiceUrl } from "../commerce/draft-order-invoice-url";
import { applyDraftOrderInput, blankDraftOrder } from "../graphql/resolvers/draft-order-input";
import type { EmulatorStore } from "./emulator-store";
import type { Address, AppliedDiscount, ShopState } from "./model";

/** A catalog line by SKU, or a custom line with its own title and price. */
export type DraftOrderLineFixture =
  | { readonly sku: string; readonly quantity: number; readonly appliedDiscount?: AppliedDiscount }
  | { readonly title: string; readonly price: string; readonly quantity: number; readonly taxable?: boolean; readonly requiresShipping?: boolean };

/**
 * A draft order a shop starts with. The buyer is a customer of the fixture (by email; the draft ships and bills
 * to their default address) or, for B2B, a company location (by names; bought by the company's first contact,
 * shipped and billed to the location's billing address).
 */
export interface DraftOrderFixture {
  readonly customer?: string;
  readonly company?: { readonly name: string; readonly location: string };
  /** Who the invoice goes to when there is no customer (B2B drafts). */
  readonly email?: string;
  readonly lines: readonly DraftOrderLineFixture[];
  readonly shippingLine?: { readonly title: string; readonly price: string };
  readonly appliedDiscount?: AppliedDiscount;
  readonly note?: string;
  readonly poNumber?: string;
  readonly tags?: readonly string[];
}

/**
 * Adds a fixture's draft orders to a freshly seeded shop through the same input handling as `draftOrderCreate`,
 * so they are priced, taxed and named (#D1, #D2, …) exactly as drafts staff create. No webhook is sent: they
 * exist before any app is listening. A draft the emulator would refuse is a broken fixture, and throws.
 */
export function seedDraftOrders(fixtures: readonly DraftOrderFixture[], shop: ShopState, store: EmulatorStore): void {
  fixtures.forEach((fixture, index) => {
    const where = `${shop.settings.domain} draftOrders[${index}]`;
    const draft = blankDraftOrder(store.clock.nowIso());
    const { errors } = applyDraftOrderInput(draft, draftOrderInput(fixture, shop, where), { store, shop }, { creating: true, fieldPrefix: [] });
    if (errors.length > 0) throw new Error(`${where}: ${errors.map((error) => error.message).join("; ")}`);
    shop.draftOrders.push({ ...draft, id: store.newId("DraftOrder"), name: `#D${shop.draftOrders.length + 1}`, invoiceUrl: newInvoiceUrl(store) });
  });
}

/** The `DraftOrderInput` staff would send for the fixture. */
function draftOrderInput(fixture: DraftOrderFixture, shop: ShopState, where: string): Record<string, unknown> {
  const variants = shop.products.flatMap((product) => product.variants);
  const lineItems = fixture.lines.map((line) => {
    if ("title" in line)
      return {
        title: line.title,
        originalUnitPrice: line.price,
        quantity: line.quantity,
        taxable: line.taxable ?? true,
        requiresShipping: line.requiresShipping ?? true,
      };
    const variant = variants.find((candidate) => candidate.sku === line.sku);
    if (!variant) throw new Error(`${where}: no variant with SKU ${line.sku}`);
    return { variantId: variant.id, quantity: line.quantity, ...(line.appliedDiscount ? { appliedDiscount: line.appliedDiscount } : {}) };
  });
  return {
    lineItems,
    ...buyerInput(fixture, shop, where),
    ...(fixture.email ? { email: fixture.email } : {}),
    ...(fixture.shippingLine
      ? {
          shippingLine: {
            title: fixture.shippingLine.title,
            priceWithCurrency: { amount: fixture.shippingLine.price, currencyCode: shop.settings.currencyCode },
          },
        }
      : {}),
    ...(fixture.appliedDiscount ? { appliedDiscount: fixture.appliedDiscount } : {}),
    ...(fixture.note ? { note: fixture.note } : {}),
    ...(fixture.poNumber ? { poNumber: fixture.poNumber } : {}),
    ...(fixture.tags ? { tags: fixture.tags } : {}),
  };
}

function buyerInput(fixture: DraftOrderFixture, shop: ShopState, where: string): Record<string, unknown> {
  if (fixture.customer) {
    const customer = shop.customers.find((candidate) => candidate.email === fixture.customer);
    if (!customer) throw new Error(`${where}: no customer ${fixture.customer}`);
    return { customerId: customer.id, useCustomerDefaultAddress: true };
  }
  if (fixture.company) {
    const company = shop.companies.find((candidate) => candidate.name === fixture.company?.name);
    const location = company?.locations.find((candidate) => candidate.name === fixture.company?.location);
    if (!company || !location) throw new Error(`${where}: no company location ${fixture.company.name} / ${fixture.company.location}`);
    // Shopify's input requires the contact who buys; the emulator's contact ids are its customers' numbers.
    const contactId = company.contactCustomerIds[0]?.replace("/Customer/", "/CompanyContact/");
    if (!contactId) throw new Error(`${where}: ${company.name} has no contact to buy for it`);
    const address: Address | undefined = location.billingAddress;
    return {
      purchasingEntity: { purchasingCompany: { companyId: company.id, companyLocationId: location.id, companyContactId: contactId } },
      ...(address ? { billingAddress: address, shippingAddress: address } : {}),
    };
  }
  return {};
}
