import { adminOperation } from "../admin-operation";

/** Emails a link to pay an order's whole outstanding balance. */
export const orderInvoiceSendMutation = adminOperation(
  "OrderInvoiceSend",
  `#graphql
  mutation OrderInvoiceSend($id: ID!, $email: EmailInput) {
    orderInvoiceSend(id: $id, email: $email) {
      order {
        id
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
