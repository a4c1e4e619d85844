import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "../../../app/prisma-client.server";
import { reserveApiCost, settleApiCost } from "../../../app/models/shop-api-buckets.server";
import { LOST_CALL_SECONDS, UNKNOWN_BUCKET } from "../../../app/shopify/shared-bucket";
import { createTestDatabase } from "../test-database";

const database = await createTestDatabase();
const db = database.prisma;
afterAll(() => database.cleanup());

/** A bucket row as a test states it; times are seconds before now by the database's clock. */
interface BucketFixture {
  readonly capacity?: number;
  readonly restoreRate?: number;
  readonly available: number;
  readonly inFlight?: number;
  readonly settled?: number;
  readonly writtenSecondsAgo?: number;
  readonly settledSecondsAgo?: number;
}

let shops = 0;
async function bucket(fixture: BucketFixture): Promise<string> {
  const shop = `bucket-${(shops += 1)}.myshopify.com`;
  const { capacity = 2000, restoreRate = 100, available, inFlight = 0, settled = 0, writtenSecondsAgo = 0, settledSecondsAgo = 0 } = fixture;
  await db.$executeRaw`
    INSERT INTO "ShopApiBucket" ("shop", "capacity", "restoreRate", "available", "inFlight", "settled", "updatedAt", "settledAt")
    VALUES (${shop}, ${capacity}::float8, ${restoreRate}::float8, ${available}::float8, ${inFlight}::float8, ${settled},
      clock_timestamp() - make_interval(secs => ${writtenSecondsAgo}), clock_timestamp() - make_interval(secs => ${settledSecondsAgo}))`;
  return shop;
}

async function stored(shop: string) {
  const row = await db.shopApiBucket.findUniqueOrThrow({ where: { shop } });
  return { capacity: row.capacity, restoreRate: row.restoreRate, available: row.available, inFlight: row.inFlight, settled: row.settled };
}

/**
 * Runs `work` (a fixture row written, then the statement under test) and returns what the bucket may have refilled
 * at `restoreRate` meanwhile: the database's clock runs on while the test does, a few milliseconds or, on a loaded
 * machine, more.
 */
async function withRefill<T>(restoreRate: number, work: () => Promise<T>): Promise<{ result: T; refill: number }> {
  const started = performance.now();
  const result = await work();
  return { result, refill: (restoreRate * (performance.now() - started + 1)) / 1000 };
}

/** `actual` is `expected` plus at most `refill`. */
function expectRefilled(actual: number, expected: number, refill: number): void {
  expect(actual).toBeGreaterThanOrEqual(expected - 1e-6);
  expect(actual).toBeLessThanOrEqual(expected + refill);
}

describe("reserveApiCost", () => {
  it.each([
    { case: "a full bucket gives the cost", fixture: { available: 2000 }, cost: 10, reserved: true, free: 2000, available: 1990 },
    { case: "exactly enough gives the cost", fixture: { available: 10 }, cost: 10, reserved: true, free: 10, available: 0 },
    { case: "an empty bucket refuses and keeps its count", fixture: { available: 0, restoreRate: 1 }, cost: 10, reserved: false, free: 0, available: 0 },
    {
      case: "time since the row was written counts as restored",
      fixture: { available: 0, writtenSecondsAgo: 1 },
      cost: 10,
      reserved: true,
      free: 100,
      available: 90,
    },
    {
      case: "a part-restored bucket refuses and keeps the refill",
      fixture: { available: -500, writtenSecondsAgo: 0.5 },
      cost: 10,
      reserved: false,
      free: -450,
      available: -450,
    },
    {
      case: "refilling stops at the capacity less the cost in flight",
      fixture: { available: 1000, inFlight: 300, writtenSecondsAgo: 60 },
      cost: 10,
      reserved: true,
      free: 1700,
      available: 1690,
    },
    { case: "a call above the bucket's size takes a full one", fixture: { available: 2000 }, cost: 5000, reserved: true, free: 2000, available: -3000 },
    {
      case: "a call above the bucket's size waits while others are in flight",
      fixture: { available: 1990, inFlight: 10 },
      cost: 5000,
      reserved: false,
      free: 1990,
      available: 1990,
    },
    {
      case: "cost in flight with no answer for a minute is no longer held",
      fixture: { available: 1000, inFlight: 1000, writtenSecondsAgo: 61, settledSecondsAgo: LOST_CALL_SECONDS + 1 },
      cost: 10,
      reserved: true,
      free: 2000,
      available: 1990,
    },
  ])("$case", async ({ fixture, cost, reserved, free, available }) => {
    const fixed = { settled: 4, ...fixture };
    const { result, refill } = await withRefill(fixed.restoreRate ?? 100, async () => {
      const shop = await bucket(fixed);
      return { shop, reservation: await reserveApiCost(db, shop, cost) };
    });
    const { shop, reservation } = result;
    expect(reservation.reserved).toBe(reserved);
    if (reservation.reserved) expect(reservation).toEqual({ reserved: true, cost, settledBefore: 4n });
    else expectRefilled(reservation.free, free, refill);
    const row = await stored(shop);
    expectRefilled(row.available, available, refill);
    expect(row.settled).toBe(4n);
  });

  it("starts an unknown shop's bucket small and full, and takes the first cost from it", async () => {
    const shop = "unknown.myshopify.com";
    expect(await reserveApiCost(db, shop, 10)).toEqual({ reserved: true, cost: 10, settledBefore: 0n });
    expect(await stored(shop)).toMatchObject({
      capacity: UNKNOWN_BUCKET.capacity,
      restoreRate: UNKNOWN_BUCKET.restoreRate,
      available: UNKNOWN_BUCKET.capacity - 10,
      inFlight: 10,
      settled: 0n,
    });
  });

  it("never gives more than the bucket holds to concurrent callers of two database clients", async () => {
    const shop = await bucket({ available: 100, restoreRate: 1e-9 });
    const other = createPrismaClient(database.url);
    try {
      const reservations = await Promise.all(Array.from({ length: 40 }, (_, index) => reserveApiCost(index % 2 ? other : db, shop, 10)));
      expect(reservations.filter((reservation) => reservation.reserved)).toHaveLength(10);
      expect(await stored(shop)).toMatchObject({ inFlight: 100 });
    } finally {
      await other.$disconnect();
    }
  });

  it("creates one row when several callers meet an unknown shop at once", async () => {
    const shop = "first-calls.myshopify.com";
    const reservations = await Promise.all(Array.from({ length: 8 }, () => reserveApiCost(db, shop, 10)));
    const reserved = reservations.filter((reservation) => reservation.reserved);
    expect(reserved.length).toBeGreaterThanOrEqual(UNKNOWN_BUCKET.capacity / 10);
    expect(await db.shopApiBucket.count({ where: { shop } })).toBe(1);
    expect((await stored(shop)).inFlight).toBe(10 * reserved.length);
  });
});

describe("settleApiCost", () => {
  const standard = (currentlyAvailable: number) => ({ maximumAvailable: 2000, currentlyAvailable, restoreRate: 100 });

  it.each([
    {
      case: "the count of the next call to settle replaces the bucket, less the cost still in flight",
      fixture: { available: 0, inFlight: 30 },
      status: standard(500),
      available: 480,
      inFlight: 20,
    },
    {
      case: "a THROTTLED count pushes the bucket down for everyone",
      fixture: { available: 900, inFlight: 10 },
      status: standard(3),
      available: 3,
      inFlight: 0,
    },
    {
      case: "a count is capped at the capacity less the cost in flight",
      fixture: { available: 0, inFlight: 30 },
      status: standard(2000),
      available: 1980,
      inFlight: 20,
    },
    {
      case: "a count overtaken by other answers may lower the bucket",
      fixture: { available: 700, inFlight: 30, settled: 5 },
      status: standard(500),
      available: 480,
      inFlight: 20,
    },
    {
      case: "a count overtaken by other answers never raises it",
      fixture: { available: 300, inFlight: 30, settled: 5 },
      status: standard(1500),
      available: 300,
      inFlight: 20,
    },
    { case: "no count leaves the cost spent", fixture: { available: 700, inFlight: 30 }, status: undefined, available: 700, inFlight: 20 },
  ])("$case", async ({ fixture, status, available, inFlight }) => {
    const { result: shop, refill } = await withRefill(100, async () => {
      const shop = await bucket({ settled: 3, ...fixture });
      await settleApiCost(db, shop, { cost: 10, settledBefore: 3n }, status);
      return shop;
    });
    const row = await stored(shop);
    expectRefilled(row.available, available, refill);
    expect(row).toMatchObject({ inFlight, settled: BigInt((fixture.settled ?? 3) + 1) });
  });

  it("takes the bucket's size and rate from any answer", async () => {
    const { result: shop, refill } = await withRefill(UNKNOWN_BUCKET.restoreRate, async () => {
      const shop = await bucket({ capacity: UNKNOWN_BUCKET.capacity, restoreRate: UNKNOWN_BUCKET.restoreRate, available: 20, inFlight: 20, settled: 2 });
      await settleApiCost(db, shop, { cost: 10, settledBefore: 1n }, standard(1990));
      return shop;
    });
    const row = await stored(shop);
    expect(row).toMatchObject({ capacity: 2000, restoreRate: 100, inFlight: 10 });
    // Overtaken, the count may not raise the bucket: it stays what it was, refilled at the rate it had until then.
    expectRefilled(row.available, 20, refill);
  });

  it("takes the shop's real bucket from its first answer", async () => {
    const shop = "first-answer.myshopify.com";
    const reservation = await reserveApiCost(db, shop, 10);
    if (!reservation.reserved) throw new Error("an unknown shop's first call is reserved");
    await settleApiCost(db, shop, reservation, { maximumAvailable: 20_000, currentlyAvailable: 19_990, restoreRate: 1000 });
    expect(await stored(shop)).toMatchObject({ capacity: 20_000, restoreRate: 1000, available: 19_990, inFlight: 0, settled: 1n });
  });
});
