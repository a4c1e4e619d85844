import { createHmac, timingSafeEqual } from "node:crypto";
import type { PrismaClient } from "@prisma/client";

import { enqueue } from "../jobs/job-queue.server";
import { isUniqueViolation } from "../models/database.server";
import { webhookDedupeKey, webhookJobKind, type WebhookJobPayload } from "./webhook-job.server";

export interface WebhookIntakeOptions {
  readonly db: PrismaClient;
  /** The app's client secret (`SHOPIFY_API_SECRET`): Shopify signs every webhook body with it. */
  readonly apiSecret: string;
  /** When the event is received and its job due; the system clock by default, the emulator's or a test's otherwise. */
  readonly now?: () => Date;
}

/**
 * The whole of every webhook route: verify, record, enqueue, answer. The work happens later in the job
 * `webhook:<topic>` (app/jobs/handlers/), never here: Shopify wants an answer within 5 s and retries otherwise.
 *
 * - 401, nothing stored: the `X-Shopify-Hmac-Sha256` header is missing or is not the base64 HMAC-SHA256 of the
 *   raw body under the app secret.
 * - 400, nothing stored: a signed request without its topic, shop domain or event id, or whose body is not JSON.
 * - 200: the event is recorded (`WebhookEvent`, unique per shop and `X-Shopify-Event-Id`) and its job exists.
 *   A second delivery of the same event also answers 200 and enqueues nothing: the job's dedupe key is the
 *   event, so `enqueue` returns the job the first delivery made. Enqueueing is still attempted for a duplicate
 *   because a process that died between storing the event and enqueueing its job would otherwise lose the job
 *   for good: Shopify's retry is the only chance to make it.
 */
export async function verifyAndEnqueue(request: Request, { db, apiSecret, now = () => new Date() }: WebhookIntakeOptions): Promise<Response> {
  if (!apiSecret) {
    // With an empty key anyone can sign; refuse everything rather than accept forgeries.
    console.error("[webhooks] SHOPIFY_API_SECRET is not set: webhooks cannot be verified");
    return new Response("webhook verification is not configured", { status: 500 });
  }
  // The signature covers the exact bytes sent, so read them before anything parses or re-encodes the body.
  const rawBody = Buffer.from(await request.arrayBuffer());
  if (!hasValidSignature(rawBody, request.headers.get("X-Shopify-Hmac-Sha256"), apiSecret)) {
    return new Response("invalid webhook signature", { status: 401 });
  }

  const topic = request.headers.get("X-Shopify-Topic");
  const shop = request.headers.get("X-Shopify-Shop-Domain");
  const eventId = request.headers.get("X-Shopify-Event-Id");
  if (!topic || !shop || !eventId) {
    return new Response("X-Shopify-Topic, X-Shopify-Shop-Domain and X-Shopify-Event-Id are required", { status: 400 });
  }
  const rawText = rawBody.toString("utf8");
  let payload: unknown;
  try {
    payload = JSON.parse(rawText);
  } catch {
    return new Response("the webhook body is not JSON", { status: 400 });
  }
  // Shopify always sends these two; the event id, not the webhook id, identifies the event across deliveries.
  const webhookId = request.headers.get("X-Shopify-Webhook-Id") ?? "";
  const triggeredAt = parseInstant(request.headers.get("X-Shopify-Triggered-At"));

  const receivedAt = now();
  try {
    await db.webhookEvent.create({ data: { shop, eventId, webhookId, topic, triggeredAt, payload: rawText, receivedAt } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  const jobPayload: WebhookJobPayload = { eventId, webhookId, topic, triggeredAt: triggeredAt?.toISOString() ?? null, payload };
  await enqueue(db, { shop, kind: webhookJobKind(topic), payload: jobPayload, dedupeKey: webhookDedupeKey(shop, eventId) }, receivedAt);
  return new Response(null, { status: 200 });
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
