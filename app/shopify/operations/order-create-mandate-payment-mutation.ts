import { adminOperation } from "../admin-operation";

/**
 * Charges a vaulted payment method for a stage. The idempotency key (contract + stage + attempt) makes a
 * retry safe: Shopify answers a repeated key with the first request's job instead of charging again.
 */
export const orderCreateMandatePaymentMutation = adminOperation(
  "OrderCreateMandatePayment",
  `#graphql
  mutation OrderCreateMandatePayment(
    $id: ID!
    $mandateId: ID!
    $idempotencyKey: String!
    $amount: MoneyInput
    $autoCapture: Boolean
    $paymentScheduleId: ID
  ) {
    orderCreateMandatePayment(
      id: $id
      mandateId: $mandateId
      idempotencyKey: $idempotencyKey
      amount: $amount
      autoCapture: $autoCapture
      paymentScheduleId: $paymentScheduleId
    ) {
      job {
        id
        done
      }
      paymentReferenceId
      userErrors {
        field
        message
        code
      }
    }
  }
`,
);
