import { adminOperation } from "../admin-operation";

/** Creates a draft order (a stage order, or a draft the app builds). Not idempotent: a repeat creates another. */
export const draftOrderCreateMutation = adminOperation(
  "DraftOrderCreate",
  `#graphql
  mutation DraftOrderCreate($input: DraftOrderInput!) {
    draftOrderCreate(input: $input) {
      draftOrder {
        id
        name
        status
        invoiceUrl
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
);
