import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";

import { databaseUrl } from "./app/database-url.server";

type SqliteDriverAdapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;

/**
 * The better-sqlite3 adapter for the Prisma CLI's JavaScript schema engine.
 *
 * `prisma migrate dev` replays every migration on a shadow database through
 * `executeRaw`, and better-sqlite3 refuses to prepare more than one statement,
 * so any migration with several statements (a table and its index) fails there.
 * Those scripts come without bound arguments, so argument-less `executeRaw` goes
 * to `executeScript`, which runs them whole. Only the shadow database needs this
 * (`migrate deploy` already applies migrations as scripts), and only the CLI uses
 * the class: the app's client keeps the stock adapter, whose `executeRaw` returns
 * the number of changed rows.
 */
class MigrationSafeBetterSQLite3 extends PrismaBetterSQLite3 {
  override async connectToShadowDb(): Promise<SqliteDriverAdapter> {
    return runArgumentlessRawAsScript(await super.connectToShadowDb());
  }
}

function runArgumentlessRawAsScript(adapter: SqliteDriverAdapter): SqliteDriverAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    if (query.args.length > 0) return executeRaw(query);
    await adapter.executeScript(query.sql);
    return 0;
  };
  return adapter;
}

export default defineConfig({
  schema: "prisma/schema.prisma",
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => new MigrationSafeBetterSQLite3({ url: databaseUrl() }),
});
