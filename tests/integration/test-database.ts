import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { PrismaClient } from "@prisma/client";
import pg from "pg";

import { createPrismaClient } from "../../app/prisma-client.server";
import { testPostgresUrl } from "../support/test-postgres";

const migrationsDir = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));

export interface TestDatabase {
  readonly prisma: PrismaClient;
  /** `postgresql://…?schema=t_…`, for code that opens its own connection (a second worker, a restarted process). */
  readonly url: string;
  /** The schema that holds this database's tables. */
  readonly schema: string;
  cleanup(): Promise<void>;
}

/**
 * A fresh schema on the test server (tests/support/test-postgres.ts) with every committed migration applied: each
 * test file gets its own, so files run in parallel without seeing each other's rows. The migrations' SQL is run
 * directly (fast); tests/integration/skeleton.test.ts checks that `prisma migrate deploy` applies the same ones.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = testPostgresUrl();
  const schema = `t_${randomBytes(8).toString("hex")}`;
  await withServer(serverUrl, async (client) => {
    await client.query(`CREATE SCHEMA "${schema}"`);
    await client.query(`SET search_path TO "${schema}"`);
    for (const migration of committedMigrations()) {
      await client.query(readFileSync(path.join(migrationsDir, migration, "migration.sql"), "utf8"));
    }
  });
  const url = withSchema(serverUrl, schema);
  const prisma = createPrismaClient(url);
  return {
    prisma,
    url,
    schema,
    cleanup: async () => {
      await prisma.$disconnect();
      await withServer(serverUrl, (client) => client.query(`DROP SCHEMA "${schema}" CASCADE`));
    },
  };
}

export function committedMigrations(): string[] {
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

function withSchema(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set("schema", schema);
  return parsed.toString();
}

async function withServer<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
