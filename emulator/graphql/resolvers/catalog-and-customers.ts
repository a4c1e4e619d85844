import { findCustomer } from "../../commerce/shop-lookup";
import type { Address, Company, Customer, Product, ShopState } from "../../state/model";
import type { ResolverModule } from "../resolver-types";
import { connection, legacyId, moneyV2 } from "../views";

/** Products, variants, customers and B2B companies: read-only, as seeded. */
export const catalogAndCustomerResolvers: ResolverModule = {
  query: {
    product: ({ id }, { shop }) =>
      viewOrNull(
        shop.products.find((product) => product.id === id),
        (product) => productView(product, shop),
      ),
    products: (args, { shop }) => connection(shop.products.filter(matchesWords(args.query, (p) => p.title)), args, (product) => productView(product, shop)),
    productVariant: ({ id }, { shop }) => {
      const product = shop.products.find((candidate) => candidate.variants.some((variant) => variant.id === id));
      return viewOrNull(product, (found) => variantView(found, id as string, shop));
    },
    customer: ({ id }, { shop }) => viewOrNull(findCustomer(shop, id as string), customerView),
    customers: (args, { shop }) =>
      connection(shop.customers.filter(matchesWords(args.query, (c) => `${c.email} ${c.firstName ?? ""} ${c.lastName ?? ""}`)), args, customerView),
    company: ({ id }, { shop }) =>
      viewOrNull(
        shop.companies.find((company) => company.id === id),
        (company) => companyView(company, shop),
      ),
    companies: (args, { shop }) => connection(shop.companies.filter(matchesWords(args.query, (c) => c.name)), args, (company) => companyView(company, shop)),
    companyLocation: ({ id }, { shop }) => {
      const company = shop.companies.find((candidate) => candidate.locations.some((location) => location.id === id));
      return viewOrNull(company, (found) => locationView(found, id as string, shop));
    },
  },
};

function viewOrNull<T>(record: T | undefined, toView: (record: T) => unknown): unknown {
  return record === undefined ? null : toView(record);
}

/** Shopify's `query` argument, the part the app uses here: every bare word must appear (case-insensitive). */
function matchesWords<T>(query: unknown, text: (record: T) => string): (record: T) => boolean {
  const words = typeof query === "string" ? query.toLowerCase().split(/\s+/).filter(Boolean) : [];
  return (record) => words.every((word) => text(record).toLowerCase().includes(word.replace(/^\w+:/, "")));
}

function productView(product: Product, shop: ShopState) {
  return {
    __typename: "Product",
    id: product.id,
    legacyResourceId: String(legacyId(product.id)),
    title: product.title,
    variants: (args: Record<string, unknown>) => connection(product.variants, args, (variant) => variantView(product, variant.id, shop)),
  };
}

function variantView(product: Product, variantId: string, shop: ShopState) {
  const variant = product.variants.find((candidate) => candidate.id === variantId)!;
  return {
    __typename: "ProductVariant",
    id: variant.id,
    legacyResourceId: String(legacyId(variant.id)),
    title: variant.title,
    displayName: `${product.title} - ${variant.title}`,
    sku: variant.sku ?? null,
    price: moneyV2(variant.price, shop.settings.currencyCode).amount,
    taxable: variant.taxable,
    product: () => productView(product, shop),
  };
}

/** A `MailingAddress`; Shopify's ids for them look like `gid://shopify/MailingAddress/123?model_name=Address`. */
export function mailingAddressView(address: Address | undefined, idSuffix: string) {
  if (!address) return null;
  return {
    __typename: "MailingAddress",
    id: `gid://shopify/MailingAddress/${idSuffix}?model_name=Address`,
    firstName: address.firstName ?? null,
    lastName: address.lastName ?? null,
    name: [address.firstName, address.lastName].filter(Boolean).join(" ") || null,
    company: address.company ?? null,
    address1: address.address1 ?? null,
    city: address.city ?? null,
    province: address.province ?? null,
    provinceCode: address.provinceCode ?? null,
    country: address.country ?? null,
    countryCodeV2: address.countryCode || null,
    zip: address.zip ?? null,
    phone: null,
  };
}

export function customerView(customer: Customer) {
  return {
    __typename: "Customer",
    id: customer.id,
    legacyResourceId: String(legacyId(customer.id)),
    email: customer.email,
    firstName: customer.firstName ?? null,
    lastName: customer.lastName ?? null,
    displayName: [customer.firstName, customer.lastName].filter(Boolean).join(" ") || customer.email,
    taxExempt: customer.taxExempt ?? false,
    locale: customer.locale ?? "en",
    defaultAddress: mailingAddressView(customer.defaultAddress, `${legacyId(customer.id)}0`),
  };
}

function companyView(company: Company, shop: ShopState) {
  return {
    __typename: "Company",
    id: company.id,
    name: company.name,
    locations: (args: Record<string, unknown>) => connection(company.locations, args, (location) => locationView(company, location.id, shop)),
    contacts: (args: Record<string, unknown>) =>
      connection(company.contactCustomerIds, args, (customerId) => ({
        __typename: "CompanyContact",
        id: customerId.replace("Customer", "CompanyContact"),
        customer: viewOrNull(findCustomer(shop, customerId), customerView),
      })),
  };
}

function locationView(company: Company, locationId: string, shop: ShopState) {
  const location = company.locations.find((candidate) => candidate.id === locationId)!;
  const address = location.billingAddress;
  return {
    __typename: "CompanyLocation",
    id: location.id,
    name: location.name,
    company: () => companyView(company, shop),
    billingAddress: address
      ? {
          __typename: "CompanyAddress",
          id: location.id.replace("CompanyLocation", "CompanyAddress"),
          address1: address.address1 ?? null,
          city: address.city ?? null,
          province: address.province ?? null,
          country: address.country ?? null,
          countryCode: address.countryCode,
          zip: address.zip ?? null,
        }
      : null,
  };
}
