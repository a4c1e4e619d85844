import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

export interface LocalDatabase {
  /** The app's DATABASE_URL, migrated. */
  readonly url: string;
  /** Stops the embedded server (and deletes its data); nothing for a database the caller named. */
  stop(): Promise<void>;
}

/**
 * The database a local run uses: the one `DATABASE_URL` names, or else a fresh embedded PostgreSQL (the default, so
 * that the demo needs nothing installed). Either way every committed migration is applied with the Prisma CLI, as
 * a deployment would.
 */
export async function openLocalDatabase(log: (line: string) => void): Promise<LocalDatabase> {
  const given = process.env.DATABASE_URL;
  // Loaded only when used: embedded-postgres hooks the process's exit (see embedded-postgres-process.ts).
  const embedded = given ? undefined : await (await import("./embedded-postgres")).startEmbeddedPostgres("tranche", log);
  const url = given ?? embedded!.url;
  try {
    await promisify(execFile)(path.join("node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: url, CHECKPOINT_DISABLE: "1" },
    });
  } catch (error) {
    await embedded?.stop();
    throw new Error(`the database migration failed: ${(error as { stderr?: string }).stderr?.trim() || (error as Error).message}`);
  }
  log(embedded ? "database: an embedded PostgreSQL, migrated (set DATABASE_URL to use another)" : "database: DATABASE_URL, migrated");
  return { url, stop: async () => embedded?.stop() };
}
