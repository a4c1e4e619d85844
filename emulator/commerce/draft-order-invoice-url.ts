import { randomBytes } from "node:crypto";
import type { EmulatorStore } from "../state/emulator-store";
import type { DraftOrder, ShopState } from "../state/model";

/**
 * A draft's invoice link is the emulator's buyer checkout: `${publicUrl}/checkout/<token>`. The draft stores
 * the link it was given; reads rebuild it on the emulator's current address, so a snapshot restored on another
 * port still hands out working links.
 */

const CHECKOUT_PATH = "/checkout/";

export function newInvoiceUrl(store: EmulatorStore): string {
  return `${baseUrl(store)}${CHECKOUT_PATH}${randomBytes(16).toString("hex")}`;
}

export function invoiceTokenOf(draft: DraftOrder): string {
  return draft.invoiceUrl.slice(draft.invoiceUrl.lastIndexOf("/") + 1);
}

export function invoiceUrlOf(store: EmulatorStore, draft: DraftOrder): string {
  return `${baseUrl(store)}${CHECKOUT_PATH}${invoiceTokenOf(draft)}`;
}

export function findDraftByInvoiceToken(store: EmulatorStore, token: string): { shop: ShopState; draft: DraftOrder } | undefined {
  for (const shop of store.shops.values()) {
    const draft = shop.draftOrders.find((candidate) => invoiceTokenOf(candidate) === token);
    if (draft) return { shop, draft };
  }
  return undefined;
}

/** Before the server listens (a bare store in a unit test) there is no address yet. */
function baseUrl(store: EmulatorStore): string {
  return store.publicUrl ?? "http://emulator.invalid";
}
