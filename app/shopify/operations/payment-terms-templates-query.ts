import { adminOperation } from "../admin-operation";

/** The shop's payment terms templates: the FIXED template's id is what payment terms are created from. */
export const paymentTermsTemplatesQuery = adminOperation(
  "PaymentTermsTemplates",
  `#graphql
  query PaymentTermsTemplates($paymentTermsType: PaymentTermsType) {
    paymentTermsTemplates(paymentTermsType: $paymentTermsType) {
      id
      name
      description
      paymentTermsType
      dueInDays
    }
  }
`,
);
