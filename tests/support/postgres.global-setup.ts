import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

import { MACHINE_POSTGRES_URL, postgresAnswers, TEST_POSTGRES_ENV } from "./test-postgres";

const EMBEDDED_PROCESS = fileURLToPath(new URL("../../scripts/local/embedded-postgres-process.ts", import.meta.url));

/**
 * Tests run on the machine's PostgreSQL service (127.0.0.1:5432, database `test`). Where none answers, one embedded
 * server is started for the whole run, in a child process (see embedded-postgres-process.ts for why), and its address
 * handed to the test processes through the environment.
 */
export default async function choosePostgres(): Promise<(() => Promise<void>) | undefined> {
  if (process.env[TEST_POSTGRES_ENV]) return undefined;
  if (await postgresAnswers(MACHINE_POSTGRES_URL)) {
    process.env[TEST_POSTGRES_ENV] = MACHINE_POSTGRES_URL;
    console.info(`[global setup] PostgreSQL: the machine's service at ${MACHINE_POSTGRES_URL}`);
    return undefined;
  }
  const child = spawn(process.execPath, ["--import", "tsx", EMBEDDED_PROCESS, "test"], { stdio: ["ignore", "pipe", "inherit"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  process.env[TEST_POSTGRES_ENV] = await new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      const ready = /ready (\S+)/.exec(chunk.toString("utf8"));
      if (ready) resolve(ready[1]!);
    });
    child.once("exit", (code) => reject(new Error(`the embedded PostgreSQL exited before it was ready (code ${code})`)));
  });
  console.info("[global setup] PostgreSQL: none answered on 127.0.0.1:5432, so an embedded server was started");
  return async () => {
    child.kill("SIGTERM");
    await exited;
  };
}
