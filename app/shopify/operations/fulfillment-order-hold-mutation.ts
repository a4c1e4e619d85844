import { adminOperation } from "../admin-operation";

/** Holds a fulfillment order until a pre-shipping stage is paid (reason AWAITING_PAYMENT). */
export const fulfillmentOrderHoldMutation = adminOperation(
  "FulfillmentOrderHold",
  `#graphql
  mutation FulfillmentOrderHold($id: ID!, $fulfillmentHold: FulfillmentOrderHoldInput!) {
    fulfillmentOrderHold(id: $id, fulfillmentHold: $fulfillmentHold) {
      fulfillmentHold {
        id
        reason
        handle
      }
      fulfillmentOrder {
        id
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`,
);
