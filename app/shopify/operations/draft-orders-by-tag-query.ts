import { adminOperation } from "../admin-operation";

/**
 * The draft orders carrying a tag, newest first. A stage draft order is tagged with its contract and position
 * before anything else happens to it, so looking it up by tag tells a rerun job whether the draft was already
 * created (the process may have died between Shopify's answer and recording it).
 */
export const draftOrdersByTagQuery = adminOperation(
  "DraftOrdersByTag",
  `#graphql
  query DraftOrdersByTag($query: String!) {
    draftOrders(first: 25, query: $query, sortKey: ID, reverse: true) {
      nodes {
        id
        name
        status
        invoiceUrl
        invoiceSentAt
        tags
        appliedDiscount {
          title
        }
        order {
          id
          name
        }
      }
    }
  }
`,
);
