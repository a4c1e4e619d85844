import { adminOperation } from "../admin-operation";

/** Closes (archives) an order as it stands: a cancelled contract whose money the merchant keeps as earned. */
export const orderCloseMutation = adminOperation(
  "OrderClose",
  `#graphql
  mutation OrderClose($input: OrderCloseInput!) {
    orderClose(input: $input) {
      order {
        id
        closed
        closedAt
      }
      userErrors {
        field
        message
      }
    }
  }
`,
);
