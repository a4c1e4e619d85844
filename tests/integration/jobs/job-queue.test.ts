import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

import { CONTRACT_SYNC_QUEUE, WEBHOOK_QUEUE } from "../../../app/jobs/queues";
import { JobHandlerRegistry, PermanentJobError, type JobContext, type JobHandler } from "../../../app/lib/jobs/job-handlers.server";
import type { JobQueue } from "../../../app/lib/jobs/job-queue.server";
import { createTestDatabase } from "../test-database";

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
});
