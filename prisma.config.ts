import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import type { Pool, PoolConfig } from "pg";
import { defineConfig } from "prisma/config";

import { databaseUrl } from "./app/database-url.server";
import { postgresConnection } from "./app/postgres-connection.server";

type PgAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;
type PgResult = { fields: { dataTypeID: number }[] };
type PgQueryable = { performIO(query: unknown): Promise<PgResult> };

/** PostgreSQL's catalog types that `migrate deploy` and the shadow database read, and the type each reads as. */
const CATALOG_TYPES_AS_TEXT = new Map([
  [19, 25], // name → text
  [18, 25], // "char" → text
]);

/**
 * The Prisma CLI talks to PostgreSQL through the same pure-JavaScript pg adapter as the app: nothing to download.
 * Prisma 6.19's schema engine reads catalog columns of type `name` (oid 19) that the adapter's type table does not
 * know ("Column type 'name' could not be deserialized"); their values arrive as strings, so they are declared text.
 * This runs only in the CLI's process: the app's client (app/db.server.ts) never reads catalog columns.
 */
class MigrationPostgresAdapter extends PrismaPg {
  constructor(
    private readonly poolConfig: PoolConfig,
    options?: ConstructorParameters<typeof PrismaPg>[1],
  ) {
    super(poolConfig, options);
  }

  override async connect(): Promise<PgAdapter> {
    return runScriptsWhole(readCatalogTypesAsText(await super.connect()));
  }

  /**
   * `migrate dev` and `migrate diff --from-migrations` replay the migrations on a shadow database, which Prisma's
   * own drops while its pool still holds connections ("is being accessed by other users"); this one closes the
   * pool first.
   */
  override async connectToShadowDb(): Promise<PgAdapter> {
    const server = await this.connect();
    const database = `prisma_migrate_shadow_db_${randomUUID()}`;
    await server.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = runScriptsWhole(await new PrismaPg({ ...this.poolConfig, database }).connect());
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await server.executeScript(`DROP DATABASE "${database}"`);
      await server.dispose();
    };
    return readCatalogTypesAsText(shadow);
  }
}

/**
 * A migration file reaches the adapter whole: as `executeScript` on the database (which the adapter splits at every
 * `;`, comments and strings included) and as an argument-less `executeRaw` on the shadow database (which the
 * extended protocol refuses when it holds several statements). Both go through the simple protocol instead, which
 * runs a script as PostgreSQL's own `psql -c` would, in one implicit transaction.
 */
function runScriptsWhole(adapter: PgAdapter): PgAdapter {
  const pool = adapter.underlyingDriver() as Pool;
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => (query.args.length > 0 ? executeRaw(query) : ((await pool.query(query.sql)).rowCount ?? 0));
  adapter.executeScript = async (script) => {
    await pool.query(script);
  };
  return adapter;
}

function readCatalogTypesAsText(adapter: PgAdapter): PgAdapter {
  // Transactions share the queryable base class with the adapter, so the base is where the mapping goes.
  const queryable = Object.getPrototypeOf(Object.getPrototypeOf(adapter)) as PgQueryable & { catalogTypesMapped?: true };
  if (queryable.catalogTypesMapped) return adapter;
  const performIO = queryable.performIO;
  queryable.performIO = async function (this: PgQueryable, query: unknown) {
    const result = await performIO.call(this, query);
    for (const field of result.fields) field.dataTypeID = CATALOG_TYPES_AS_TEXT.get(field.dataTypeID) ?? field.dataTypeID;
    return result;
  };
  queryable.catalogTypesMapped = true;
  return adapter;
}

export default defineConfig({
  schema: "prisma/schema.prisma",
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => {
    const { config, schema } = postgresConnection(databaseUrl());
    // The CLI never closes its pool; idle connections would keep the process alive for pg's 10 s idle timeout.
    return new MigrationPostgresAdapter({ ...config, allowExitOnIdle: true }, schema ? { schema } : undefined);
  },
});
