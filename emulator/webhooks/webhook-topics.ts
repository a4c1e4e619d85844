/**
 * Webhook topics in the two spellings Shopify uses: `orders/paid` in payload headers and TOML, `ORDERS_PAID`
 * in the GraphQL `WebhookSubscriptionTopic` enum. The emulator sends these topics; subscribing to others is
 * allowed (Shopify has many more) but nothing is sent for them.
 */
export const EMULATED_TOPICS = [
  "orders/create",
  "orders/paid",
  "orders/updated",
  "orders/cancelled",
  "orders/fulfilled",
  "orders/partially_fulfilled",
  "order_transactions/create",
  "draft_orders/create",
  "draft_orders/update",
  "draft_orders/delete",
  "refunds/create",
  "payment_schedules/due",
  "payment_terms/create",
  "payment_terms/update",
  "payment_terms/delete",
  "fulfillments/create",
  "app/uninstalled",
] as const;

export type EmulatedTopic = (typeof EMULATED_TOPICS)[number];

/** `orders/paid` → `ORDERS_PAID`. */
export function topicEnumValue(topic: string): string {
  return topic.replace("/", "_").toUpperCase();
}

/** `ORDERS_PAID` → `orders/paid` for the emulated topics; others are not sent, so they need no mapping. */
export function topicFromEnumValue(value: string): string | undefined {
  return EMULATED_TOPICS.find((topic) => topicEnumValue(topic) === value);
}
