/**
 * What a webhook is about. Resolvers and the checkout say *that* something happened to a resource; the webhook
 * dispatcher builds Shopify's payload for the topic from the store's state at that moment.
 */
export type WebhookSubject =
  | { readonly type: "order"; readonly orderId: string }
  | { readonly type: "draftOrder"; readonly draftOrderId: string }
  | { readonly type: "transaction"; readonly orderId: string; readonly transactionId: string }
  | { readonly type: "refund"; readonly orderId: string; readonly refundId: string }
  | { readonly type: "paymentSchedule"; readonly orderId: string; readonly paymentScheduleId: string }
  | { readonly type: "paymentTerms"; readonly ownerId: string; readonly paymentTermsId: string }
  | { readonly type: "fulfillment"; readonly orderId: string; readonly fulfillmentId: string }
  | { readonly type: "shop" };
