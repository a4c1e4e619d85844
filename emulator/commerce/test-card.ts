import type { EmulatorStore } from "../state/emulator-store";
import type { CardOutcome, Order, PaymentMandate, ShopState } from "../state/model";

/** The one card buyers pay with in the emulator; the tester picks how it answers. */
export const TEST_CARD = { brand: "Visa", last4: "4242" } as const;

/** Saves the test card as a payment mandate on the order, answering later charges with `outcome`. */
export function vaultTestCard(store: EmulatorStore, shop: ShopState, order: Order, outcome: CardOutcome): PaymentMandate {
  const mandate: PaymentMandate = {
    id: store.newId("PaymentMandate"),
    orderId: order.id,
    ...(order.customerId === undefined ? {} : { customerId: order.customerId }),
    cardBrand: TEST_CARD.brand,
    last4: TEST_CARD.last4,
    outcome,
  };
  shop.mandates.push(mandate);
  return mandate;
}
