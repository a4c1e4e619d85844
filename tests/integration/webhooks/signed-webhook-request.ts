import { randomUUID } from "node:crypto";

import { webhookHmac } from "../../../emulator/webhooks/signature";

export const TEST_API_SECRET = "test-webhook-secret";

export interface WebhookRequestInput {
  readonly topic: string;
  readonly shop: string;
  /** Sent as JSON; a string is sent as it is (ids past 2^53, which JSON.stringify of a number would round). */
  readonly body: object | string;
  readonly eventId?: string;
  readonly triggeredAt?: string;
  /** Signs with this secret instead of the app's (a forgery). */
  readonly secret?: string;
  /** Header overrides; null removes the header. */
  readonly headers?: Readonly<Record<string, string | null>>;
}

/** A webhook POST signed the way Shopify (and the emulator's dispatcher) signs it. */
export function signedWebhookRequest(input: WebhookRequestInput): Request {
  const rawBody = typeof input.body === "string" ? input.body : JSON.stringify(input.body);
  const headers: Record<string, string | null> = {
    "Content-Type": "application/json",
    "X-Shopify-Topic": input.topic,
    "X-Shopify-Hmac-Sha256": webhookHmac(input.secret ?? TEST_API_SECRET, rawBody),
    "X-Shopify-Shop-Domain": input.shop,
    "X-Shopify-API-Version": "2026-10",
    "X-Shopify-Webhook-Id": randomUUID(),
    "X-Shopify-Event-Id": input.eventId ?? randomUUID(),
    "X-Shopify-Triggered-At": input.triggeredAt ?? "2027-03-01T10:00:00.000Z",
    ...input.headers,
  };
  const sent = Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== null);
  return new Request(`https://tranche.example/webhooks/${input.topic}`, { method: "POST", headers: sent, body: rawBody });
}
