import { adminOperation } from "../admin-operation";

/**
 * An order as collection needs it: balances and financial status, payment terms with their schedules, the
 * transactions, the vaulted payment methods (mandates), the fulfillments (which date stages waiting for them) and
 * the fulfillment orders with their holds.
 */
export const orderQuery = adminOperation(
  "Order",
  `#graphql
  query Order($id: ID!) {
    order(id: $id) {
      id
      name
      createdAt
      processedAt
      closed
      cancelledAt
      currencyCode
      taxesIncluded
      displayFinancialStatus
      displayFulfillmentStatus
      tags
      customer {
        id
        email
      }
      customAttributes {
        key
        value
      }
      totalPriceSet {
        shopMoney {
          amount
          currencyCode
        }
      }
      currentTotalPriceSet {
        shopMoney {
          amount
          currencyCode
        }
      }
      totalOutstandingSet {
        shopMoney {
          amount
          currencyCode
        }
      }
      totalReceivedSet {
        shopMoney {
          amount
          currencyCode
        }
      }
      totalRefundedSet {
        shopMoney {
          amount
          currencyCode
        }
      }
      paymentTerms {
        id
        paymentTermsName
        paymentTermsType
        dueInDays
        overdue
        paymentSchedules(first: 5) {
          nodes {
            id
            issuedAt
            dueAt
            completedAt
            due
            balanceDue {
              amount
              currencyCode
            }
            totalBalance {
              amount
              currencyCode
            }
          }
        }
      }
      transactions(first: 50) {
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
      refunds(first: 50) {
        id
        note
        transactions(first: 1) {
          nodes {
            id
          }
        }
      }
      paymentCollectionDetails {
        vaultedPaymentMethods {
          id
          paymentInstrument {
            __typename
            ... on VaultCreditCard {
              brand
              lastDigits
            }
          }
        }
      }
      fulfillments(first: 20) {
        id
        status
        createdAt
      }
      fulfillmentOrders(first: 10) {
        nodes {
          id
          status
          requestStatus
          updatedAt
          fulfillmentHolds {
            id
            reason
            reasonNotes
            handle
            heldByRequestingApp
          }
        }
      }
    }
  }
`,
);
