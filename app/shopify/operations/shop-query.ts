import { adminOperation } from "../admin-operation";

/** The shop's plan (Plus decides the collection mode), currency and time zone. */
export const shopQuery = adminOperation(
  "Shop",
  `#graphql
  query Shop {
    shop {
      id
      name
      myshopifyDomain
      currencyCode
      ianaTimezone
      taxesIncluded
      plan {
        displayName
        publicDisplayName
        shopifyPlus
        partnerDevelopment
      }
    }
  }
`,
);
