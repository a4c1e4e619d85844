import { adminOperation } from "../admin-operation";

/** Moves payment terms to the next stage's due date; setting the same terms twice changes nothing more. */
export const paymentTermsUpdateMutation = adminOperation(
  "PaymentTermsUpdate",
  `#graphql
  mutation PaymentTermsUpdate($input: PaymentTermsUpdateInput!) {
    paymentTermsUpdate(input: $input) {
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
  { idempotent: true },
);
