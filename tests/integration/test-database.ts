import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import type { PrismaClient } from "@prisma/client";
import { createPrismaClient } from "../../app/db.server";

const migrationsDir = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));

export interface TestDatabase {
  readonly prisma: PrismaClient;
  /** `file:/tmp/…/test.sqlite`, for code that opens its own connection (a second worker, a restarted process). */
  readonly url: string;
  cleanup(): Promise<void>;
}

/**
 * A fresh SQLite database with every committed migration applied, in a temporary folder. The migrations' SQL
 * is run directly (fast); tests/integration/skeleton.test.ts checks that `prisma migrate deploy` applies the
 * same migrations.
 */
export function createTestDatabase(): TestDatabase {
  const dir = mkdtempSync(path.join(tmpdir(), "tranche-db-"));
  const file = path.join(dir, "test.sqlite");
  const sqlite = new Database(file);
  for (const migration of readdirSync(migrationsDir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort()) {
    sqlite.exec(readFileSync(path.join(migrationsDir, migration, "migration.sql"), "utf8"));
  }
  sqlite.close();
  const url = `file:${file}`;
  const prisma = createPrismaClient(url);
  return {
    prisma,
    url,
    cleanup: async () => {
      await prisma.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
