import { adminOperation } from "../admin-operation";

/** A draft order's custom attributes, which the app writes its contract and schedule into (a cheap read: 2 points). */
export const draftOrderAttributesQuery = adminOperation(
  "DraftOrderAttributes",
  `#graphql
  query DraftOrderAttributes($id: ID!) {
    draftOrder(id: $id) {
      id
      customAttributes {
        key
        value
      }
    }
  }
`,
);
