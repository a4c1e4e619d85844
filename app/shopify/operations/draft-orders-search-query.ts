import { adminOperation } from "../admin-operation";

/**
 * Open draft orders matching what staff typed (Shopify's search syntax), newest first, with what the attach
 * page shows to pick one: the customer, the total and whether a contract is already on it.
 */
export const draftOrdersSearchQuery = adminOperation(
  "DraftOrdersSearch",
  `#graphql
  query DraftOrdersSearch($query: String!) {
    draftOrders(first: 25, query: $query, sortKey: ID, reverse: true) {
      nodes {
        id
        name
        createdAt
        customer {
          id
          displayName
          email
        }
        totalPriceSet {
          shopMoney {
            amount
            currencyCode
          }
        }
        customAttributes {
          key
          value
        }
      }
    }
  }
`,
);
