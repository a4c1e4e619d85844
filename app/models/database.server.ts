import { Prisma, type PrismaClient } from "@prisma/client";

/** What every model function takes: the app's client, or the transaction of a caller that groups several writes. */
export type Database = PrismaClient | Prisma.TransactionClient;

/**
 * Waits generously for the transaction lock: the SQLite adapter runs one interactive transaction at a time per
 * connection (a mutex), so a burst of webhook jobs queues here rather than failing after Prisma's 2 s default.
 */
const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 15_000 } as const;

/**
 * Runs `work` in a transaction: a new one on a client, or the caller's own when given a transaction client
 * (Prisma cannot nest them). Every write in app/models goes through here, so each one takes SQLite's write lock
 * first (below) and a change of several rows is all or nothing.
 */
export function inTransaction<T>(db: Database, work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  if (!("$transaction" in db)) return work(db);
  return db.$transaction(async (tx) => {
    await takeWriteLock(tx);
    return work(tx);
  }, TRANSACTION_OPTIONS);
}

/**
 * What `BEGIN IMMEDIATE` would do (the adapter only issues a deferred `BEGIN`): a write that changes nothing takes
 * SQLite's write lock first. A transaction that reads and then writes would hold a read lock while asking for the
 * write lock, and SQLite answers that with SQLITE_BUSY at once instead of waiting (it could deadlock); taken
 * first, a second connection (the job worker, another process) waits its turn instead of failing.
 */
async function takeWriteLock(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRaw`UPDATE "InvoiceCounter" SET "next" = "next" WHERE 0`;
}

/** Prisma's P2002: a unique constraint refused the row. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/**
 * Every model query filters on the shop. An empty or missing shop would turn `where: { shop }` into no filter at
 * all in Prisma (undefined is ignored), so it is refused before any query runs.
 */
export function requireShop(shop: string): string {
  if (typeof shop !== "string" || shop.trim() === "") throw new TypeError("a shop domain is required");
  return shop;
}

/** JSON for text columns: bigint (money in minor units) is written as a decimal string, never a float. */
export function toJsonColumn(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === "bigint" ? item.toString() : item));
}
