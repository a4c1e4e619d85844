import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@prisma/client";

import { JobRunAbortedError, PermanentJobError, type JobHandlerRegistry } from "./job-handlers.server";
import { claimNext, complete, errorMessage, extendLease, fail, park, type BackoffOptions, type LeasedJob } from "./job-queue.server";

export interface JobRunnerOptions {
  readonly db: PrismaClient;
  /** Which handler runs each job kind (app/jobs/handlers/index.server.ts builds the app's). */
  readonly handlers: JobHandlerRegistry;
  /** Names the lease holder in `Job.lockedBy`; unique per process by default. */
  readonly workerId?: string;
  /** How long the worker sleeps when no job is due. */
  readonly pollIntervalMs?: number;
  /** How long a claimed job stays ours without a heartbeat; a crashed worker's job waits this long. */
  readonly leaseMs?: number;
  /** The time used for claims, leases, backoff and the handlers' `context.now`; tests move it forward to expire leases. */
  readonly now?: () => Date;
  readonly backoff?: Omit<BackoffOptions, "now">;
  readonly log?: (message: string) => void;
}

export type JobRunResult = "done" | "failed" | "parked" | "leaseLost";

export interface StopOptions {
  /** Aborts the running job's `signal` instead of waiting for it to finish by itself; it is recorded failed and retried. */
  readonly abortRunningJob?: boolean;
}

/**
 * A worker: polls the queue, runs one job at a time through the handler registered for its kind, and records
 * the outcome. While a handler runs, a heartbeat extends the lease so that only a dead worker's job is taken
 * over; when a heartbeat finds the lease gone, the handler's `signal` is aborted so that it stops before its next
 * side effect. `stop()` lets the running job finish; `stop({ abortRunningJob: true })` aborts it.
 */
export class JobRunner {
  readonly workerId: string;
  private readonly db: PrismaClient;
  private readonly handlers: JobHandlerRegistry;
  private readonly pollIntervalMs: number;
  private readonly leaseMs: number;
  private readonly now: () => Date;
  private readonly backoff: Omit<BackoffOptions, "now">;
  private readonly log: (message: string) => void;
  private loop: Promise<void> | undefined;
  private stopping = false;
  private wake: (() => void) | undefined;
  private runningJob: AbortController | undefined;
  /** Set by a hard stop until the loop has ended, so that a job claimed meanwhile is aborted too. */
  private stopReason: JobRunAbortedError | undefined;

  constructor(options: JobRunnerOptions) {
    this.db = options.db;
    this.handlers = options.handlers;
    this.workerId = options.workerId ?? `worker-${process.pid}-${randomUUID().slice(0, 8)}`;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.now = options.now ?? (() => new Date());
    this.backoff = options.backoff ?? {};
    this.log = options.log ?? ((message) => console.log(message));
  }

  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.pollUntilStopped();
  }

  /** Resolves once the job in progress (if any) is recorded; no new job is claimed after the call. */
  async stop(options: StopOptions = {}): Promise<void> {
    this.stopping = true;
    this.wake?.();
    if (options.abortRunningJob) {
      this.stopReason = new JobRunAbortedError("the job worker is stopping");
      this.runningJob?.abort(this.stopReason);
    }
    await this.loop;
    this.loop = undefined;
    this.stopReason = undefined;
  }

  /** Claims and runs one due job. Returns what happened to it, or null when none was due. */
  async runNext(): Promise<JobRunResult | null> {
    const job = await claimNext(this.db, this.workerId, this.now(), this.leaseMs);
    return job ? this.run(job) : null;
  }

  private async pollUntilStopped(): Promise<void> {
    while (!this.stopping) {
      let ran = false;
      try {
        ran = (await this.runNext()) !== null;
      } catch (error) {
        // The database itself failed (locked, disk full): keep the worker alive and try again after a pause.
        this.log(`[jobs] ${this.workerId} could not poll the queue: ${errorMessage(error)}`);
      }
      if (!ran && !this.stopping) await this.sleep(this.pollIntervalMs);
    }
  }

  private sleep(milliseconds: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(finish, milliseconds);
      function finish() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = finish;
    });
  }

  private async run(job: LeasedJob): Promise<JobRunResult> {
    const handler = this.handlers.handlerFor(job.kind);
    if (!handler) return this.parkJob(job, `no handler is registered for job kind "${job.kind}"`);
    // Only a run that never recorded its outcome (the worker died, or hung past its lease) gets here.
    if (job.attempts > job.maxAttempts) {
      return this.parkJob(job, `its lease expired ${job.attempts - 1} times without an outcome (the worker crashed or hung)`);
    }
    const run = new AbortController();
    if (this.stopReason) run.abort(this.stopReason);
    this.runningJob = run;
    const stopHeartbeat = this.keepLease(job, run);
    try {
      const context = { db: this.db, shop: job.shop, jobId: job.id, attempt: job.attempts, signal: run.signal, now: this.now };
      await handler(JSON.parse(job.payload) as unknown, context);
    } catch (error) {
      if (error instanceof PermanentJobError) return this.parkJob(job, error.message);
      const status = await fail(this.db, job, error, { ...this.backoff, now: this.now() });
      this.log(`[jobs] ${job.kind} ${job.id} attempt ${job.attempts} failed (${status ?? "lease lost"}): ${errorMessage(error)}`);
      return status ?? "leaseLost";
    } finally {
      stopHeartbeat();
      this.runningJob = undefined;
    }
    if (await complete(this.db, job, this.now())) return "done";
    this.log(`[jobs] ${job.kind} ${job.id} finished after its lease passed to another worker`);
    return "leaseLost";
  }

  /**
   * Extends the lease every third of it, and aborts `run` once the lease is gone: taken by another worker, or run
   * out while the database could not extend it. Returns the function that stops the heartbeat.
   */
  private keepLease(job: LeasedJob, run: AbortController): () => void {
    let leasedUntil = job.lockedUntil ?? this.now();
    let stopped = false;
    const abort = (reason: string) => {
      if (!stopped) run.abort(new JobRunAbortedError(`the lease of job ${job.id} ${reason}`));
    };
    const beat = async () => {
      const now = this.now();
      try {
        if (await extendLease(this.db, job, now, this.leaseMs)) leasedUntil = new Date(now.getTime() + this.leaseMs);
        else abort("passed to another worker");
      } catch (error) {
        this.log(`[jobs] lease of ${job.id} not extended: ${errorMessage(error)}`);
        if (this.now() >= leasedUntil) abort("ran out while it could not be extended");
      }
    };
    const timer = setInterval(() => void beat(), Math.max(1, Math.floor(this.leaseMs / 3)));
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }

  private async parkJob(job: LeasedJob, reason: string): Promise<JobRunResult> {
    this.log(`[jobs] ${job.kind} ${job.id} parked: ${reason}`);
    return (await park(this.db, job, reason, this.now())) ? "parked" : "leaseLost";
  }
}
