import { json, type Route } from "../http/router";
import type { WebhookDispatcher } from "./webhook-dispatcher";
import type { WebhookSubject } from "./webhook-subject";

/**
 * The emulator's webhook inspection API: the log of every event with its deliveries and attempts, the fault
 * settings, and a trigger (like `shopify app webhook trigger`) for topics no Admin API call causes, such as
 * `app/uninstalled`. Not part of Shopify's API.
 */
export function webhookRoutes(dispatcher: WebhookDispatcher): Route[] {
  return [
    {
      method: "GET",
      path: "/_emulator/webhooks",
      handler: ({ url }) => {
        const topic = url.searchParams.get("topic");
        const shop = url.searchParams.get("shop");
        const events = dispatcher.events
          .filter((event) => (!topic || event.topic === topic) && (!shop || event.shop === shop))
          .map((event) => ({ ...event, delivered: event.deliveries.every((delivery) => delivery.delivered) }));
        return json(200, events);
      },
    },
    { method: "GET", path: "/_emulator/webhooks/faults", handler: () => json(200, dispatcher.currentFaults) },
    {
      method: "POST",
      path: "/_emulator/webhooks/faults",
      handler: ({ body }) => {
        try {
          return json(200, dispatcher.setFaults(JSON.parse(body || "{}")));
        } catch (error) {
          return json(400, { error: (error as Error).message });
        }
      },
    },
    {
      method: "POST",
      path: "/_emulator/webhooks/trigger",
      handler: ({ body }) => {
        let request: { shop?: string; topic?: string; subject?: WebhookSubject };
        try {
          request = JSON.parse(body || "{}");
        } catch {
          return json(400, { error: "the body is not JSON" });
        }
        if (typeof request.shop !== "string" || typeof request.topic !== "string") return json(400, { error: 'give "shop" and "topic"' });
        const event = dispatcher.emit(request.shop, request.topic, request.subject ?? { type: "shop" });
        if (!event) return json(404, { error: `no shop ${request.shop}` });
        return event.error ? json(422, { error: event.error, event }) : json(200, event);
      },
    },
  ];
}
