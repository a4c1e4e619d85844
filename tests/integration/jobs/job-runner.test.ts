import { afterAll, describe, expect, it } from "vitest";

import { createPrismaClient } from "../../../app/db.server";
import { JobHandlerRegistry, PermanentJobError, type JobContext } from "../../../app/jobs/job-handlers.server";
import { claimNext, enqueue } from "../../../app/jobs/job-queue.server";
import { JobRunner } from "../../../app/jobs/job-runner.server";
import { createTestDatabase } from "../test-database";

const database = createTestDatabase();
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
    expect(seen).toEqual([{ payload: { hello: "world" }, context: { db, shop, jobId: job.id, attempt: 1 } }]);
    expect(await db.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "done", attempts: 1, lockedBy: null });
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

  it("polls by itself once started, and stop() waits for the job in progress", async () => {
    const shop = await freshShop();
    const registry = new JobHandlerRegistry();
    let started!: () => void;
    const handlerStarted = new Promise<void>((resolve) => (started = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    registry.register("test:slow", async () => {
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
    expect((await db.job.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("done");

    // Stopped: a new job stays queued.
    const later = await enqueue(db, { shop, kind: "test:slow", payload: {} });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await db.job.findUniqueOrThrow({ where: { id: later.job.id } })).status).toBe("queued");
  });
});
