import { z } from "zod";

import { PermanentJobError, type JobContext, type JobHandler } from "../lib/jobs/job-handlers.server";

/** The job a webhook becomes: its kind is `webhook:<topic>` (`webhook:orders/paid`). */
export function webhookJobKind(topic: string): string {
  return `webhook:${topic}`;
}

/** What the job holds: the event's id. Its body stays in `WebhookEvent` (one copy, which redaction can reach). */
export interface WebhookJobPayload {
  readonly eventId: string;
}

const webhookJobPayload = z.object({ eventId: z.string().min(1) });

/** What a stored webhook body becomes when it is redacted (customers/redact): the event's job then has nothing to do. */
export const REDACTED_EVENT_PAYLOAD = JSON.stringify({ redacted: true });

/** The event a handler gets, as stored at intake. */
export interface WebhookEventView {
  readonly eventId: string;
  readonly webhookId: string;
  readonly topic: string;
  /**
   * When Shopify raised the event (`X-Shopify-Triggered-At`), ISO 8601, or null when it was not sent. Events
   * arrive out of order and retries arrive hours late: a handler that updates state from a snapshot compares
   * this with the last event it applied and ignores an older one.
   */
  readonly triggeredAt: string | null;
  /** The webhook body as Shopify sent it. */
  readonly payload: unknown;
}

/**
 * A job handler for one webhook topic: reads the stored event, checks the body against `bodySchema`, runs
 * `handle`, then stamps the event processed. A body that does not match is parked (retrying will not change it);
 * an event deleted (a shop's redaction) or redacted (a customer's) since leaves nothing to do.
 * `handle` must be idempotent like every job handler.
 */
export function webhookJobHandler<Body>(
  bodySchema: z.ZodType<Body, z.ZodTypeDef, unknown>,
  handle: (body: Body, event: WebhookEventView, context: JobContext) => Promise<void>,
): JobHandler {
  return async (payload, context) => {
    const job = webhookJobPayload.safeParse(payload);
    if (!job.success) throw new PermanentJobError(`not a webhook job payload: ${job.error.message}`);
    const stored = await context.db.webhookEvent.findUnique({ where: { shop_eventId: { shop: context.shop, eventId: job.data.eventId } } });
    if (!stored || stored.payload === REDACTED_EVENT_PAYLOAD) return;
    const event: WebhookEventView = {
      eventId: stored.eventId,
      webhookId: stored.webhookId,
      topic: stored.topic,
      triggeredAt: stored.triggeredAt?.toISOString() ?? null,
      payload: JSON.parse(stored.payload) as unknown,
    };
    const body = bodySchema.safeParse(event.payload);
    if (!body.success) throw new PermanentJobError(`unexpected ${event.topic} payload: ${body.error.message}`);
    await handle(body.data, event, context);
    await context.db.webhookEvent.updateMany({
      where: { shop: context.shop, eventId: event.eventId, processedAt: null },
      data: { processedAt: context.now?.() ?? new Date() },
    });
  };
}
