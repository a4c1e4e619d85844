import { adminOperation } from "../admin-operation";

/** Whether a draft order is still open or was completed into an order, and which; who its invoice goes to; which contract it names. */
export const draftOrderStatusQuery = adminOperation(
  "DraftOrderStatus",
  `#graphql
  query DraftOrderStatus($id: ID!) {
    draftOrder(id: $id) {
      id
      name
      email
      status
      invoiceSentAt
      invoiceUrl
      customAttributes {
        key
        value
      }
      appliedDiscount {
        title
      }
      order {
        id
        name
      }
    }
  }
`,
);
