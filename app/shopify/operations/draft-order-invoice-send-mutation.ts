import { adminOperation } from "../admin-operation";

/** Emails a draft order's checkout link; a repeat sends another email. */
export const draftOrderInvoiceSendMutation = adminOperation(
  "DraftOrderInvoiceSend",
  `#graphql
  mutation DraftOrderInvoiceSend($id: ID!, $email: EmailInput) {
    draftOrderInvoiceSend(id: $id, email: $email) {
      draftOrder {
        id
        status
        invoiceUrl
        invoiceSentAt
      }
      userErrors {
        field
        message
      }
    }
  }
`,
);
