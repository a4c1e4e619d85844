import { adminOperation } from "../admin-operation";

/** Completes a draft into an order (the main order in stage-order mode), payment pending. */
export const draftOrderCompleteMutation = adminOperation(
  "DraftOrderComplete",
  `#graphql
  mutation DraftOrderComplete($id: ID!, $paymentPending: Boolean, $sourceName: String) {
    draftOrderComplete(id: $id, paymentPending: $paymentPending, sourceName: $sourceName) {
      draftOrder {
        id
        status
        completedAt
        order {
          id
          name
        }
      }
      userErrors {
        field
        message
      }
    }
  }
`,
);
