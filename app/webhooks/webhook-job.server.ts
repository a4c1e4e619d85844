import { z } from "zod";

import { PermanentJobError, type JobContext, type JobHandler } from "../jobs/job-handlers.server";

/** The job a webhook becomes: its kind is `webhook:<topic>` (`webhook:orders/paid`). */
export function webhookJobKind(topic: string): string {
  return `webhook:${topic}`;
}

/** One job per event and shop, however often Shopify delivers it. */
export function webhookDedupeKey(shop: string, eventId: string): string {
  return `webhook:${shop}:${eventId}`;
}

const webhookJobPayload = z.object({
  eventId: z.string(),
  webhookId: z.string(),
  topic: z.string(),
  /**
   * When Shopify raised the event (`X-Shopify-Triggered-At`), ISO 8601, or null when it was not sent. Events
   * arrive out of order and retries arrive hours late: a handler that updates state from a snapshot compares
   * this with the last event it applied and ignores an older one.
   */
  triggeredAt: z.string().nullable(),
  /** The webhook body as Shopify sent it. */
  payload: z.unknown(),
});

export type WebhookJobPayload = z.infer<typeof webhookJobPayload>;

/**
 * A job handler for one webhook topic: checks the job's envelope and the body against `bodySchema`, runs
 * `handle`, then stamps the event processed. A body that does not match is parked (retrying will not change it).
 * `handle` must be idempotent like every job handler.
 */
export function webhookJobHandler<Body>(
  bodySchema: z.ZodType<Body, z.ZodTypeDef, unknown>,
  handle: (body: Body, event: WebhookJobPayload, context: JobContext) => Promise<void>,
): JobHandler {
  return async (payload, context) => {
    const event = webhookJobPayload.safeParse(payload);
    if (!event.success) throw new PermanentJobError(`not a webhook job payload: ${event.error.message}`);
    const body = bodySchema.safeParse(event.data.payload);
    if (!body.success) throw new PermanentJobError(`unexpected ${event.data.topic} payload: ${body.error.message}`);
    await handle(body.data, event.data, context);
    await context.db.webhookEvent.updateMany({
      where: { shop: context.shop, eventId: event.data.eventId, processedAt: null },
      data: { processedAt: context.now?.() ?? new Date() },
    });
  };
}
