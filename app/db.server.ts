import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@prisma/client";

import { databaseUrl } from "./database-url.server";
import { withStatementLock } from "./sqlite-statement-lock.server";

type SqliteDriverAdapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;

/**
 * The app's connection settings, applied when Prisma opens the database.
 *
 * WAL: in SQLite's default rollback journal every commit syncs the journal and the database file, and a writer
 * locks out readers; a burst of webhooks (two small inserts each) then ran at ~60 a second with a p99 of 3.3 s,
 * too near Shopify's 5 s (bench/webhook-intake.bench.ts). With write-ahead logging a commit appends to one file,
 * and readers (the admin UI, the job worker's look-ups) never wait for a writer. The mode is stored in the
 * database file, so the Prisma CLI and every later connection use it too. `synchronous` stays FULL: an
 * acknowledged webhook is never retried by Shopify, so its commit must survive a power cut, not only a crash.
 *
 * Statement lock: see sqlite-statement-lock.server.ts (one connection, interactive transactions).
 *
 * busy_timeout: another process writing (a second worker, the Prisma CLI) makes a statement wait for the lock
 * for up to 5 s instead of failing at once; better-sqlite3's own default, stated here so that it is not lost.
 */
class AppSqliteSettings extends PrismaBetterSQLite3 {
  override async connect(): Promise<SqliteDriverAdapter> {
    const adapter = await super.connect();
    await adapter.executeScript("PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000;");
    return withStatementLock(adapter);
  }
}

export function createPrismaClient(url: string = databaseUrl()): PrismaClient {
  return new PrismaClient({ adapter: new AppSqliteSettings({ url }) });
}

declare global {
  // Kept on globalThis so that Vite's hot reloads in development reuse one connection.
  var prismaGlobal: PrismaClient | undefined;
}

const prisma = globalThis.prismaGlobal ?? createPrismaClient();

if (process.env.NODE_ENV !== "production") {
  globalThis.prismaGlobal = prisma;
}

export default prisma;
