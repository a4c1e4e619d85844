import { randomUUID } from "node:crypto";

import { WEBHOOK_QUEUE } from "../jobs/queues";
import type { JobQueue } from "../lib/jobs/job-queue.server";
import { webhookJobKind, type WebhookJobPayload } from "./webhook-job.server";

/** A verified webhook as the intake stores it. */
export interface ReceivedEvent {
  readonly shop: string;
  readonly eventId: string;
  readonly webhookId: string;
  readonly topic: string;
  readonly triggeredAt: Date | null;
  readonly payload: string;
  readonly receivedAt: Date;
}

/** Events written in one transaction at most; a burst beyond it goes in the next. */
const MAX_BATCH = 200;

interface Waiting {
  readonly event: ReceivedEvent;
  readonly done: () => void;
  readonly failed: (error: unknown) => void;
}

/**
 * Stores webhook events and enqueues their jobs, many requests to one transaction ("group commit") on the job
 * queue's own connections, with plain SQL (Prisma's per-query work was most of the intake's cost): the first
 * event is written at once, and the events that arrive while writes are under way go together in the next one. So
 * an idle server answers as soon as one commit is done, and a burst pays one commit and a few statements per batch
 * instead of per webhook. In each batch the events and their jobs commit together or not at all; a failed batch
 * fails each of its requests (Shopify retries them), and a repeated event makes neither a row nor a job.
 */
export class WebhookEventWriter {
  private readonly waiting: Waiting[] = [];
  // One batch at a time: a second in flight measured slower (bench/webhook-intake.bench.ts).
  private writing = false;

  constructor(private readonly jobs: JobQueue) {}

  /** Resolves once the event and its job are committed (or were already). */
  record(event: ReceivedEvent): Promise<void> {
    return new Promise((done, failed) => {
      this.waiting.push({ event, done, failed });
      if (!this.writing) void this.writeWhileWaiting();
    });
  }

  private async writeWhileWaiting(): Promise<void> {
    this.writing = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, MAX_BATCH);
        try {
          await this.write(batch.map((waiting) => waiting.event));
          for (const waiting of batch) waiting.done();
        } catch (error) {
          for (const waiting of batch) waiting.failed(error);
        }
      }
    } finally {
      this.writing = false;
    }
  }

  private async write(events: readonly ReceivedEvent[]): Promise<void> {
    await this.jobs.inTransaction(async (tx) => {
      // ON CONFLICT DO NOTHING: a repeated delivery (in this batch or an earlier one) inserts nothing. Timestamps go as
      // UTC ISO text, which a column without a time zone stores as written (as Prisma stores them).
      const created = await tx.query<{ shop: string; eventId: string; topic: string }>(
        `INSERT INTO "WebhookEvent" ("id", "shop", "eventId", "webhookId", "topic", "triggeredAt", "payload", "receivedAt")
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamp(3)[], $7::text[], $8::timestamp(3)[])
         ON CONFLICT ("shop", "eventId") DO NOTHING
         RETURNING "shop", "eventId", "topic"`,
        [
          events.map(() => randomUUID()),
          events.map((event) => event.shop),
          events.map((event) => event.eventId),
          events.map((event) => event.webhookId),
          events.map((event) => event.topic),
          events.map((event) => event.triggeredAt?.toISOString() ?? null),
          events.map((event) => event.payload),
          events.map((event) => event.receivedAt.toISOString()),
        ],
      );
      const jobs = created.map((event) => {
        const payload: WebhookJobPayload = { eventId: event.eventId };
        return { kind: webhookJobKind(event.topic), shop: event.shop, payload };
      });
      await tx.insert(WEBHOOK_QUEUE, jobs);
    });
  }
}

const writers = new WeakMap<JobQueue, WebhookEventWriter>();

/** The process's writer for one queue (and so one database), shared by every webhook request. */
export function webhookEventWriter(jobs: JobQueue): WebhookEventWriter {
  let writer = writers.get(jobs);
  if (!writer) writers.set(jobs, (writer = new WebhookEventWriter(jobs)));
  return writer;
}
