import type { DraftOrder, Order, PaymentTerms, ShopState } from "../../state/model";
import { priceDraftOrder } from "../../commerce/draft-order-pricing";
import { totalOutstanding } from "../../commerce/order-balance";
import { findDraftOrder, findOrder } from "../../commerce/shop-lookup";
import type { ScheduleOwnerAmounts } from "./payment-terms";

/** The order or draft order that holds payment terms, with the amounts its schedules report. */
export interface PaymentTermsOwner {
  readonly terms: PaymentTerms | undefined;
  readonly amounts: ScheduleOwnerAmounts;
}

export function orderTermsOwner(shop: ShopState, order: Order): PaymentTermsOwner {
  return {
    terms: order.paymentTerms,
    amounts: {
      currencyCode: order.currencyCode,
      ianaTimezone: shop.settings.ianaTimezone,
      total: order.totalPrice,
      outstanding: totalOutstanding(order),
      createdAt: order.createdAt,
      updatedAt: order.updatedAt,
    },
  };
}

export function draftTermsOwner(shop: ShopState, draft: DraftOrder): PaymentTermsOwner {
  const total = priceDraftOrder(draft, shop).total;
  return {
    terms: draft.paymentTerms,
    amounts: {
      currencyCode: shop.settings.currencyCode,
      ianaTimezone: shop.settings.ianaTimezone,
      total,
      outstanding: draft.status === "COMPLETED" ? "0" : total,
      createdAt: draft.createdAt,
      updatedAt: draft.updatedAt,
    },
  };
}

/** Finds the owner of payment terms by the owner's GID (an Order or a DraftOrder). */
export function paymentTermsOwner(shop: ShopState, ownerId: string): PaymentTermsOwner | undefined {
  const order = findOrder(shop, ownerId);
  if (order) return orderTermsOwner(shop, order);
  const draft = findDraftOrder(shop, ownerId);
  return draft ? draftTermsOwner(shop, draft) : undefined;
}
