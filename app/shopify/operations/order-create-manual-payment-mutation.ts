import { adminOperation } from "../admin-operation";

/** Records an offline payment (a paid stage) on an order; a repeat would record it twice. */
export const orderCreateManualPaymentMutation = adminOperation(
  "OrderCreateManualPayment",
  `#graphql
  mutation OrderCreateManualPayment($id: ID!, $amount: MoneyInput, $paymentMethodName: String, $processedAt: DateTime) {
    orderCreateManualPayment(id: $id, amount: $amount, paymentMethodName: $paymentMethodName, processedAt: $processedAt) {
      order {
        id
        displayFinancialStatus
        totalOutstandingSet {
          shopMoney {
            amount
            currencyCode
          }
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
