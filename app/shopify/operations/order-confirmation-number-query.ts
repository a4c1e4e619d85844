import { adminOperation } from "../admin-operation";

/** The code Shopify shows the buyer who placed an order (thank-you page, confirmation email): proof a guest is that buyer. */
export const orderConfirmationNumberQuery = adminOperation(
  "OrderConfirmationNumber",
  `#graphql
  query OrderConfirmationNumber($id: ID!) {
    order(id: $id) {
      id
      confirmationNumber
    }
  }
`,
);
