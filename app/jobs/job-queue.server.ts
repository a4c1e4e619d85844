import { Prisma, type Job } from "@prisma/client";

/**
 * The durable job queue, on the `Job` table. A job is `queued`, leased by one worker (`running`, with
 * `lockedBy` and `lockedUntil`), then `done`; an error makes it `failed` with a later `runAt` (exponential
 * backoff with jitter), and after `maxAttempts` runs it is `parked` with the reason for staff. A worker that
 * dies leaves its job `running` with a lease that expires; the next claim takes it over. Delivery is therefore
 * at least once, and handlers are idempotent (app/jobs/job-handlers.server.ts).
 *
 * Every state change is one conditional UPDATE in raw SQL: it checks the lease and changes the row in one
 * statement, so a worker whose lease passed to another records nothing.
 */

/** A client or a transaction: callers that already hold a transaction can enqueue inside it. */
type Db = Prisma.TransactionClient;

/** A job this worker holds the lease of. */
export type LeasedJob = Job & { lockedBy: string };

export interface EnqueueInput {
  readonly shop: string;
  readonly kind: string;
  /** Stored as JSON. Money goes in as strings of minor units: a bigint makes JSON.stringify throw, on purpose. */
  readonly payload: unknown;
  /** Enqueueing again with the same key returns the first job instead of making a second. */
  readonly dedupeKey?: string;
  /** When the job is due; `now` (enqueue's third argument) by default. */
  readonly runAt?: Date;
  readonly maxAttempts?: number;
}

export interface Enqueued {
  readonly job: Job;
  /** False when a job with the dedupe key already existed. */
  readonly created: boolean;
}

/** `now` is the caller's clock (a job, a test, the emulator's time), so that a job enqueued "now" is due by it. */
export async function enqueue(db: Db, input: EnqueueInput, now: Date = new Date()): Promise<Enqueued> {
  const data = {
    shop: input.shop,
    kind: input.kind,
    payload: JSON.stringify(input.payload),
    dedupeKey: input.dedupeKey ?? null,
    runAt: input.runAt ?? now,
    ...(input.maxAttempts === undefined ? {} : { maxAttempts: input.maxAttempts }),
  };
  if (input.dedupeKey === undefined) return { job: await db.job.create({ data }), created: true };
  // ON CONFLICT DO NOTHING: a key already taken (by an earlier call, or a concurrent one) makes no row and no error,
  // so that a caller's transaction stays usable.
  const { count } = await db.job.createMany({ data: [data], skipDuplicates: true });
  const job = await db.job.findUniqueOrThrow({ where: { dedupeKey: input.dedupeKey } });
  return count === 1 ? { job, created: true } : sameShop(job, input);
}

/** Dedupe keys are unique across the table: a key another shop used must not hand that shop's job back. */
function sameShop(existing: Job, input: EnqueueInput): Enqueued {
  if (existing.shop !== input.shop) {
    throw new Error(`dedupe key ${input.dedupeKey} belongs to a job of another shop; include the shop in the key`);
  }
  return { job: existing, created: false };
}

/** Due to run: waiting and due, or leased by a worker whose lease ran out (it crashed or hung). */
function claimable(now: Date): Prisma.Sql {
  return Prisma.sql`(("status" IN ('queued', 'failed') AND "runAt" <= ${now}) OR ("status" = 'running' AND "lockedUntil" < ${now}))`;
}

/**
 * Leases the job due longest, or returns null; each claim counts as an attempt. One UPDATE picks the job and
 * leases it, skipping rows another worker is claiming at that moment (`FOR UPDATE SKIP LOCKED`) and repeating
 * the due condition on the picked id, so that of two workers exactly one leases a job and neither waits.
 */
export async function claimNext(db: Db, workerId: string, now: Date, leaseMs: number): Promise<LeasedJob | null> {
  const lockedUntil = new Date(now.getTime() + leaseMs);
  const [claimed] = await db.$queryRaw<{ id: string }[]>`
    UPDATE "Job"
    SET "status" = 'running', "lockedBy" = ${workerId}, "lockedUntil" = ${lockedUntil}, "attempts" = "attempts" + 1, "updatedAt" = ${now}
    WHERE "id" = (SELECT "id" FROM "Job" WHERE ${claimable(now)} ORDER BY "runAt", "createdAt" LIMIT 1 FOR UPDATE SKIP LOCKED)
      AND ${claimable(now)}
    RETURNING "id"`;
  if (!claimed) return null;
  return { ...(await db.job.findUniqueOrThrow({ where: { id: claimed.id } })), lockedBy: workerId };
}

/**
 * Changes a job only while `job`'s worker still holds its lease, so a worker whose lease expired (and whose job
 * another worker took over) records nothing. True when the row changed.
 */
async function updateLeased(db: Db, job: LeasedJob, now: Date, assignments: Prisma.Sql): Promise<boolean> {
  const changed = await db.$executeRaw`
    UPDATE "Job" SET ${assignments}, "updatedAt" = ${now}
    WHERE "id" = ${job.id} AND "status" = 'running' AND "lockedBy" = ${job.lockedBy}`;
  return changed === 1;
}

/** Keeps the lease of a long job. False when the lease was lost to another worker. */
export function extendLease(db: Db, job: LeasedJob, now: Date, leaseMs: number): Promise<boolean> {
  return updateLeased(db, job, now, Prisma.sql`"lockedUntil" = ${new Date(now.getTime() + leaseMs)}`);
}

/** Marks the job done. False when the lease was lost: another worker owns the job now. */
export function complete(db: Db, job: LeasedJob, now: Date = new Date()): Promise<boolean> {
  return updateLeased(db, job, now, Prisma.sql`"status" = 'done', "lockedBy" = NULL, "lockedUntil" = NULL, "lastError" = NULL`);
}

/** Parks the job for staff with the reason; it will not run again by itself. False when the lease was lost. */
export function park(db: Db, job: LeasedJob, reason: string, now: Date = new Date()): Promise<boolean> {
  return updateLeased(db, job, now, Prisma.sql`"status" = 'parked', "lockedBy" = NULL, "lockedUntil" = NULL, "lastError" = ${truncate(reason)}`);
}

export interface BackoffOptions {
  readonly now?: Date;
  /** A number in [0, 1); tests pin it. */
  readonly random?: () => number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
}

/** 10 s, 20 s, 40 s … doubling per attempt: with 8 attempts a job keeps trying for about 20 minutes. */
export const DEFAULT_BASE_DELAY_MS = 10_000;
export const DEFAULT_MAX_DELAY_MS = 3_600_000;

/**
 * The wait after the `attempt`-th failed run: exponential, capped, with half of it random ("equal jitter") so
 * that jobs that failed together (Shopify down for a minute) do not all come back in the same instant.
 */
export function retryDelayMs(attempt: number, options: BackoffOptions = {}): number {
  const base = options.baseDelayMs ?? DEFAULT_BASE_DELAY_MS;
  const ceiling = Math.min(base * 2 ** Math.max(0, attempt - 1), options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS);
  return Math.round(ceiling / 2 + (options.random ?? Math.random)() * (ceiling / 2));
}

/**
 * Records a failed run: retried later with backoff, or parked once the job has used its `maxAttempts` (the
 * error is kept as the reason either way). Returns the new status, or null when the lease was lost.
 */
export async function fail(db: Db, job: LeasedJob, error: unknown, options: BackoffOptions = {}): Promise<"failed" | "parked" | null> {
  const message = errorMessage(error);
  const now = options.now ?? new Date();
  if (job.attempts >= job.maxAttempts) {
    return (await park(db, job, `gave up after ${job.attempts} attempts: ${message}`, now)) ? "parked" : null;
  }
  const runAt = new Date(now.getTime() + retryDelayMs(job.attempts, options));
  const retrying = await updateLeased(
    db,
    job,
    now,
    Prisma.sql`"status" = 'failed', "lockedBy" = NULL, "lockedUntil" = NULL, "lastError" = ${truncate(message)}, "runAt" = ${runAt}`,
  );
  return retrying ? "failed" : null;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** Keeps a stack-trace-sized message from bloating the row. */
function truncate(text: string): string {
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}
