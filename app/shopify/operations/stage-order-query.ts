import { adminOperation } from "../admin-operation";

/**
 * An order that collects one stage: only what collection reads from it (its payments, balance and saved
 * card), so that looking at every stage order of a contract stays cheap against the shop's rate limit.
 */
export const stageOrderQuery = adminOperation(
  "StageOrder",
  `#graphql
  query StageOrder($id: ID!) {
    order(id: $id) {
      id
      cancelledAt
      closed
      displayFinancialStatus
      totalOutstandingSet {
        shopMoney {
          amount
          currencyCode
        }
      }
      transactions(first: 20) {
        id
        kind
        status
        gateway
        manualPaymentGateway
        errorCode
        createdAt
        processedAt
        paymentId
        paymentDetails {
          __typename
          ... on CardPaymentDetails {
            company
            number
          }
        }
        parentTransaction {
          id
        }
        amountSet {
          shopMoney {
            amount
            currencyCode
          }
        }
      }
      paymentCollectionDetails {
        additionalPaymentCollectionUrl
        vaultedPaymentMethods {
          id
        }
      }
    }
  }
`,
);
