import { legacyId } from "../graphql/views";
import type { EmulatorStore } from "../state/emulator-store";
import type { Order } from "../state/model";

/**
 * The link a buyer follows to pay an order's outstanding balance (Shopify's order invoice and
 * `additionalPaymentCollectionUrl`); the checkout routes serve it. Relative to the emulator when it has no
 * public URL yet.
 */
export function orderPaymentLink(store: EmulatorStore, order: Order): string {
  return `${(store.publicUrl ?? "").replace(/\/$/, "")}/checkout/order/${legacyId(order.id)}`;
}
