import { adminOperation } from "../admin-operation";

/** What the admin formats by: the shop's time zone, billing country and primary language. */
export const shopProfileQuery = adminOperation(
  "ShopProfile",
  `#graphql
  query ShopProfile {
    shop {
      ianaTimezone
      billingAddress {
        countryCodeV2
      }
    }
    shopLocales(published: true) {
      locale
      primary
    }
  }
`,
);
