import { Prisma, type PrismaClient } from "@prisma/client";

/** What every model function takes: the app's client, or the transaction of a caller that groups several writes. */
export type Database = PrismaClient | Prisma.TransactionClient;

const TRANSACTION_OPTIONS = { isolationLevel: Prisma.TransactionIsolationLevel.Serializable, maxWait: 15_000, timeout: 15_000 } as const;

/** A serialization failure is normal under load (each round lets one of the contenders commit); beyond this many in a row something else is wrong. */
const MAX_TRANSACTION_ATTEMPTS = 30;

/**
 * Runs `work` in a transaction: a new one on a client, or the caller's own when given a transaction client
 * (Prisma cannot nest them). Every write in app/models goes through here, so a change of several rows is all or
 * nothing. Transactions are SERIALIZABLE: the models read and then write (a stage's state, a counter, a ledger
 * entry that may exist), and any two that ran together must end as if one ran after the other, on one host or
 * many. PostgreSQL refuses the one that would break that with a serialization failure, and the whole `work` runs
 * again on a fresh snapshot: it only touches the database, so repeating it is safe.
 */
export async function inTransaction<T>(db: Database, work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  if (!("$transaction" in db)) return work(db);
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.$transaction(work, TRANSACTION_OPTIONS);
    } catch (error) {
      if (!isSerializationFailure(error) || attempt >= MAX_TRANSACTION_ATTEMPTS) throw error;
      // Random waits so that the contenders do not meet again in the same instant.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(2 ** attempt, 200)));
    }
  }
}

/** Prisma's P2034 (write conflict or deadlock), or PostgreSQL's 40001 / 40P01 as the pg driver adapter reports them. */
export function isSerializationFailure(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2034") return true;
  const text = error instanceof Error ? error.message : String(error);
  return /\b(40001|40P01)\b|TransactionWriteConflict|could not serialize access|deadlock detected/.test(text);
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

/**
 * A SUM of BIGINT minor units. PostgreSQL sums BIGINT as NUMERIC (a sum may outgrow BIGINT), so the queries select it
 * as text and it becomes an exact bigint here, never passing through a float; no rows summed (NULL) is zero.
 */
export function minorUnitsFromSum(sum: string | null): bigint {
  return sum === null ? 0n : BigInt(sum);
}

/** JSON for text columns: bigint (money in minor units) is written as a decimal string, never a float. */
export function toJsonColumn(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === "bigint" ? item.toString() : item));
}
