import type { ResolverModule } from "../resolver-types";
import { mailingAddressView } from "./catalog-and-customers";

const PLAN_DISPLAY_NAMES = { basic: "Basic", shopify: "Shopify", advanced: "Advanced", plus: "Shopify Plus", enterprise: "Shopify Plus" } as const;

/** `shop { … }`: name, currency, time zone, billing country, plan, tax settings; `shopLocales`: its one language. */
export const shopResolvers: ResolverModule = {
  query: {
    shop: (_args, { shop }) => {
      const settings = shop.settings;
      return {
        __typename: "Shop",
        id: `gid://shopify/Shop/${settings.domain.split(".")[0]}`,
        name: settings.name,
        email: settings.email,
        myshopifyDomain: settings.domain,
        currencyCode: settings.currencyCode,
        ianaTimezone: settings.ianaTimezone,
        billingAddress: mailingAddressView({ countryCode: settings.countryCode }, "1"),
        taxesIncluded: settings.taxesIncluded,
        plan: {
          __typename: "ShopPlan",
          displayName: PLAN_DISPLAY_NAMES[settings.plan],
          publicDisplayName: PLAN_DISPLAY_NAMES[settings.plan],
          shopifyPlus: settings.plan === "plus" || settings.plan === "enterprise",
          partnerDevelopment: false,
        },
      };
    },
    shopLocales: (_args, { shop }) => [
      {
        __typename: "ShopLocale",
        locale: shop.settings.primaryLocale,
        name: shop.settings.primaryLocale,
        primary: true,
        published: true,
        marketWebPresences: [],
      },
    ],
  },
};
