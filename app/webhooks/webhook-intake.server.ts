import { createHmac, timingSafeEqual } from "node:crypto";

import type { JobQueue } from "../lib/jobs/job-queue.server";
import { isShopDomain } from "../shop-domain";
import { shopNamedByPayload } from "./payload-shop";
import { webhookEventWriter } from "./webhook-event-writer.server";

export interface WebhookIntakeOptions {
  /** Where the event and its job are written (webhook-event-writer.server.ts). */
  readonly jobs: JobQueue;
  /** The app's client secret (`SHOPIFY_API_SECRET`): Shopify signs every webhook body with it. */
  readonly apiSecret: string;
  /** The topic the route receives; a signed body posted to another topic's route is refused. */
  readonly topic?: string;
  /** When the event is received; the system clock by default, the emulator's or a test's otherwise. */
  readonly now?: () => Date;
  /** The largest body read; a bigger one is refused before it is read whole. */
  readonly maxBodyBytes?: number;
}

/** Shopify's webhook bodies are a few KB, an order with hundreds of lines some hundred KB. */
export const DEFAULT_MAX_WEBHOOK_BYTES = 2 * 1024 * 1024;

/**
 * The whole of every webhook route: verify, record, enqueue, answer. The work happens later in the job
 * `webhook:<topic>` (app/jobs/handlers/), never here: Shopify wants an answer within 5 s and retries otherwise.
 *
 * - 413, nothing stored: the body is larger than `maxBodyBytes` (read no further than that).
 * - 401, nothing stored: the `X-Shopify-Hmac-Sha256` header is missing or is not the base64 HMAC-SHA256 of the
 *   raw body under the app secret.
 * - 400, nothing stored: a signed request without its topic, shop domain or event id, whose shop domain is not a
 *   well-formed `<name>.myshopify.com`, whose topic is not the route's, or whose body is not JSON.
 * - 401, nothing stored: the signed body names another shop than `X-Shopify-Shop-Domain` (payload-shop.ts): the
 *   header is not signed, so a genuine body replayed under another shop's name is refused.
 * - 200: the event is recorded (`WebhookEvent`, unique per shop and `X-Shopify-Event-Id`) and its job enqueued, in
 *   one transaction: both or neither (webhook-event-writer.server.ts, which writes concurrent requests together). A
 *   second delivery of the same event finds the event and adds nothing.
 */
export async function verifyAndEnqueue(request: Request, options: WebhookIntakeOptions): Promise<Response> {
  const { jobs, apiSecret, now = () => new Date() } = options;
  if (!apiSecret) {
    // With an empty key anyone can sign; refuse everything rather than accept forgeries.
    console.error("[webhooks] SHOPIFY_API_SECRET is not set: webhooks cannot be verified");
    return new Response("webhook verification is not configured", { status: 500 });
  }
  // The signature covers the exact bytes sent, so read them before anything parses or re-encodes the body.
  const rawBody = await readCapped(request, options.maxBodyBytes ?? DEFAULT_MAX_WEBHOOK_BYTES);
  if (!rawBody) return new Response("the webhook body is too large", { status: 413 });
  if (!hasValidSignature(rawBody, request.headers.get("X-Shopify-Hmac-Sha256"), apiSecret)) {
    return new Response("invalid webhook signature", { status: 401 });
  }

  const topic = request.headers.get("X-Shopify-Topic");
  const shop = request.headers.get("X-Shopify-Shop-Domain");
  const eventId = request.headers.get("X-Shopify-Event-Id");
  if (!topic || !shop || !eventId) {
    return new Response("X-Shopify-Topic, X-Shopify-Shop-Domain and X-Shopify-Event-Id are required", { status: 400 });
  }
  if (!isShopDomain(shop)) return new Response("X-Shopify-Shop-Domain must be a shop's <name>.myshopify.com domain", { status: 400 });
  if (options.topic !== undefined && topic !== options.topic) {
    return new Response(`this route receives ${options.topic}, not ${topic}`, { status: 400 });
  }
  const rawText = rawBody.toString("utf8");
  let body: unknown;
  try {
    body = JSON.parse(rawText);
  } catch {
    return new Response("the webhook body is not JSON", { status: 400 });
  }
  const signedShop = shopNamedByPayload(topic, body);
  if (signedShop !== null && signedShop !== shop) return new Response("the signed body names another shop than X-Shopify-Shop-Domain", { status: 401 });
  // Shopify always sends these two; the event id, not the webhook id, identifies the event across deliveries.
  const webhookId = request.headers.get("X-Shopify-Webhook-Id") ?? "";
  const triggeredAt = parseInstant(request.headers.get("X-Shopify-Triggered-At"));

  await webhookEventWriter(jobs).record({ shop, eventId, webhookId, topic, triggeredAt, payload: rawText, receivedAt: now() });
  return new Response(null, { status: 200 });
}

/** The body's bytes, or null once they pass `limit` (a declared length over it is refused without reading). */
async function readCapped(request: Request, limit: number): Promise<Buffer | null> {
  const length = request.headers.get("Content-Length");
  const declared = Number(length ?? "0");
  if (declared > limit) return null;
  if (!request.body) return Buffer.alloc(0);
  // A declared length within the limit is read in one go (Node's HTTP server reads no more than it declares); only a
  // body of unknown length is counted chunk by chunk.
  if (length !== null && Number.isInteger(declared)) {
    const bytes = Buffer.from(await request.arrayBuffer());
    return bytes.length > limit ? null : bytes;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** Timing-safe, so that the answer time says nothing about how much of a forged signature was right. */
function hasValidSignature(rawBody: Buffer, header: string | null, apiSecret: string): boolean {
  if (!header) return false;
  const expected = createHmac("sha256", apiSecret).update(rawBody).digest();
  const given = Buffer.from(header, "base64");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function parseInstant(header: string | null): Date | null {
  if (!header) return null;
  const instant = new Date(header);
  return Number.isNaN(instant.getTime()) ? null : instant;
}
