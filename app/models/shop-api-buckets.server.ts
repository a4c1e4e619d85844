import { Prisma, type PrismaClient } from "@prisma/client";

import { LOST_CALL_SECONDS, UNKNOWN_BUCKET, type RefusedReservation } from "../shopify/shared-bucket";
import type { ThrottleStatus } from "../shopify/throttle-pacer";

/** Cost held in a shop's shared bucket for one call, and how many calls of the shop had settled when it was taken. */
export interface ApiCostHeld {
  readonly cost: number;
  readonly settledBefore: bigint;
}

export type ApiCostReservation = ({ readonly reserved: true } & ApiCostHeld) | ({ readonly reserved: false } & RefusedReservation);

interface ReservationRow {
  readonly reserved: boolean;
  readonly free: number;
  readonly inFlight: number;
  readonly capacity: number;
  readonly restoreRate: number;
  readonly settled: bigint;
}

/** The bucket row `b` refilled at its restore rate up to `at`, never past its capacity less `inFlight` (SQL). */
function refilledAt(at: Prisma.Sql, inFlight: Prisma.Sql): Prisma.Sql {
  // Calls in flight take their cost from a full bucket too, so refilling stops short of them.
  return Prisma.sql`LEAST(b."capacity" - ${inFlight}, b."available" + b."restoreRate" * EXTRACT(EPOCH FROM ${at} - b."updatedAt")::float8)`;
}

/**
 * Reserves `cost` in the shop's ShopApiBucket row if the bucket holds it now, in one statement: the row is locked,
 * refilled for the time since it was written (by the database's clock, which every process shares), and either
 * gives up the cost or is only refilled. A shop without a row gets UNKNOWN_BUCKET, full, less the cost. The clock
 * is read before the lock is granted; `GREATEST` keeps the row's time from going back when another process wrote
 * it meanwhile, so no time is refilled twice.
 */
export async function reserveApiCost(db: PrismaClient, shop: string, cost: number): Promise<ApiCostReservation> {
  for (;;) {
    const [row] = await db.$queryRaw<ReservationRow[]>`
      WITH clock AS MATERIALIZED (SELECT clock_timestamp() AS now),
      bucket AS (
        SELECT b."shop", b."capacity", b."restoreRate", b."available", b."updatedAt", b."settled", b."settledAt", GREATEST(b."updatedAt", clock.now) AS "at",
          CASE WHEN clock.now - b."settledAt" > make_interval(secs => ${LOST_CALL_SECONDS}) THEN 0 ELSE b."inFlight" END AS "inFlight"
        FROM "ShopApiBucket" b, clock
        WHERE b."shop" = ${shop}
        FOR UPDATE OF b
      ),
      refilled AS (
        SELECT b.*, ${refilledAt(Prisma.sql`b."at"`, Prisma.sql`b."inFlight"`)} AS "free" FROM bucket b
      ),
      decided AS (
        -- A call that costs more than the whole bucket waits for a full one (Shopify then answers it by its cost).
        SELECT r.*, r."free" >= LEAST(${cost}::float8, r."capacity") AS "reserved" FROM refilled r
      ),
      updated AS (
        UPDATE "ShopApiBucket" b SET
          "available" = d."free" - CASE WHEN d."reserved" THEN ${cost}::float8 ELSE 0 END,
          "inFlight" = d."inFlight" + CASE WHEN d."reserved" THEN ${cost}::float8 ELSE 0 END,
          "updatedAt" = d."at",
          "settledAt" = CASE WHEN d."inFlight" = 0 THEN d."at" ELSE d."settledAt" END
        FROM decided d
        WHERE b."shop" = d."shop"
        RETURNING d."reserved", d."free", d."inFlight", d."capacity", d."restoreRate", d."settled"
      ),
      created AS (
        INSERT INTO "ShopApiBucket" ("shop", "capacity", "restoreRate", "available", "inFlight", "settled", "updatedAt", "settledAt")
        SELECT ${shop}, ${UNKNOWN_BUCKET.capacity}::float8, ${UNKNOWN_BUCKET.restoreRate}::float8, ${UNKNOWN_BUCKET.capacity}::float8 - ${cost}::float8, ${cost}::float8, 0, clock.now, clock.now
        FROM clock
        WHERE NOT EXISTS (SELECT FROM bucket)
        ON CONFLICT ("shop") DO NOTHING
        RETURNING true AS "reserved", ${UNKNOWN_BUCKET.capacity}::float8 AS "free", 0::float8 AS "inFlight", "capacity", "restoreRate", "settled"
      )
      SELECT * FROM updated UNION ALL SELECT * FROM created`;
    // No row: another process created the shop's bucket after this statement looked; the next one finds it.
    if (!row) continue;
    return row.reserved
      ? { reserved: true, cost, settledBefore: row.settled }
      : { reserved: false, free: row.free, inFlight: row.inFlight, capacity: row.capacity, restoreRate: row.restoreRate };
  }
}

/**
 * Gives back what `held` reserved once its call is over, in one statement. The cost stays spent (the call may have
 * run; refilling returns it anyway) and stops being in flight. With Shopify's `throttleStatus` from the answer
 * (THROTTLED ones too), the bucket takes Shopify's size and rate, and its count less the cost other calls still
 * hold, since Shopify may not have charged them yet (those it already had are then held twice until answered, which
 * errs on the side of waiting). The count replaces the bucket only if no other call settled since this one was
 * reserved: otherwise that call may have been charged after this answer was written, and, being settled, is held
 * nowhere, so the count may only lower the bucket.
 */
export async function settleApiCost(db: PrismaClient, shop: string, held: ApiCostHeld, status: ThrottleStatus | undefined): Promise<void> {
  const stillInFlight = Prisma.sql`GREATEST(0, b."inFlight" - ${held.cost}::float8)`;
  if (!status) {
    await db.$executeRaw`
      UPDATE "ShopApiBucket" b SET "inFlight" = ${stillInFlight}, "settled" = b."settled" + 1, "settledAt" = GREATEST(b."settledAt", clock_timestamp())
      WHERE b."shop" = ${shop}`;
    return;
  }
  const at = Prisma.sql`GREATEST(b."updatedAt", clock.now)`;
  const counted = Prisma.sql`LEAST(${status.maximumAvailable}::float8, ${status.currentlyAvailable}::float8) - ${stillInFlight}`;
  await db.$executeRaw`
    WITH clock AS MATERIALIZED (SELECT clock_timestamp() AS now)
    UPDATE "ShopApiBucket" b SET
      "available" = CASE WHEN b."settled" = ${held.settledBefore} THEN ${counted} ELSE LEAST(${counted}, ${refilledAt(at, stillInFlight)}) END,
      "capacity" = ${status.maximumAvailable}::float8,
      "restoreRate" = ${status.restoreRate}::float8,
      "inFlight" = ${stillInFlight},
      "settled" = b."settled" + 1,
      "updatedAt" = ${at},
      "settledAt" = GREATEST(b."settledAt", clock.now)
    FROM clock
    WHERE b."shop" = ${shop}`;
}
