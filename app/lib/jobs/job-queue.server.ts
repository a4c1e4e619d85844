import type { Prisma, PrismaClient } from "@prisma/client";
import { fromPrisma, PgBoss, type Db, type JobResult, type JobWithMetadata, type Queue } from "pg-boss";

import { postgresConnection } from "../../postgres-connection.server";
import { JobRunAbortedError, PermanentJobError, type JobHandlerRegistry } from "./job-handlers.server";

/**
 * The durable job queue: pg-boss on the app's PostgreSQL, in a schema of its own. A job is claimed by one worker
 * at a time (`SKIP LOCKED`), kept by a heartbeat while it runs, retried with exponential backoff when it throws, and
 * parked with its reason (the `ParkedJob` table, which staff see) when retrying cannot help: a `PermanentJobError`,
 * or the last attempt failing. A keyed job parked for any reason but a `PermanentJobError` is also sent afresh after
 * a cool-down (`resumeParkedAfterSeconds`), so that a contract's sync resumes by itself. A worker that dies stops
 * sending heartbeats; after `heartbeatSeconds` the supervisor of any running worker process fails that attempt and
 * the job runs once more. A worker that is alive but lost its claim sees its handler's `signal` aborted. Delivery is
 * therefore at least once, and every handler is idempotent (job-handlers.server.ts).
 *
 * Queues are named by the app (`QueueDefinition`); a job names its `kind` (the handler) and its shop inside.
 */

export interface QueueDefinition {
  readonly name: string;
  /**
   * Jobs carry a key (a contract id), and per key at most one job waits and one runs (pg-boss's `stately`
   * policy): a burst of requests for one contract costs one job, and two workers never run one contract at once.
   */
  readonly onePerKey?: boolean;
  /**
   * false: the queue's jobs only start work that a table of the app records and sends again itself (the buyer-email
   * outbox), so a job whose worker died is dropped rather than parked for staff; the table shows what needs them.
   */
  readonly parkDeadJobs?: boolean;
}

export interface RetryPolicy {
  /** Runs in all, the first included. */
  readonly attempts: number;
  /** The first retry's delay; it doubles per attempt (pg-boss adds jitter) up to `maxDelaySeconds`. */
  readonly delaySeconds: number;
  readonly maxDelaySeconds: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 8, delaySeconds: 10, maxDelaySeconds: 3600 };

export interface JobQueueOptions {
  /** The app's DATABASE_URL; with `?schema=x` the queue lives in `x_jobs`, otherwise in `pgboss`. */
  readonly url: string;
  readonly queues: readonly QueueDefinition[];
  /**
   * Workers supervise: they fail the attempts of dead workers (missed heartbeats) and delete old jobs. A process
   * that only enqueues (the web server) leaves it to them.
   */
  readonly supervise: boolean;
  readonly retry?: RetryPolicy;
  /** How long a running job may go without a heartbeat before its attempt counts as dead (pg-boss's minimum: 10). */
  readonly heartbeatSeconds?: number;
  /** How often a supervising process looks for dead attempts. */
  readonly superviseIntervalSeconds?: number;
  /** How long after a keyed job is parked (not for a `PermanentJobError`) it is sent afresh; 15 minutes by default. */
  readonly resumeParkedAfterSeconds?: number;
}

export interface SendOptions {
  /** The caller's transaction: the job exists only if it commits (pg-boss's statements run through it). */
  readonly db?: PrismaClient | Prisma.TransactionClient;
  /** Required by a `onePerKey` queue. */
  readonly key?: string;
}

/** What a job holds: the handler's kind, the shop, and a small payload (never personal data: it stays in our tables). */
export interface JobData {
  readonly kind: string;
  readonly shop: string;
  readonly payload: unknown;
  /** On a keyed queue, the attempt a retry sent afresh starts at (see `retryKeyed`); 1 when absent. */
  readonly attempt?: number;
}

/** What `JobQueue.inTransaction` gives its work: SQL and job inserts on one transaction. */
export interface QueueTransaction {
  query<Row>(text: string, values: unknown[]): Promise<Row[]>;
  insert(queueName: string, jobs: readonly JobData[]): Promise<void>;
}

/** pg-boss's handle on a transaction it opened (its `Db.beginTransaction`). */
interface TransactionHandle {
  readonly db: Db;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

export interface WorkOptions {
  readonly db: PrismaClient;
  readonly handlers: JobHandlerRegistry;
  /** The clock handlers stamp with (the emulator's in the demo). */
  readonly now: () => Date;
  readonly log: (message: string) => void;
  /** How often an idle worker looks for jobs when no notification woke it. */
  readonly pollIntervalSeconds?: number;
}

const HANDLER_TIME_LIMIT_SECONDS = 900;

/** Long enough for a crash loop or an outage to pass, short against the nightly reconcile that would resume it otherwise. */
export const DEFAULT_RESUME_PARKED_AFTER_SECONDS = 15 * 60;

/** Jobs a worker claims at once; each is kept alive by its own heartbeat until its turn comes and ends. */
const WORK_BATCH = 10;

export class JobQueue {
  private constructor(
    private readonly boss: PgBoss,
    readonly schema: string,
    private readonly queues: ReadonlyMap<string, QueueDefinition>,
    private readonly resumeParkedAfterSeconds: number,
  ) {}

  /** Starts pg-boss (installing or upgrading its schema once, whichever process comes first) and makes the queues. */
  static async open(options: JobQueueOptions): Promise<JobQueue> {
    const { config, schema } = postgresConnection(options.url);
    const jobsSchema = jobsSchemaFor(schema);
    const boss = new PgBoss({
      host: config.host ?? undefined,
      port: config.port,
      user: config.user,
      password: typeof config.password === "string" ? config.password : undefined,
      database: config.database ?? undefined,
      ...(config.ssl === undefined ? {} : { ssl: config.ssl }),
      max: 4,
      // The app's own tables resolve on these connections too, for a caller that writes them with its jobs.
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
      schema: jobsSchema,
      supervise: options.supervise,
      schedule: false,
      useListenNotify: true,
      ...(options.superviseIntervalSeconds
        ? { superviseIntervalSeconds: options.superviseIntervalSeconds, monitorIntervalSeconds: options.superviseIntervalSeconds }
        : {}),
    });
    // pg-boss reports background failures (a lost connection during maintenance) as events; they must not crash the process.
    boss.on("error", (error) => console.error(`[jobs] ${error.message}`));
    await boss.start();
    const retry = options.retry ?? DEFAULT_RETRY;
    const settings: Omit<Queue, "name"> = {
      retryLimit: retry.attempts - 1,
      retryDelay: retry.delaySeconds,
      retryBackoff: true,
      retryDelayMax: retry.maxDelaySeconds,
      expireInSeconds: HANDLER_TIME_LIMIT_SECONDS,
      notify: true,
      heartbeatSeconds: options.heartbeatSeconds ?? 10,
      deadLetter: PARKED_QUEUE,
    };
    await boss.createQueue(PARKED_QUEUE, { retryLimit: retry.attempts - 1, retryDelay: retry.delaySeconds, retryBackoff: true, notify: true });
    for (const queue of options.queues) {
      await boss.createQueue(queue.name, { ...settings, policy: queue.onePerKey ? "stately" : "standard" });
    }
    const queues = new Map(options.queues.map((queue) => [queue.name, queue]));
    return new JobQueue(boss, jobsSchema, queues, options.resumeParkedAfterSeconds ?? DEFAULT_RESUME_PARKED_AFTER_SECONDS);
  }

  /**
   * Enqueues a job. Returns its id, or null when a `onePerKey` queue already has a job waiting for that key (that
   * one will see whatever this one would have: it has not started yet).
   */
  async send(queueName: string, job: JobData, options: SendOptions = {}): Promise<string | null> {
    const queue = this.queueNamed(queueName);
    if (queue.onePerKey && !options.key) throw new Error(`a job on queue "${queueName}" needs a key`);
    return this.boss.send(
      queueName,
      { ...job },
      { ...(options.key ? { singletonKey: options.key } : {}), ...(options.db ? { db: fromPrisma(options.db) } : {}) },
    );
  }

  /**
   * Runs the jobs of every queue with the handler registered for each job's kind. A worker claims up to
   * `WORK_BATCH` jobs at a time and runs them one after another; while batches come back full it claims again at
   * once, and an idle worker is woken by pg-boss's NOTIFY when a job is sent (polling is the backstop).
   */
  async work(options: WorkOptions): Promise<void> {
    const pollingIntervalSeconds = options.pollIntervalSeconds ?? 2;
    // A retry coming due sends no NOTIFY: the backstop poll is what finds it, so it runs at the base interval too.
    const settings = {
      includeMetadata: true,
      perJobResults: true,
      batchSize: WORK_BATCH,
      burstWhenBatchFull: true,
      pollingIntervalSeconds,
      notifyPollingIntervalSeconds: pollingIntervalSeconds,
    } as const;
    for (const name of this.queues.keys()) {
      await this.boss.work<JobData, unknown, typeof settings>(name, settings, (jobs) => runBatch(jobs, (job) => runJob(this, job, name, options)));
    }
    await this.boss.work<JobData, unknown, typeof settings>(PARKED_QUEUE, settings, (jobs) => runBatch(jobs, (job) => recordDeadJob(this, job, options)));
  }

  /** Enqueues several jobs of an unkeyed queue in one statement, in the caller's transaction if given. */
  async insert(queueName: string, jobs: readonly JobData[], options: Pick<SendOptions, "db"> & { readonly executor?: Db } = {}): Promise<void> {
    if (this.queueNamed(queueName).onePerKey) throw new Error(`queue "${queueName}" keeps one job per key: send its jobs one by one`);
    if (jobs.length === 0) return;
    await this.boss.insert(
      queueName,
      jobs.map((job) => ({ data: { ...job } })),
      options.executor ? { db: options.executor } : options.db ? { db: fromPrisma(options.db) } : {},
    );
  }

  /**
   * Runs `work` in one transaction on the queue's own connections: SQL on the app's tables and job inserts commit
   * together. For a hot path that must not pay Prisma's per-query cost (the webhook intake's batches).
   */
  async inTransaction<T>(work: (tx: QueueTransaction) => Promise<T>): Promise<T> {
    const db = this.boss.getDb() as Db & { beginTransaction?: () => Promise<TransactionHandle> };
    if (!db.beginTransaction) throw new Error("the job queue's database cannot open transactions");
    const handle = await db.beginTransaction();
    try {
      const result = await work({
        query: async <Row>(text: string, values: unknown[]) => (await handle.db.executeSql(text, values)).rows as Row[],
        insert: (queueName, jobs) => this.insert(queueName, jobs, { executor: handle.db }),
      });
      await handle.commit();
      return result;
    } catch (error) {
      await handle.rollback();
      throw error;
    }
  }

  /** Whether a job of this queue whose worker died is parked for staff (see `QueueDefinition.parkDeadJobs`). */
  parksDeadJobs(queueName: string): boolean {
    return this.queues.get(queueName)?.parkDeadJobs !== false;
  }

  isKeyed(queueName: string): boolean {
    return this.queueNamed(queueName).onePerKey === true;
  }

  private queueNamed(queueName: string): QueueDefinition {
    const queue = this.queues.get(queueName);
    if (!queue) throw new Error(`no queue named "${queueName}"; the queues are ${[...this.queues.keys()].join(", ")}`);
    return queue;
  }

  /**
   * Retries a failed job of a keyed queue by sending it afresh, due after the backoff, and completing the failed one.
   * pg-boss's own retry would need the key's one "retry" place, and a second job of the key failing meanwhile (two
   * syncs of one busy contract) would then fail for good; a fresh job waits in the key's one "queued" place, and if
   * a newer request already waits there, that one covers this too.
   */
  async retryKeyed(queueName: string, job: JobWithMetadata<JobData>, failedAttempt: number): Promise<void> {
    const delaySeconds = Math.min(job.retryDelay * 2 ** (failedAttempt - 1), job.retryDelayMax ?? Number.POSITIVE_INFINITY);
    await this.boss.send(
      queueName,
      { ...job.data, attempt: failedAttempt + 1 },
      { singletonKey: job.singletonKey ?? undefined, startAfter: Math.ceil(delaySeconds) },
    );
  }

  /**
   * Whether a dead job of a keyed queue had pg-boss retries left when its worker died. pg-boss then parks it only
   * because the key's one retry place was taken (an earlier crash of the same key waits there, `stately` policy),
   * not because the job kept dying: such a job is sent afresh like a failed attempt rather than parked.
   */
  async diedWithRetriesLeft(job: JobWithMetadata<JobData>): Promise<boolean> {
    const source = job.sourceName;
    if (!source || this.queues.get(source)?.onePerKey !== true) return false;
    const queue = await this.boss.getQueue(source);
    return queue !== null && (job.sourceRetryCount ?? 0) < (queue.retryLimit ?? 0);
  }

  /** Whether a job parked on this queue is sent afresh after the cool-down: a keyed one (there is one place per key). */
  resumesParked(queueName: string, job: JobWithMetadata<JobData>): boolean {
    return this.queues.get(queueName)?.onePerKey === true && job.singletonKey !== null;
  }

  /**
   * Sends a parked job of a keyed queue afresh, due after `resumeParkedAfterSeconds`, with all its attempts again: a
   * contract's sync parked because its workers kept dying (or Shopify was down through every retry) resumes by
   * itself instead of waiting for the nightly reconcile. The key's one waiting place bounds it: however many parks a
   * stream of crashes causes, at most one job per key waits, and a request already waiting covers this one.
   */
  async resumeParked(queueName: string, job: JobWithMetadata<JobData>): Promise<void> {
    if (!this.resumesParked(queueName, job)) return;
    const { kind, shop, payload } = job.data;
    await this.boss.send(queueName, { kind, shop, payload }, { singletonKey: job.singletonKey ?? undefined, startAfter: this.resumeParkedAfterSeconds });
  }

  /** The cool-down before a parked keyed job runs again, as staff read it in the job's parking reason. */
  get resumeDelayText(): string {
    const minutes = this.resumeParkedAfterSeconds / 60;
    return Number.isInteger(minutes) ? `${minutes} min` : `${this.resumeParkedAfterSeconds} s`;
  }

  /**
   * Jobs running or due now, read live (a retry not yet due is left out, whether pg-boss's own or one `retryKeyed`
   * sent afresh): what a run that waits for its work to settle (the demos, the local stack's test) watches.
   */
  async unfinishedJobs(): Promise<number> {
    const { rows } = await this.boss
      .getDb()
      .executeSql(`SELECT count(*)::int AS count FROM "${this.schema}".job WHERE state = 'active' OR (state IN ('created', 'retry') AND start_after <= now())`);
    return (rows[0] as { count: number }).count;
  }

  /** Every job not finished, retries not yet due included: what a headless demo that must see its work through waits for. */
  async jobsNotFinished(): Promise<number> {
    const { rows } = await this.boss
      .getDb()
      .executeSql(`SELECT count(*)::int AS count FROM "${this.schema}".job WHERE state IN ('created', 'retry', 'active')`);
    return (rows[0] as { count: number }).count;
  }

  /** Stops working (a graceful stop lets the jobs in progress finish) and closes the queue's connections. */
  async stop(options: { readonly graceful?: boolean; readonly timeoutMs?: number } = {}): Promise<void> {
    await this.boss.stop({ graceful: options.graceful ?? true, timeout: options.timeoutMs ?? 30_000, close: true });
  }
}

/** Where pg-boss keeps its tables: beside the app's schema, so that one DATABASE_URL names both. */
export function jobsSchemaFor(appSchema: string | undefined): string {
  return appSchema ? `${appSchema}_jobs` : "pgboss";
}

/** Jobs whose attempts all ended without an outcome (their workers died) arrive here, to be parked. */
const PARKED_QUEUE = "parked";

/** Each job's own outcome: one failing job is retried alone, the rest of its batch completes. */
async function runBatch(jobs: JobWithMetadata<JobData>[], run: (job: JobWithMetadata<JobData>) => Promise<void>): Promise<JobResult[]> {
  const results: JobResult[] = [];
  for (const job of jobs) {
    try {
      await run(job);
      results.push({ id: job.id, status: "completed" });
    } catch (error) {
      results.push({ id: job.id, status: "failed", output: { message: errorMessage(error) } });
    }
  }
  return results;
}

/**
 * The run this is of the job: pg-boss's retries of it, counted on from where a keyed job sent afresh started. A job
 * that reached the parked queue counts the retries it had on its own queue.
 */
function attemptOf(job: JobWithMetadata<JobData>): number {
  return (job.data.attempt ?? 1) + (job.sourceRetryCount ?? job.retryCount);
}

async function runJob(jobs: JobQueue, job: JobWithMetadata<JobData>, queue: string, options: WorkOptions): Promise<void> {
  const { kind, shop, payload } = job.data;
  const attempt = attemptOf(job);
  const handler = options.handlers.handlerFor(kind);
  if (!handler) return park(options, job, queue, `no handler is registered for job kind "${kind}"`);
  try {
    await handler(payload, { db: options.db, jobs, shop, jobId: job.id, attempt, signal: job.signal, now: options.now });
  } catch (error) {
    if (error instanceof PermanentJobError) return park(options, job, queue, error.message);
    // A run stopped because its claim was lost: the job is someone else's now, nothing to record.
    if (error instanceof JobRunAbortedError || job.signal.aborted) throw error;
    options.log(`[jobs] ${kind} ${job.id} attempt ${attempt} of ${job.retryLimit + 1} failed: ${errorMessage(error)}`);
    if (attempt > job.retryLimit) return parkAndResume(jobs, options, job, queue, `gave up after ${attempt} attempts: ${errorMessage(error)}`);
    if (jobs.isKeyed(queue)) return jobs.retryKeyed(queue, job, attempt);
    throw error;
  }
}

/**
 * A job whose worker died, moved here by pg-boss from the queue it was sent to: after its last attempt, or for a
 * keyed job at any attempt while an earlier crash of its key held the key's one retry place.
 */
async function recordDeadJob(jobs: JobQueue, job: JobWithMetadata<JobData>, options: WorkOptions): Promise<void> {
  const attempts = attemptOf(job);
  const source = job.sourceName ?? "";
  const reason = `its worker stopped before finishing it (crashed or hung), ${attempts} ${attempts === 1 ? "time" : "times"}`;
  if (await jobs.diedWithRetriesLeft(job)) {
    options.log(`[jobs] ${job.data.kind} ${job.id} attempt ${attempts} ended with its worker gone; sent again`);
    return jobs.retryKeyed(source, job, attempts);
  }
  if (!jobs.parksDeadJobs(source)) {
    options.log(`[jobs] ${job.data.kind} ${job.id} dropped: ${reason}; its work is recorded and sent again by the app`);
    return;
  }
  await parkAndResume(jobs, options, job, source || "unknown", reason);
}

/** Parks a job that did not fail for good: staff see it, and a keyed one is sent afresh after the cool-down. */
async function parkAndResume(jobs: JobQueue, options: WorkOptions, job: JobWithMetadata<JobData>, queue: string, reason: string): Promise<void> {
  if (!jobs.resumesParked(queue, job)) return park(options, job, queue, reason);
  await park(options, job, queue, `${reason}; sent again by itself after ${jobs.resumeDelayText}`);
  await jobs.resumeParked(queue, job);
}

/** Records the job for staff; the pg-boss job itself then completes, so nothing retries it. */
async function park(options: WorkOptions, job: JobWithMetadata<JobData>, queue: string, reason: string): Promise<void> {
  options.log(`[jobs] ${job.data.kind} ${job.id} parked: ${reason}`);
  await options.db.parkedJob.upsert({
    where: { jobId: job.id },
    create: {
      jobId: job.id,
      queue,
      kind: job.data.kind,
      shop: job.data.shop,
      payload: JSON.stringify(job.data.payload ?? null),
      reason: truncate(reason),
      attempts: attemptOf(job),
      parkedAt: options.now(),
    },
    update: {},
  });
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** Keeps a stack-trace-sized message from bloating the row. */
function truncate(text: string): string {
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}
