import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { PrismaClient } from "@prisma/client";
import pg from "pg";

import { APP_QUEUES } from "../../app/jobs/queues";
import { jobsSchemaFor, JobQueue, type JobData, type JobQueueOptions } from "../../app/lib/jobs/job-queue.server";
import { createPrismaClient } from "../../app/prisma-client.server";
import { testPostgresUrl } from "../support/test-postgres";

const migrationsDir = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));

export interface TestDatabase {
  readonly prisma: PrismaClient;
  /** `postgresql://…?schema=t_…`, for code that opens its own connection (a second worker, a restarted process). */
  readonly url: string;
  /** The schema that holds this database's tables. */
  readonly schema: string;
  /**
   * The app's job queue on this database (pg-boss in `<schema>_jobs`), supervising, with retries seconds apart
   * rather than minutes. Each call opens one more (a second worker); cleanup stops them all.
   */
  openJobQueue(options?: Partial<Omit<JobQueueOptions, "url">>): Promise<JobQueue>;
  /** Every job pg-boss holds, oldest first, for assertions. */
  storedJobs(): Promise<StoredJob[]>;
  cleanup(): Promise<void>;
}

export interface StoredJob {
  readonly id: string;
  readonly queue: string;
  readonly kind: string;
  readonly shop: string;
  readonly payload: unknown;
  readonly state: string;
  readonly retryCount: number;
  /** The attempt as the app counts it: a keyed job retried afresh carries its attempt in its data (job-queue.server.ts). */
  readonly attempt: number;
  readonly key: string | null;
  /** A dead-letter copy's original job (pg-boss moves a job whose worker died into the parked queue). */
  readonly sourceId: string | null;
}

/** Tests wait seconds, not minutes, for a retry. */
export const TEST_RETRY = { attempts: 8, delaySeconds: 1, maxDelaySeconds: 2 } as const;

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
  const queues: JobQueue[] = [];
  const jobsSchema = jobsSchemaFor(schema);
  return {
    prisma,
    url,
    schema,
    openJobQueue: async (options = {}) => {
      const queue = await JobQueue.open({ url, queues: APP_QUEUES, supervise: true, retry: TEST_RETRY, superviseIntervalSeconds: 1, ...options });
      queues.push(queue);
      return queue;
    },
    storedJobs: async () => {
      const rows = await prisma.$queryRawUnsafe<
        { id: string; name: string; data: JobData; state: string; retry_count: number; singleton_key: string | null; source_id: string | null }[]
      >(`SELECT id::text, name, data, state::text, retry_count, singleton_key, source_id::text FROM "${jobsSchema}".job ORDER BY created_on, id`);
      return rows.map((row) => ({
        id: row.id,
        queue: row.name,
        kind: row.data.kind,
        shop: row.data.shop,
        payload: row.data.payload,
        state: row.state,
        retryCount: row.retry_count,
        attempt: (row.data.attempt ?? 1) + row.retry_count,
        key: row.singleton_key,
        sourceId: row.source_id,
      }));
    },
    cleanup: async () => {
      for (const queue of queues) await queue.stop({ graceful: false, timeoutMs: 1_000 });
      await prisma.$disconnect();
      await withServer(serverUrl, async (client) => {
        await client.query(`DROP SCHEMA "${schema}" CASCADE`);
        await client.query(`DROP SCHEMA IF EXISTS "${jobsSchema}" CASCADE`);
      });
    },
  };
}

/**
 * An empty schema on the test server, for code that migrates its own database (the local stack runs
 * `prisma migrate deploy`, as a deployment would): its `DATABASE_URL` and the function that drops it again.
 */
export async function createEmptyTestSchema(): Promise<{ readonly url: string; drop(): Promise<void> }> {
  const serverUrl = testPostgresUrl();
  const schema = `t_${randomBytes(8).toString("hex")}`;
  await withServer(serverUrl, (client) => client.query(`CREATE SCHEMA "${schema}"`));
  return {
    url: withSchema(serverUrl, schema),
    drop: () =>
      withServer(serverUrl, async (client) => {
        await client.query(`DROP SCHEMA "${schema}" CASCADE`);
        await client.query(`DROP SCHEMA IF EXISTS "${jobsSchemaFor(schema)}" CASCADE`);
      }),
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
