import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { CONTRACT_SYNC_QUEUE, WEBHOOK_QUEUE } from "../../../app/jobs/queues";
import { JobHandlerRegistry, PermanentJobError, type JobContext, type JobHandler } from "../../../app/lib/jobs/job-handlers.server";
import type { JobQueue } from "../../../app/lib/jobs/job-queue.server";
import { createTestDatabase, type TestDatabase } from "../test-database";

const database = await createTestDatabase();
afterAll(() => database.cleanup());
const { prisma: db } = database;
const sender = await database.openJobQueue({ supervise: false });

let shopCounter = 0;
const freshShop = () => `queue-${(shopCounter += 1)}.myshopify.com`;
const silent = () => undefined;

async function worker(handlers: Record<string, JobHandler>): Promise<JobQueue> {
  const queue = await database.openJobQueue();
  const registry = new JobHandlerRegistry();
  for (const [kind, handler] of Object.entries(handlers)) registry.register(kind, handler);
  await queue.work({ db, handlers: registry, now: () => new Date(), log: silent, pollIntervalSeconds: 0.5 });
  return queue;
}

async function until(condition: () => Promise<boolean> | boolean, what: string, timeoutMs = 25_000): Promise<void> {
  const giveUpAt = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > giveUpAt) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const jobsOf = async (shop: string) => (await database.storedJobs()).filter((job) => job.shop === shop);

describe("the job queue (pg-boss)", () => {
  it("enqueues inside the caller's transaction: the job exists only if it commits", async () => {
    const shop = freshShop();
    await db.$transaction(async (tx) => {
      await sender.send(WEBHOOK_QUEUE, { kind: "test:kept", shop, payload: {} }, { db: tx });
    });
    await expect(
      db.$transaction(async (tx) => {
        await sender.send(WEBHOOK_QUEUE, { kind: "test:rolled-back", shop, payload: {} }, { db: tx });
        throw new Error("the request fails after enqueueing");
      }),
    ).rejects.toThrow("the request fails");
    expect((await jobsOf(shop)).map((job) => job.kind)).toEqual(["test:kept"]);
  });

  it("keeps one waiting job per key on a keyed queue, and refuses a keyed queue's job without a key", async () => {
    const shop = freshShop();
    const first = await sender.send(CONTRACT_SYNC_QUEUE, { kind: "test:sync", shop, payload: { n: 1 } }, { key: `${shop}:c1` });
    const second = await sender.send(CONTRACT_SYNC_QUEUE, { kind: "test:sync", shop, payload: { n: 2 } }, { key: `${shop}:c1` });
    const other = await sender.send(CONTRACT_SYNC_QUEUE, { kind: "test:sync", shop, payload: { n: 3 } }, { key: `${shop}:c2` });
    expect(first).not.toBeNull();
    expect(second).toBeNull();
    expect(other).not.toBeNull();
    expect((await jobsOf(shop)).map((job) => job.key)).toEqual([`${shop}:c1`, `${shop}:c2`]);
    await expect(sender.send(CONTRACT_SYNC_QUEUE, { kind: "test:sync", shop, payload: {} })).rejects.toThrow("needs a key");
    await expect(sender.send("nowhere", { kind: "test:sync", shop, payload: {} })).rejects.toThrow('no queue named "nowhere"');
  });

  it("runs a job through its kind's handler, retries a failure with backoff, and passes the attempt", async () => {
    const shop = freshShop();
    const attempts: number[] = [];
    const queue = await worker({
      "test:flaky": async (_payload, context) => {
        attempts.push(context.attempt);
        if (context.attempt < 3) throw new Error("Shopify answered 503");
      },
    });
    try {
      await sender.send(WEBHOOK_QUEUE, { kind: "test:flaky", shop, payload: { hello: "world" } });
      await until(async () => (await jobsOf(shop))[0]?.state === "completed", "the job completes");
      expect(attempts).toEqual([1, 2, 3]);
      expect(await db.parkedJob.count({ where: { shop } })).toBe(0);
    } finally {
      await queue.stop({ graceful: false, timeoutMs: 1000 });
    }
  });

  it("parks a job at once on a PermanentJobError, and after its last attempt otherwise, with the reason staff see", async () => {
    const shopA = freshShop();
    const shopB = freshShop();
    const shopC = freshShop();
    const runs = new Map<string, number>();
    const count = (context: JobContext) => runs.set(context.shop, (runs.get(context.shop) ?? 0) + 1);
    const queue = await worker({
      "test:malformed": async (_payload, context) => {
        count(context);
        throw new PermanentJobError("not a contract sync payload: contractId is missing");
      },
      "test:broken": async (_payload, context) => {
        count(context);
        throw new Error("always fails");
      },
    });
    try {
      await sender.send(WEBHOOK_QUEUE, { kind: "test:malformed", shop: shopA, payload: { contract: "?" } });
      await sender.send(WEBHOOK_QUEUE, { kind: "test:broken", shop: shopB, payload: {} });
      await sender.send(WEBHOOK_QUEUE, { kind: "test:unknown", shop: shopC, payload: {} });
      await until(async () => (await db.parkedJob.count({ where: { shop: { in: [shopA, shopB, shopC] } } })) === 3, "all three are parked", 40_000);
      const parked = await db.parkedJob.findMany({ where: { shop: { in: [shopA, shopB, shopC] } }, orderBy: { shop: "asc" } });
      expect(parked.map(({ shop, kind, attempts, reason, payload }) => ({ shop, kind, attempts, reason, payload }))).toEqual([
        { shop: shopA, kind: "test:malformed", attempts: 1, reason: "not a contract sync payload: contractId is missing", payload: '{"contract":"?"}' },
        { shop: shopB, kind: "test:broken", attempts: 8, reason: "gave up after 8 attempts: Error: always fails", payload: "{}" },
        { shop: shopC, kind: "test:unknown", attempts: 1, reason: 'no handler is registered for job kind "test:unknown"', payload: "{}" },
      ]);
      expect(runs.get(shopA)).toBe(1);
      expect(runs.get(shopB)).toBe(8);
    } finally {
      await queue.stop({ graceful: false, timeoutMs: 1000 });
    }
  }, 60_000);

  it("runs each of 200 jobs exactly once when two workers drain the queue together", async () => {
    const shop = freshShop();
    const runs = new Map<number, number>();
    const handler: JobHandler = async (payload) => {
      const { n } = payload as { n: number };
      runs.set(n, (runs.get(n) ?? 0) + 1);
    };
    const workers = [await worker({ "test:count": handler }), await worker({ "test:count": handler })];
    try {
      for (let n = 0; n < 200; n += 1) await sender.send(WEBHOOK_QUEUE, { kind: "test:count", shop, payload: { n } });
      await until(() => runs.size === 200, "every job ran", 40_000);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect([...runs.values()].every((times) => times === 1)).toBe(true);
      expect((await jobsOf(shop)).every((job) => job.state === "completed")).toBe(true);
    } finally {
      for (const queue of workers) await queue.stop({ graceful: false, timeoutMs: 1000 });
    }
  }, 60_000);

  it("never runs two jobs of one key at once, though two workers are free", async () => {
    const shop = freshShop();
    let running = 0;
    let mostAtOnce = 0;
    let done = 0;
    const handler: JobHandler = async () => {
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      await new Promise((resolve) => setTimeout(resolve, 300));
      running -= 1;
      done += 1;
    };
    const workers = [await worker({ "test:keyed": handler }), await worker({ "test:keyed": handler })];
    try {
      for (let round = 0; round < 4; round += 1) {
        await sender.send(CONTRACT_SYNC_QUEUE, { kind: "test:keyed", shop, payload: { round } }, { key: `${shop}:one-contract` });
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      await until(async () => (await jobsOf(shop)).every((job) => job.state === "completed"), "every job completed");
      expect(done).toBeGreaterThanOrEqual(2);
      expect(mostAtOnce).toBe(1);
    } finally {
      for (const queue of workers) await queue.stop({ graceful: false, timeoutMs: 1000 });
    }
  }, 60_000);

  it("aborts the handler's signal when the job's claim is taken from it, so it stops before its next side effect", async () => {
    const shop = freshShop();
    let aborted: unknown = null;
    const queue = await worker({
      "test:long": async (_payload, context) => {
        await new Promise<void>((resolve) => context.signal?.addEventListener("abort", () => resolve(), { once: true }));
        aborted = context.signal?.reason;
        context.signal?.throwIfAborted();
      },
    });
    try {
      const id = await sender.send(WEBHOOK_QUEUE, { kind: "test:long", shop, payload: {} });
      await until(async () => (await jobsOf(shop))[0]?.state === "active", "the job runs");
      // What pg-boss's supervisor does to a claim it takes for dead: the attempt is failed and the job waits again.
      await db.$executeRawUnsafe(`UPDATE "${database.schema}_jobs".job SET state = 'retry', start_after = now() + interval '1 hour' WHERE id = $1`, id);
      await until(() => aborted !== null, "the handler's signal is aborted", 30_000);
      expect(String(aborted)).toMatch(/no longer active/);
    } finally {
      await queue.stop({ graceful: false, timeoutMs: 1000 });
    }
  }, 60_000);

  it("runs a killed worker's job again, exactly once more", async () => {
    const shop = freshShop();
    const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(new URL("./hanging-worker-process.ts", import.meta.url)), database.url], {
      stdio: "inherit",
    });
    const survivorRuns: number[] = [];
    let survivor: JobQueue | undefined;
    try {
      await sender.send(WEBHOOK_QUEUE, { kind: "test:hang", shop, payload: {} });
      await until(async () => (await db.auditLog.count({ where: { shop, action: "hang.started" } })) === 1, "the child worker starts the job");
      child.kill("SIGKILL");
      survivor = await worker({ "test:hang": async (_payload, context) => void survivorRuns.push(context.attempt) });
      // The dead worker's heartbeats stop; after heartbeatSeconds the survivor's supervisor fails that attempt.
      await until(() => survivorRuns.length > 0, "the survivor runs the job", 40_000);
      await new Promise((resolve) => setTimeout(resolve, 2000));
      expect(survivorRuns).toEqual([2]);
      expect((await jobsOf(shop)).map((job) => job.state)).toEqual(["completed"]);
    } finally {
      child.kill("SIGKILL");
      await survivor?.stop({ graceful: false, timeoutMs: 1000 });
    }
  }, 60_000);

  it("runs a killed worker's keyed job again when an earlier crash of its key holds the key's one retry place, parking nothing", async () => {
    const shop = freshShop();
    const key = `${shop}:contract-1`;
    // An earlier crash of this contract's sync waits for its retry (pg-boss's stately policy keeps one per key).
    const earlier = await sender.send(CONTRACT_SYNC_QUEUE, { kind: "test:hang", shop, payload: { run: "earlier" } }, { key });
    await db.$executeRawUnsafe(
      `UPDATE "${sender.schema}".job SET state = 'retry', retry_count = 1, start_after = now() + interval '1 hour' WHERE id = $1::uuid`,
      earlier,
    );
    const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(new URL("./hanging-worker-process.ts", import.meta.url)), database.url], {
      stdio: "inherit",
    });
    const survivorRuns: unknown[] = [];
    let survivor: JobQueue | undefined;
    try {
      await sender.send(CONTRACT_SYNC_QUEUE, { kind: "test:hang", shop, payload: { run: "later" } }, { key });
      await until(async () => (await db.auditLog.count({ where: { shop, action: "hang.started" } })) === 1, "the child worker starts the job");
      child.kill("SIGKILL");
      survivor = await worker({ "test:hang": async (payload, context) => void survivorRuns.push([context.attempt, payload]) });
      // Its attempt dies with the child and cannot take the key's retry place: it is sent afresh as attempt 2.
      await until(() => survivorRuns.length > 0, "the survivor runs the job", 40_000);
      expect(survivorRuns).toEqual([[2, { run: "later" }]]);
      expect(await db.parkedJob.count({ where: { shop } })).toBe(0);
      expect((await jobsOf(shop)).filter((job) => job.state === "retry").map((job) => job.payload)).toEqual([{ run: "earlier" }]);
    } finally {
      child.kill("SIGKILL");
      await survivor?.stop({ graceful: false, timeoutMs: 1000 });
      await db.$executeRawUnsafe(`UPDATE "${sender.schema}".job SET state = 'cancelled' WHERE id = $1::uuid`, earlier);
    }
  }, 60_000);
});

/**
 * A keyed job parked because its attempts ran out (not for a PermanentJobError) is sent afresh after a cool-down.
 * On a database of its own whose queues allow one attempt, so that a worker killed mid-job parks its job after one
 * heartbeat timeout rather than eight; the cool-down is a second instead of 15 minutes.
 */
describe("parked keyed jobs", () => {
  const ONE_ATTEMPT = { attempts: 1, delaySeconds: 1, maxDelaySeconds: 1 };
  let quick: TestDatabase;
  let quickSender: JobQueue;
  beforeAll(async () => {
    quick = await createTestDatabase();
    // The first to open the queues sets their attempts; the hanging worker process opens them later.
    quickSender = await quick.openJobQueue({ supervise: false, retry: ONE_ATTEMPT });
  });
  afterAll(() => quick.cleanup());

  async function quickWorker(handlers: Record<string, JobHandler>, resumeParkedAfterSeconds = 1): Promise<JobQueue> {
    const queue = await quick.openJobQueue({ resumeParkedAfterSeconds });
    const registry = new JobHandlerRegistry();
    for (const [kind, handler] of Object.entries(handlers)) registry.register(kind, handler);
    await queue.work({ db: quick.prisma, handlers: registry, now: () => new Date(), log: silent, pollIntervalSeconds: 0.5 });
    return queue;
  }
  const quickJobsOf = async (shop: string) => (await quick.storedJobs()).filter((job) => job.shop === shop);

  it("sends a contract sync its killed worker parked afresh after the cool-down, where it runs and succeeds; staff keep the record", async () => {
    const shop = freshShop();
    const key = `${shop}:contract-1`;
    const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(new URL("./hanging-worker-process.ts", import.meta.url)), quick.url], {
      stdio: "inherit",
    });
    const survivorRuns: unknown[] = [];
    let survivor: JobQueue | undefined;
    try {
      await quickSender.send(CONTRACT_SYNC_QUEUE, { kind: "test:hang", shop, payload: { contractId: "contract-1" } }, { key });
      await until(async () => (await quick.prisma.auditLog.count({ where: { shop, action: "hang.started" } })) === 1, "the child worker starts the job");
      child.kill("SIGKILL");
      survivor = await quickWorker({ "test:hang": async (payload, context) => void survivorRuns.push([context.attempt, payload]) }, 3);
      // Its one attempt dies with the child: the job is parked, for staff to see...
      await until(async () => (await quick.prisma.parkedJob.count({ where: { shop } })) === 1, "the job is parked", 40_000);
      const parked = await quick.prisma.parkedJob.findFirstOrThrow({ where: { shop } });
      expect(parked).toMatchObject({ queue: CONTRACT_SYNC_QUEUE, kind: "test:hang", attempts: 1, payload: '{"contractId":"contract-1"}' });
      expect(parked.reason).toBe("its worker stopped before finishing it (crashed or hung), 1 time; sent again by itself after 3 s");
      // ...and sent afresh: it waits in the key's one place, so a request arriving meanwhile adds no job.
      const waiting = async () => (await quickJobsOf(shop)).filter((job) => job.queue === CONTRACT_SYNC_QUEUE && job.state === "created");
      await until(async () => (await waiting()).length === 1, "the job is sent afresh");
      expect(await quickSender.send(CONTRACT_SYNC_QUEUE, { kind: "test:hang", shop, payload: { contractId: "contract-1" } }, { key })).toBeNull();
      expect(await waiting()).toHaveLength(1);
      await until(() => survivorRuns.length > 0, "the resent job runs", 20_000);
      await until(async () => (await quickJobsOf(shop)).every((job) => job.state === "completed" || job.state === "failed"), "every job settles");
      // A fresh start: attempt 1 again, with the same payload.
      expect(survivorRuns).toEqual([[1, { contractId: "contract-1" }]]);
      const syncs = (await quickJobsOf(shop)).filter((job) => job.queue === CONTRACT_SYNC_QUEUE);
      expect(syncs.map((job) => [job.state, job.key])).toEqual([
        ["failed", key],
        ["completed", key],
      ]);
      expect(await quick.prisma.parkedJob.count({ where: { shop } })).toBe(1);
    } finally {
      child.kill("SIGKILL");
      await survivor?.stop({ graceful: false, timeoutMs: 1000 });
    }
  }, 90_000);

  it("resumes a keyed job whose attempts all failed once the outage is over, but leaves a PermanentJobError to staff", async () => {
    const outageShop = freshShop();
    const permanentShop = freshShop();
    const runs: { shop: string; attempt: number }[] = [];
    const queue = await quickWorker({
      "test:outage": async (_payload, context) => {
        runs.push({ shop: context.shop, attempt: context.attempt });
        if (runs.filter((run) => run.shop === context.shop).length === 1) throw new Error("Shopify answered 503");
      },
      "test:malformed": async (_payload, context) => {
        runs.push({ shop: context.shop, attempt: context.attempt });
        throw new PermanentJobError("not a contract sync payload");
      },
    });
    try {
      await quickSender.send(CONTRACT_SYNC_QUEUE, { kind: "test:outage", shop: outageShop, payload: {} }, { key: `${outageShop}:c` });
      await quickSender.send(CONTRACT_SYNC_QUEUE, { kind: "test:malformed", shop: permanentShop, payload: {} }, { key: `${permanentShop}:c` });
      await until(() => runs.filter((run) => run.shop === outageShop).length === 2, "the parked job runs again", 20_000);
      await new Promise((resolve) => setTimeout(resolve, 2500));
      expect(runs.filter((run) => run.shop === outageShop).map((run) => run.attempt)).toEqual([1, 1]);
      expect(runs.filter((run) => run.shop === permanentShop)).toHaveLength(1);
      const parked = await quick.prisma.parkedJob.findMany({ where: { shop: { in: [outageShop, permanentShop] } }, orderBy: { parkedAt: "asc" } });
      expect(parked.map(({ shop, reason }) => [shop, reason]).sort()).toEqual(
        [
          [outageShop, "gave up after 1 attempts: Error: Shopify answered 503; sent again by itself after 1 s"],
          [permanentShop, "not a contract sync payload"],
        ].sort(),
      );
      expect((await quickJobsOf(permanentShop)).map((job) => job.state)).toEqual(["completed"]);
    } finally {
      await queue.stop({ graceful: false, timeoutMs: 1000 });
    }
  }, 60_000);
});
