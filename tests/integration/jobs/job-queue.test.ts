import { afterAll, describe, expect, it } from "vitest";

import { createPrismaClient } from "../../../app/prisma-client.server";
import { claimNext, complete, enqueue, extendLease, fail, park, retryDelayMs } from "../../../app/jobs/job-queue.server";
import { createTestDatabase } from "../test-database";

const database = await createTestDatabase();
// A second connection to the same file, as a second worker process would have.
const otherWorkerDb = createPrismaClient(database.url);
afterAll(async () => {
  await otherWorkerDb.$disconnect();
  await database.cleanup();
});

const { prisma: db } = database;
const t0 = new Date("2027-03-01T10:00:00.000Z");
const at = (milliseconds: number) => new Date(t0.getTime() + milliseconds);
let shopCounter = 0;
/** Each test its own shop and a clean queue, so claims only see that test's jobs. */
async function freshShop(): Promise<string> {
  await db.job.deleteMany();
  shopCounter += 1;
  return `queue-${shopCounter}.myshopify.com`;
}

describe("enqueue", () => {
  it("stores the payload as JSON and returns the existing job for a dedupe key already present", async () => {
    const shop = await freshShop();
    const first = await enqueue(db, { shop, kind: "test:echo", payload: { amountMinor: "1250" }, dedupeKey: "echo-1", runAt: t0 });
    const again = await enqueue(db, { shop, kind: "test:echo", payload: { amountMinor: "9999" }, dedupeKey: "echo-1", runAt: t0 });
    expect(first.created).toBe(true);
    expect(again).toEqual({ job: first.job, created: false });
    expect(JSON.parse(first.job.payload)).toEqual({ amountMinor: "1250" });
    expect(first.job).toMatchObject({ status: "queued", attempts: 0, maxAttempts: 8, shop });
    expect(await db.job.count()).toBe(1);
  });

  it("makes one job when two connections enqueue the same key at once", async () => {
    const shop = await freshShop();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, index) => enqueue(index % 2 ? db : otherWorkerDb, { shop, kind: "test:echo", payload: { index }, dedupeKey: "race" })),
    );
    expect(new Set(results.map((result) => result.job.id)).size).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(await db.job.count({ where: { dedupeKey: "race" } })).toBe(1);
  });

  it("never hands one shop's job to another shop that reuses its dedupe key", async () => {
    await enqueue(db, { shop: "first.myshopify.com", kind: "collect", payload: {}, dedupeKey: "shared-key" });
    await expect(enqueue(db, { shop: "second.myshopify.com", kind: "collect", payload: {}, dedupeKey: "shared-key" })).rejects.toThrow(
      "dedupe key shared-key belongs to a job of another shop",
    );
    expect(await db.job.count({ where: { dedupeKey: "shared-key" } })).toBe(1);
  });

  it("makes a job without runAt due at the caller's clock, and stamps every change with the clock it is given", async () => {
    const shop = await freshShop();
    const { job } = await enqueue(db, { shop, kind: "test:echo", payload: {} }, at(-60_000));
    expect(job.runAt).toEqual(at(-60_000));

    const leased = await claimNext(db, "worker-a", t0, 10_000);
    expect(await extendLease(db, leased!, at(1_000), 10_000)).toBe(true);
    expect((await db.job.findUniqueOrThrow({ where: { id: job.id } })).updatedAt).toEqual(at(1_000));
    expect(await complete(db, leased!, at(2_000))).toBe(true);
    expect(await db.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "done", updatedAt: at(2_000) });

    const { job: parked } = await enqueue(db, { shop, kind: "test:echo", payload: {} }, t0);
    expect(await park(db, (await claimNext(db, "worker-a", t0, 10_000))!, "needs staff", at(3_000))).toBe(true);
    expect(await db.job.findUniqueOrThrow({ where: { id: parked.id } })).toMatchObject({ status: "parked", updatedAt: at(3_000) });
  });

  it("refuses a bigint in the payload (money goes in as strings)", async () => {
    const shop = await freshShop();
    await expect(enqueue(db, { shop, kind: "test:echo", payload: { amountMinor: 1250n } })).rejects.toThrow(/BigInt/);
  });
});

describe("claimNext", () => {
  it("leases the job due longest and leaves jobs that are not due", async () => {
    const shop = await freshShop();
    const later = await enqueue(db, { shop, kind: "test:echo", payload: {}, runAt: at(5_000) });
    const second = await enqueue(db, { shop, kind: "test:echo", payload: {}, runAt: at(-1_000) });
    const first = await enqueue(db, { shop, kind: "test:echo", payload: {}, runAt: at(-2_000) });

    const claimed = await claimNext(db, "worker-a", t0, 30_000);
    expect(claimed).toMatchObject({ id: first.job.id, status: "running", lockedBy: "worker-a", attempts: 1 });
    expect(claimed?.lockedUntil).toEqual(at(30_000));
    expect((await claimNext(db, "worker-a", t0, 30_000))?.id).toBe(second.job.id);
    expect(await claimNext(db, "worker-a", t0, 30_000)).toBeNull();
    expect((await claimNext(db, "worker-a", at(5_000), 30_000))?.id).toBe(later.job.id);
  });

  it("takes over a running job only once its lease has expired", async () => {
    const shop = await freshShop();
    const { job } = await enqueue(db, { shop, kind: "test:echo", payload: {}, runAt: t0 });
    const crashed = await claimNext(db, "crashed-worker", t0, 10_000);
    expect(crashed?.id).toBe(job.id);

    expect(await claimNext(otherWorkerDb, "worker-b", at(9_999), 10_000)).toBeNull();
    const takenOver = await claimNext(otherWorkerDb, "worker-b", at(10_001), 10_000);
    expect(takenOver).toMatchObject({ id: job.id, lockedBy: "worker-b", attempts: 2 });
    // The crashed worker comes back: its lease is gone, so it can record nothing.
    expect(await complete(db, crashed!)).toBe(false);
    expect(await extendLease(db, crashed!, at(10_002), 10_000)).toBe(false);
    expect(await complete(otherWorkerDb, takenOver!)).toBe(true);
    expect(await db.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "done", lockedBy: null, lockedUntil: null });
  });

  it("gives one job to exactly one of two workers racing for it", async () => {
    const shop = await freshShop();
    await enqueue(db, { shop, kind: "test:echo", payload: {}, runAt: t0 });
    const [a, b] = await Promise.all([claimNext(db, "worker-a", t0, 10_000), claimNext(otherWorkerDb, "worker-b", t0, 10_000)]);
    expect([a, b].filter((job) => job !== null)).toHaveLength(1);
  });

  it("never leases a job twice when two connections drain 200 jobs concurrently", async () => {
    const shop = await freshShop();
    const jobs = [];
    for (let index = 0; index < 200; index += 1) jobs.push((await enqueue(db, { shop, kind: "test:echo", payload: { index }, runAt: t0 })).job.id);

    const claims: { worker: string; id: string }[] = [];
    const drain = async (client: typeof db, worker: string) => {
      // Claims stay unfinished (leased), so a job claimed twice would show up twice here.
      for (let job = await claimNext(client, worker, t0, 60_000); job; job = await claimNext(client, worker, t0, 60_000)) claims.push({ worker, id: job.id });
    };
    // Four loops per connection: each awaits between its look-up and its UPDATE, so they interleave and race.
    await Promise.all(["a1", "a2", "a3", "a4"].map((worker) => drain(db, worker)).concat(["b1", "b2", "b3", "b4"].map((worker) => drain(otherWorkerDb, worker))));

    const ids = claims.map((claim) => claim.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual([...jobs].sort());
    expect(new Set(claims.filter((claim) => claim.worker.startsWith("b")).map((claim) => claim.worker)).size).toBeGreaterThan(0);
    expect(await db.job.count({ where: { status: "running", attempts: 1 } })).toBe(200);
  });
});

describe("fail", () => {
  it("retries later with exponential backoff and jitter, then parks with the reason after maxAttempts", async () => {
    const shop = await freshShop();
    const { job } = await enqueue(db, { shop, kind: "test:echo", payload: {}, runAt: t0, maxAttempts: 3 });
    const backoff = { random: () => 0.5, baseDelayMs: 1_000 };

    let now = t0;
    const expectedDelays = [750, 1_500]; // half fixed + half × 0.5 of 1 s, then of 2 s
    for (const delay of expectedDelays) {
      const leased = await claimNext(db, "worker-a", now, 10_000);
      expect(await fail(db, leased!, new Error("Shopify answered 502"), { ...backoff, now })).toBe("failed");
      const stored = await db.job.findUniqueOrThrow({ where: { id: job.id } });
      expect(stored).toMatchObject({ status: "failed", lockedBy: null, lastError: "Error: Shopify answered 502" });
      expect(stored.runAt).toEqual(new Date(now.getTime() + delay));
      expect(await claimNext(db, "worker-a", new Date(stored.runAt.getTime() - 1), 10_000)).toBeNull();
      now = stored.runAt;
    }
    const last = await claimNext(db, "worker-a", now, 10_000);
    expect(last?.attempts).toBe(3);
    expect(await fail(db, last!, new Error("still 502"), { ...backoff, now })).toBe("parked");
    expect(await db.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "parked", lastError: "gave up after 3 attempts: Error: still 502" });
    expect(await claimNext(db, "worker-a", at(86_400_000), 10_000)).toBeNull();
  });

  it("spreads retries between half and all of the doubling delay, capped", () => {
    expect(retryDelayMs(1, { random: () => 0 })).toBe(5_000);
    expect(retryDelayMs(1, { random: () => 0.999999 })).toBe(10_000);
    expect(retryDelayMs(4, { random: () => 0 })).toBe(40_000);
    expect(retryDelayMs(30, { random: () => 0 })).toBe(1_800_000);
  });
});
