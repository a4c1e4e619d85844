import { findDraftOrder, findOrder } from "../../commerce/shop-lookup";
import { legacyId } from "../../graphql/views";
import type { Order, ShopState } from "../../state/model";
import type { WebhookSubject } from "../webhook-subject";
import { draftOrderPayload } from "./draft-order";
import { fulfillmentPayload } from "./fulfillment";
import { orderPayload } from "./order";
import { paymentSchedulePayload, paymentTermsPayload } from "./payment-terms";
import { paymentTermsOwner } from "./payment-terms-owner";
import { refundPayload } from "./refund";
import { shopPayload } from "./shop";
import { transactionPayload } from "./transaction";

export class WebhookSubjectNotFound extends Error {}

const missing = (what: string): never => {
  throw new WebhookSubjectNotFound(`the webhook's subject is gone: ${what}`);
};

/**
 * The JSON payload Shopify sends for `topic` about `subject`, from the shop's state now. Delete topics carry
 * only the id, as Shopify's do (the resource no longer exists when they are sent).
 */
export function buildWebhookPayload(shop: ShopState, topic: string, subject: WebhookSubject, nowIso: string): object {
  const orderOf = (orderId: string): Order => findOrder(shop, orderId) ?? missing(orderId);
  switch (subject.type) {
    case "order":
      return orderPayload(shop, orderOf(subject.orderId));
    case "draftOrder": {
      if (topic === "draft_orders/delete") return { id: legacyId(subject.draftOrderId) };
      const draft = findDraftOrder(shop, subject.draftOrderId) ?? missing(subject.draftOrderId);
      return draftOrderPayload(shop, draft);
    }
    case "transaction": {
      const order = orderOf(subject.orderId);
      const transaction = order.transactions.find((candidate) => candidate.id === subject.transactionId) ?? missing(subject.transactionId);
      return transactionPayload(shop, order, transaction);
    }
    case "refund": {
      const order = orderOf(subject.orderId);
      return refundPayload(shop, order, order.refunds.find((candidate) => candidate.id === subject.refundId) ?? missing(subject.refundId));
    }
    case "fulfillment": {
      const order = orderOf(subject.orderId);
      return fulfillmentPayload(shop, order, order.fulfillments.find((candidate) => candidate.id === subject.fulfillmentId) ?? missing(subject.fulfillmentId));
    }
    case "paymentSchedule": {
      const owner = paymentTermsOwner(shop, subject.orderId) ?? missing(subject.orderId);
      const terms = owner.terms ?? missing(`payment terms of ${subject.orderId}`);
      const schedule = terms.schedules.find((candidate) => candidate.id === subject.paymentScheduleId) ?? missing(subject.paymentScheduleId);
      return paymentSchedulePayload(terms, schedule, owner.amounts);
    }
    case "paymentTerms": {
      if (topic === "payment_terms/delete") return { id: legacyId(subject.paymentTermsId) };
      const owner = paymentTermsOwner(shop, subject.ownerId) ?? missing(subject.ownerId);
      const terms = owner.terms?.id === subject.paymentTermsId ? owner.terms : missing(subject.paymentTermsId);
      return paymentTermsPayload(terms, owner.amounts);
    }
    case "shop":
      return shopPayload(shop, nowIso);
  }
}
