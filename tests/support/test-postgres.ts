import pg from "pg";

/** The machine's PostgreSQL service, as every machine of ours runs it (trust auth, database `test`). */
export const MACHINE_POSTGRES_URL = process.env.TRANCHE_TEST_MACHINE_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

/** Set by tests/support/postgres.global-setup.ts when it had to start an embedded server. */
export const TEST_POSTGRES_ENV = "TRANCHE_TEST_POSTGRES_URL";

/** The server tests make their schemas on: the one the global setup chose, else the machine's. */
export function testPostgresUrl(): string {
  return process.env[TEST_POSTGRES_ENV] || MACHINE_POSTGRES_URL;
}

/** True when a server answers at `url` within a second. */
export async function postgresAnswers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
