import type { ResolverModule } from "../resolver-types";

const PLAN_DISPLAY_NAMES = { basic: "Basic", shopify: "Shopify", advanced: "Advanced", plus: "Shopify Plus", enterprise: "Shopify Plus" } as const;

/** `shop { … }`: name, currency, time zone, plan, tax settings. */
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
  },
};
