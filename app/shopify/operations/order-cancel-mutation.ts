import { adminOperation } from "../admin-operation";

/** Cancels an order (in a Shopify job); the app gives money back with refundCreate before, never through this call. */
export const orderCancelMutation = adminOperation(
  "OrderCancel",
  `#graphql
  mutation OrderCancel($orderId: ID!, $reason: OrderCancelReason!, $restock: Boolean!, $notifyCustomer: Boolean, $staffNote: String) {
    orderCancel(orderId: $orderId, reason: $reason, restock: $restock, notifyCustomer: $notifyCustomer, staffNote: $staffNote, refund: false) {
      job {
        id
        done
      }
      orderCancelUserErrors {
        field
        message
        code
      }
    }
  }
`,
);
