import { adminOperation } from "../admin-operation";

/** Gives an order or draft order payment terms (the next stage's due date). */
export const paymentTermsCreateMutation = adminOperation(
  "PaymentTermsCreate",
  `#graphql
  mutation PaymentTermsCreate($referenceId: ID!, $paymentTermsAttributes: PaymentTermsCreateInput!) {
    paymentTermsCreate(referenceId: $referenceId, paymentTermsAttributes: $paymentTermsAttributes) {
      paymentTerms {
        id
        paymentTermsName
        paymentTermsType
        dueInDays
        paymentSchedules(first: 5) {
          nodes {
            id
            issuedAt
            dueAt
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
