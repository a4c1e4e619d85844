import { adminOperation } from "../admin-operation";

/** Sets fields of a draft order (deposit, payment terms, attributes); setting the same input twice changes nothing more. */
export const draftOrderUpdateMutation = adminOperation(
  "DraftOrderUpdate",
  `#graphql
  mutation DraftOrderUpdate($id: ID!, $input: DraftOrderInput!) {
    draftOrderUpdate(id: $id, input: $input) {
      draftOrder {
        id
        status
        updatedAt
        totalPriceSet {
          shopMoney {
            amount
            currencyCode
          }
        }
        amountDueNowSet {
          shopMoney {
            amount
            currencyCode
          }
        }
        amountDueLaterSet {
          shopMoney {
            amount
            currencyCode
          }
        }
      }
      userErrors {
        field
        message
      }
    }
  }
`,
  { idempotent: true },
);
