import { afterAll, describe, expect, it } from "vitest";

import { createPrismaClient } from "../../../app/prisma-client.server";
import { JobHandlerRegistry, PermanentJobError, type JobContext } from "../../../app/jobs/job-handlers.server";
import { claimNext, enqueue } from "../../../app/jobs/job-queue.server";
import { JobRunner } from "../../../app/jobs/job-runner.server";
import { createTestDatabase } from "../test-database";

const database = await createTestDatabase();
const secondProcessDb = createPrismaClient(database.url);
afterAll(async () => {
  await secondProcessDb.$disconnect();
  await database.cleanup();
});

const { prisma: db } = database;
const t0 = new Date("2027-03-01T10:00:00.000Z");
const silent = () => {};
let shopCounter = 0;
async function freshShop(): Promise<string> {
  await db.job.deleteMany();
  shopCounter += 1;
  return `runner-${shopCounter}.myshopify.com`;
}

/** A contract to hang ledger entries on: the ledger's (shop, shopifyRef) key is what makes a payment exactly-once. */
async function contractFor(shop: string): Promise<string> {
  const plan = await db.plan.create({ data: { shop, name: "30/70", syntax: "preset", source: "{}", model: "{}" } });
  const contract = await db.contract.create({
    data: { shop, planId: plan.id, sourceDraftOrderId: `gid://shopify/DraftOrder/${shopCounter}`, currency: "EUR", totalMinor: 100000n, mode: "stageOrder", status: "active", orderSnapshot: "{}" },
  });
  return contract.id;
}

/** An idempotent handler, as every real one must be: it records a payment through the ledger's unique key. */
function recordPaymentHandler(runs: JobContext[]) {
  return async (payload: unknown, context: JobContext) => {
    runs.push(context);
    const { contractId, transactionId, amountMinor } = payload as { contractId: string; transactionId: string; amountMinor: string };
    await context.db.ledgerEntry.upsert({
      where: { shop_shopifyRef: { shop: context.shop, shopifyRef: transactionId } },
      create: { shop: context.shop, contractId, kind: "payment", amountMinor: BigInt(amountMinor), currency: "EUR", shopifyRef: transactionId, occurredAt: t0 },
      update: {},
    });
  };
}

describe("JobRunner", () => {
  it("runs a job through the handler of its kind with the job's context and marks it done", async () => {
    const shop = await freshShop();
    const registry = new JobHandlerRegistry();
    const seen: { payload: unknown; context: JobContext }[] = [];
    registry.register("test:echo", async (payload, context) => void seen.push({ payload, context }));
    const { job } = await enqueue(db, { shop, kind: "test:echo", payload: { hello: "world" }, runAt: t0 });

    const runner = new JobRunner({ db, handlers: registry, now: () => t0, log: silent });
    expect(await runner.runNext()).toBe("done");
    expect(await runner.runNext()).toBeNull();
    expect(seen).toEqual([{ payload: { hello: "world" }, context: expect.objectContaining({ db, shop, jobId: job.id, attempt: 1 }) }]);
    expect(seen[0]!.context.signal?.aborted).toBe(false);
    expect(await db.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "done", attempts: 1, lockedBy: null });
  });

  it("hands the handler its clock and stamps the job's changes with it", async () => {
    const shop = await freshShop();
    const registry = new JobHandlerRegistry();
    const handlerTimes: Date[] = [];
    registry.register("test:clock", async (_payload, context) => void handlerTimes.push(context.now!()));
    const { job } = await enqueue(db, { shop, kind: "test:clock", payload: {} }, t0);
    expect(job.runAt).toEqual(t0);

    const runner = new JobRunner({ db, handlers: registry, now: () => t0, log: silent });
    expect(await runner.runNext()).toBe("done");
    expect(handlerTimes).toEqual([t0]);
    expect((await db.job.findUniqueOrThrow({ where: { id: job.id } })).updatedAt).toEqual(t0);
  });

  it("fails a job whose handler throws, with backoff, and runs it again once it is due", async () => {
    const shop = await freshShop();
    const registry = new JobHandlerRegistry();
    let calls = 0;
    registry.register("test:flaky", async () => {
      calls += 1;
      if (calls === 1) throw new Error("Shopify answered 503");
    });
    const { job } = await enqueue(db, { shop, kind: "test:flaky", payload: {}, runAt: t0 });
    let now = t0;
    const runner = new JobRunner({ db, handlers: registry, now: () => now, backoff: { random: () => 0, baseDelayMs: 2_000 }, log: silent });

    expect(await runner.runNext()).toBe("failed");
    const failed = await db.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(failed).toMatchObject({ status: "failed", lastError: "Error: Shopify answered 503", attempts: 1 });
    expect(failed.runAt).toEqual(new Date(t0.getTime() + 1_000));
    expect(await runner.runNext()).toBeNull();
    now = failed.runAt;
    expect(await runner.runNext()).toBe("done");
    expect(await db.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "done", attempts: 2, lastError: null });
  });

  it("parks a job of an unknown kind, and one whose handler throws PermanentJobError, with the reason", async () => {
    const shop = await freshShop();
    const registry = new JobHandlerRegistry();
    registry.register("test:rejected", async () => {
      throw new PermanentJobError("draftOrderComplete: userErrors [Draft order is already completed]");
    });
    const unknown = await enqueue(db, { shop, kind: "test:nobody-handles-this", payload: {}, runAt: t0 });
    const rejected = await enqueue(db, { shop, kind: "test:rejected", payload: {}, runAt: new Date(t0.getTime() + 1) });
    const runner = new JobRunner({ db, handlers: registry, now: () => new Date(t0.getTime() + 1), log: silent });

    expect(await runner.runNext()).toBe("parked");
    expect(await runner.runNext()).toBe("parked");
    expect(await db.job.findUniqueOrThrow({ where: { id: unknown.job.id } })).toMatchObject({
      status: "parked",
      lastError: 'no handler is registered for job kind "test:nobody-handles-this"',
    });
    expect(await db.job.findUniqueOrThrow({ where: { id: rejected.job.id } })).toMatchObject({
      status: "parked",
      lastError: "draftOrderComplete: userErrors [Draft order is already completed]",
    });
  });

  it("refuses a second handler for one kind", () => {
    const registry = new JobHandlerRegistry();
    registry.register("test:echo", async () => {});
    expect(() => registry.register("test:echo", async () => {})).toThrow(/already registered/);
  });

  it("takes over a crashed worker's job after its lease expires and runs it to completion exactly once more", async () => {
    const shop = await freshShop();
    const contractId = await contractFor(shop);
    const payload = { contractId, transactionId: "gid://shopify/OrderTransaction/crash-1", amountMinor: "30000" };
    const { job } = await enqueue(db, { shop, kind: "ledger:record", payload, runAt: t0 });

    // Worker A (another process) leases the job and dies without recording an outcome.
    const crashed = await claimNext(secondProcessDb, "worker-a", t0, 10_000);
    expect(crashed?.id).toBe(job.id);

    const runs: JobContext[] = [];
    const registry = new JobHandlerRegistry();
    registry.register("ledger:record", recordPaymentHandler(runs));
    let now = new Date(t0.getTime() + 9_000);
    const workerB = new JobRunner({ db, handlers: registry, workerId: "worker-b", leaseMs: 10_000, now: () => now, log: silent });
    expect(await workerB.runNext()).toBeNull();

    now = new Date(t0.getTime() + 10_001);
    expect(await workerB.runNext()).toBe("done");
    expect(await workerB.runNext()).toBeNull();
    expect(runs.map((run) => run.attempt)).toEqual([2]);
    expect(await db.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "done", attempts: 2, lockedBy: null });
    expect(await db.ledgerEntry.count({ where: { shop } })).toBe(1);
  });

  it("changes nothing more when a job runs twice: the first run did the work but died before recording it", async () => {
    const shop = await freshShop();
    const contractId = await contractFor(shop);
    const payload = { contractId, transactionId: "gid://shopify/OrderTransaction/twice-1", amountMinor: "70000" };
    const { job } = await enqueue(db, { shop, kind: "ledger:record", payload, runAt: t0 });
    const runs: JobContext[] = [];
    const handler = recordPaymentHandler(runs);

    const crashed = await claimNext(secondProcessDb, "worker-a", t0, 10_000);
    await handler(JSON.parse(crashed!.payload), { db: secondProcessDb, shop, jobId: job.id, attempt: crashed!.attempts });

    const registry = new JobHandlerRegistry();
    registry.register("ledger:record", handler);
    const workerB = new JobRunner({ db, handlers: registry, leaseMs: 10_000, now: () => new Date(t0.getTime() + 20_000), log: silent });
    expect(await workerB.runNext()).toBe("done");

    expect(runs).toHaveLength(2);
    const ledger = await db.ledgerEntry.findMany({ where: { shop } });
    expect(ledger.map((entry) => [entry.shopifyRef, entry.amountMinor])).toEqual([["gid://shopify/OrderTransaction/twice-1", 70000n]]);
  });

  it("parks a job whose lease keeps expiring (a worker that crashes on it every time)", async () => {
    const shop = await freshShop();
    const { job } = await enqueue(db, { shop, kind: "test:echo", payload: {}, runAt: t0, maxAttempts: 2 });
    await claimNext(db, "worker-a", t0, 1_000);
    await claimNext(db, "worker-a", new Date(t0.getTime() + 2_000), 1_000);
    const registry = new JobHandlerRegistry();
    registry.register("test:echo", async () => {});
    const runner = new JobRunner({ db, handlers: registry, leaseMs: 1_000, now: () => new Date(t0.getTime() + 4_000), log: silent });
    expect(await runner.runNext()).toBe("parked");
    expect((await db.job.findUniqueOrThrow({ where: { id: job.id } })).lastError).toMatch(/lease expired 2 times/);
  });

  it("aborts the handler's signal when a heartbeat finds its lease taken, so it stops before its next side effect", async () => {
    const shop = await freshShop();
    const contractId = await contractFor(shop);
    const payload = { contractId, transactionId: "gid://shopify/OrderTransaction/lease-lost-1", amountMinor: "30000" };
    const { job } = await enqueue(db, { shop, kind: "ledger:record", payload }, t0);
    let stolen!: () => void;
    const leaseStolen = new Promise<void>((resolve) => (stolen = resolve));
    let started!: () => void;
    const handlerStarted = new Promise<void>((resolve) => (started = resolve));
    const abortedBeforeSideEffect: boolean[] = [];
    const registry = new JobHandlerRegistry();
    registry.register("ledger:record", async (jobPayload, context) => {
      started();
      await leaseStolen;
      // A slow step (a Shopify call) outlasts the lease; the heartbeat that follows finds it gone.
      await new Promise((resolve) => context.signal!.addEventListener("abort", resolve, { once: true }));
      abortedBeforeSideEffect.push(context.signal!.aborted);
      context.signal!.throwIfAborted();
      await recordPaymentHandler([])(jobPayload, context);
    });
    // Worker A's clock stands still (its lease looks fine to it); worker B's is past A's lease.
    const workerA = new JobRunner({ db, handlers: registry, workerId: "worker-a", leaseMs: 30, now: () => t0, log: silent });

    const outcome = workerA.runNext();
    await handlerStarted;
    expect(await claimNext(secondProcessDb, "worker-b", new Date(t0.getTime() + 60_000), 60_000)).toMatchObject({ id: job.id, lockedBy: "worker-b" });
    stolen();

    expect(await outcome).toBe("leaseLost");
    expect(abortedBeforeSideEffect).toEqual([true]);
    expect(await db.ledgerEntry.count({ where: { shop } })).toBe(0);
    expect(await db.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "running", lockedBy: "worker-b", attempts: 2 });
  });

  it("aborts the handler's signal when its lease runs out while the database cannot extend it", async () => {
    const shop = await freshShop();
    let databaseDown = false;
    // The heartbeat's UPDATE is the only $executeRaw while the handler runs.
    const failingWrites = new Proxy(db, {
      get: (target, property) =>
        property === "$executeRaw" && databaseDown ? () => Promise.reject(new Error("Connection terminated unexpectedly")) : Reflect.get(target, property, target),
    });
    let now = t0;
    const registry = new JobHandlerRegistry();
    let reachedSideEffect = false;
    registry.register("test:long", async (_payload, { signal }) => {
      databaseDown = true;
      now = new Date(t0.getTime() + 30);
      await new Promise((resolve) => signal!.addEventListener("abort", resolve, { once: true }));
      databaseDown = false;
      signal!.throwIfAborted();
      reachedSideEffect = true;
    });
    const { job } = await enqueue(db, { shop, kind: "test:long", payload: {} }, t0);
    const logs: string[] = [];
    const runner = new JobRunner({ db: failingWrites, handlers: registry, leaseMs: 30, now: () => now, log: (message) => logs.push(message) });

    expect(await runner.runNext()).toBe("failed");
    expect(reachedSideEffect).toBe(false);
    expect(logs[0]).toMatch(/lease of .* not extended: Error: Connection terminated unexpectedly/);
    expect((await db.job.findUniqueOrThrow({ where: { id: job.id } })).lastError).toBe(`JobRunAbortedError: the lease of job ${job.id} ran out while it could not be extended`);
  });

  it("stop({ abortRunningJob }) aborts the running handler and records the job failed, to be retried", async () => {
    const shop = await freshShop();
    const registry = new JobHandlerRegistry();
    let started!: (signal: AbortSignal) => void;
    const handlerStarted = new Promise<AbortSignal>((resolve) => (started = resolve));
    registry.register("test:long", async (_payload, { signal }) => {
      started(signal!);
      await new Promise((resolve) => signal!.addEventListener("abort", resolve, { once: true }));
      signal!.throwIfAborted();
    });
    const runner = new JobRunner({ db, handlers: registry, pollIntervalMs: 10, now: () => t0, backoff: { random: () => 0, baseDelayMs: 2_000 }, log: silent });
    runner.start();
    const { job } = await enqueue(db, { shop, kind: "test:long", payload: {} }, t0);
    const signal = await handlerStarted;

    await runner.stop({ abortRunningJob: true });
    expect(signal.aborted).toBe(true);
    const stored = await db.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(stored).toMatchObject({ status: "failed", lockedBy: null, lastError: "JobRunAbortedError: the job worker is stopping" });
    expect(stored.runAt).toEqual(new Date(t0.getTime() + 1_000));
  });

  it("stop({ abortRunningJob }) also aborts a job the loop was claiming when it was called", async () => {
    const shop = await freshShop();
    const registry = new JobHandlerRegistry();
    const sideEffects: string[] = [];
    registry.register("test:long", async (_payload, { signal }) => {
      signal!.throwIfAborted();
      sideEffects.push("charged");
    });
    const { job } = await enqueue(db, { shop, kind: "test:long", payload: {} }, t0);
    const runner = new JobRunner({ db, handlers: registry, now: () => t0, log: silent });

    // start() sends the claim at once; the stop arrives while it is in flight.
    runner.start();
    await runner.stop({ abortRunningJob: true });
    expect(sideEffects).toEqual([]);
    expect(await db.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "failed", lastError: "JobRunAbortedError: the job worker is stopping" });
  });

  it("polls by itself once started, and stop() waits for the job in progress", async () => {
    const shop = await freshShop();
    const registry = new JobHandlerRegistry();
    let started!: () => void;
    const handlerStarted = new Promise<void>((resolve) => (started = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let signal: AbortSignal | undefined;
    registry.register("test:slow", async (_payload, context) => {
      signal = context.signal;
      started();
      await gate;
    });
    const runner = new JobRunner({ db, handlers: registry, pollIntervalMs: 10, log: silent });
    runner.start();
    const { job } = await enqueue(db, { shop, kind: "test:slow", payload: {} });
    await handlerStarted;

    let stopped = false;
    const stopping = runner.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stopped).toBe(false);
    expect((await db.job.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("running");
    release();
    await stopping;
    expect(signal?.aborted).toBe(false);
    expect((await db.job.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("done");

    // Stopped: a new job stays queued.
    const later = await enqueue(db, { shop, kind: "test:slow", payload: {} });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await db.job.findUniqueOrThrow({ where: { id: later.job.id } })).status).toBe("queued");
  });
});
