import { adminOperation } from "../admin-operation";

/** Releases the app's holds on a fulfillment order once the pre-shipping stage is paid. */
export const fulfillmentOrderReleaseHoldMutation = adminOperation(
  "FulfillmentOrderReleaseHold",
  `#graphql
  mutation FulfillmentOrderReleaseHold($id: ID!, $holdIds: [ID!]) {
    fulfillmentOrderReleaseHold(id: $id, holdIds: $holdIds) {
      fulfillmentOrder {
        id
        status
        fulfillmentHolds {
          id
        }
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
