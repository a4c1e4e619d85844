import type { EmulatorStore } from "./emulator-store";
import type { Address, ShopPlan, ShopState, TaxRate } from "./model";
import { seedDraftOrders, type DraftOrderFixture } from "./seed-draft-orders";

/**
 * A shop as a JSON fixture describes it. Ids are assigned by the emulator; products, customers and companies
 * are referred to by their position or by the ids the emulator returns.
 */
export interface ShopFixture {
  readonly domain: string;
  readonly name?: string;
  readonly email?: string;
  readonly plan?: ShopPlan;
  readonly currencyCode?: string;
  readonly ianaTimezone?: string;
  /** Default "en". */
  readonly primaryLocale?: string;
  /** The billing address's country; default "US". */
  readonly countryCode?: string;
  readonly taxesIncluded?: boolean;
  readonly taxRates?: readonly TaxRate[];
  readonly accessToken?: string;
  /** Default: Shopify's standard manual methods (Bank Deposit, Money Order, Cash on Delivery). */
  readonly manualPaymentMethods?: readonly string[];
  readonly products?: readonly {
    readonly title: string;
    readonly variants: readonly {
      readonly title?: string;
      readonly sku?: string;
      readonly price: string;
      readonly taxable?: boolean;
      readonly requiresShipping?: boolean;
    }[];
  }[];
  readonly customers?: readonly {
    readonly email: string;
    readonly firstName?: string;
    readonly lastName?: string;
    readonly defaultAddress?: Address;
    readonly taxExempt?: boolean;
    readonly locale?: string;
  }[];
  readonly companies?: readonly {
    readonly name: string;
    readonly contactEmails?: readonly string[];
    readonly locations: readonly { readonly name: string; readonly billingAddress?: Address }[];
  }[];
  /** Open draft orders the shop starts with, created after its products, customers and companies. */
  readonly draftOrders?: readonly DraftOrderFixture[];
}

/** The manual payment methods Shopify sets up for every shop. */
const STANDARD_MANUAL_PAYMENT_METHODS = ["Bank Deposit", "Money Order", "Cash on Delivery (COD)"];

export function seedShop(fixture: ShopFixture, store: EmulatorStore): ShopState {
  const shop = seedCatalog(fixture, store);
  seedDraftOrders(fixture.draftOrders ?? [], shop, store);
  return shop;
}

function seedCatalog(fixture: ShopFixture, store: EmulatorStore): ShopState {
  const customers = (fixture.customers ?? []).map((customer) => ({ id: store.newId("Customer"), ...customer }));
  return {
    settings: {
      domain: fixture.domain,
      name: fixture.name ?? fixture.domain.replace(/\.myshopify\.com$/, ""),
      email: fixture.email ?? `owner@${fixture.domain}`,
      plan: fixture.plan ?? "basic",
      currencyCode: fixture.currencyCode ?? "USD",
      ianaTimezone: fixture.ianaTimezone ?? "America/New_York",
      primaryLocale: fixture.primaryLocale ?? "en",
      countryCode: fixture.countryCode ?? "US",
      taxesIncluded: fixture.taxesIncluded ?? false,
      taxRates: fixture.taxRates ?? [],
      accessToken: fixture.accessToken ?? `shpat_emulator_${fixture.domain}`,
      manualPaymentMethods: fixture.manualPaymentMethods ?? STANDARD_MANUAL_PAYMENT_METHODS,
    },
    products: (fixture.products ?? []).map((product) => ({
      id: store.newId("Product"),
      title: product.title,
      variants: product.variants.map((variant) => ({
        id: store.newId("ProductVariant"),
        title: variant.title ?? "Default Title",
        ...(variant.sku === undefined ? {} : { sku: variant.sku }),
        price: variant.price,
        taxable: variant.taxable ?? true,
        requiresShipping: variant.requiresShipping ?? true,
      })),
    })),
    customers,
    companies: (fixture.companies ?? []).map((company) => ({
      id: store.newId("Company"),
      name: company.name,
      contactCustomerIds: (company.contactEmails ?? []).flatMap((email) => customers.filter((c) => c.email === email).map((c) => c.id)),
      locations: company.locations.map((location) => ({ id: store.newId("CompanyLocation"), ...location })),
    })),
    draftOrders: [],
    orders: [],
    mandates: [],
    mandatePayments: [],
    metafields: [],
    webhookSubscriptions: [],
    jobs: [],
  };
}
