import type { PrismaClient } from "@prisma/client";

import type { JobQueue } from "./job-queue.server";

/** What a handler knows about the job it runs. */
export interface JobContext {
  readonly db: PrismaClient;
  /** For a handler that asks for more work (a webhook asking for its contract's sync). */
  readonly jobs: JobQueue;
  readonly shop: string;
  readonly jobId: string;
  /** 1 on the first run; a job whose worker died mid-run comes back with the next number. */
  readonly attempt: number;
  /**
   * Aborted when this run must stop: its heartbeat found the job's claim gone (another worker runs it again), or
   * the worker is stopping and will not wait for it. A handler MUST call `signal.throwIfAborted()`
   * (or check `signal.aborted`) before each external side effect (a Shopify mutation, an email, a ledger write):
   * past a lost lease, two runs of one job would act at once. The queue always sets it; hand-built contexts may not.
   */
  readonly signal?: AbortSignal;
  /** The current instant for anything the handler stamps (`processedAt`); the worker's clock, `new Date()` without one. */
  readonly now?: () => Date;
}

/**
 * The work of one job kind. The payload is the JSON the job was enqueued with; validate it before use.
 *
 * A handler MUST be idempotent: the queue delivers at least once, so the same job can run again after a worker
 * dies between doing the work and recording it done, or after an error half-way through. Write through unique
 * keys (upsert, a `shopifyRef` in the ledger), check state before acting, and pass idempotency keys to Shopify,
 * so that a second run changes nothing the first run already did.
 *
 * Throwing retries the job with backoff; throwing `PermanentJobError` parks it at once (app/lib/jobs/job-queue.server.ts).
 */
export type JobHandler = (payload: unknown, context: JobContext) => Promise<void>;

/** A failure that retrying cannot fix (a malformed payload, a Shopify `userErrors` answer): the job is parked. */
export class PermanentJobError extends Error {
  override readonly name = "PermanentJobError";
}

/** Why a run's `signal` was aborted; a handler that stops on it throws this (`signal.throwIfAborted()`). */
export class JobRunAbortedError extends Error {
  override readonly name = "JobRunAbortedError";
}

/** Which handler runs each job kind. */
export class JobHandlerRegistry {
  private readonly handlers = new Map<string, JobHandler>();

  register(kind: string, handler: JobHandler): void {
    // Two modules claiming one kind is a wiring mistake that would silently drop one of them.
    if (this.handlers.has(kind)) throw new Error(`a handler for job kind "${kind}" is already registered`);
    this.handlers.set(kind, handler);
  }

  handlerFor(kind: string): JobHandler | undefined {
    return this.handlers.get(kind);
  }
}
