import { adminOperation } from "../admin-operation";

/** Emails the buyer a reminder for a payment schedule; a repeat sends another. */
export const paymentReminderSendMutation = adminOperation(
  "PaymentReminderSend",
  `#graphql
  mutation PaymentReminderSend($paymentScheduleId: ID!) {
    paymentReminderSend(paymentScheduleId: $paymentScheduleId) {
      success
      userErrors {
        field
        message
        code
      }
    }
  }
`,
);
