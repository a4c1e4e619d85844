import { adminOperation } from "../admin-operation";

/**
 * Gives money back on an order, from the payments named (`transactions`, each with its `parentId`). Not idempotent:
 * the planner asks again only after reading the order's refunds afresh (app/domain/contract/next-step.ts).
 */
export const refundCreateMutation = adminOperation(
  "RefundCreate",
  `#graphql
  mutation RefundCreate($input: RefundInput!) {
    refundCreate(input: $input) {
      refund {
        id
        transactions(first: 20) {
          nodes {
            id
            amountSet {
              shopMoney {
                amount
                currencyCode
              }
            }
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
