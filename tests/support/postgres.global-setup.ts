import { startEmbeddedPostgres, type RunningPostgres } from "../../scripts/local/embedded-postgres";
import { MACHINE_POSTGRES_URL, postgresAnswers, TEST_POSTGRES_ENV } from "./test-postgres";

/**
 * Tests run on the machine's PostgreSQL service (127.0.0.1:5432, database `test`). Where none answers, one embedded
 * server is started for the whole run and its address handed to the test processes through the environment.
 */
export default async function choosePostgres(): Promise<(() => Promise<void>) | undefined> {
  if (process.env[TEST_POSTGRES_ENV]) return undefined;
  if (await postgresAnswers(MACHINE_POSTGRES_URL)) {
    process.env[TEST_POSTGRES_ENV] = MACHINE_POSTGRES_URL;
    console.info(`[global setup] PostgreSQL: the machine's service at ${MACHINE_POSTGRES_URL}`);
    return undefined;
  }
  const embedded: RunningPostgres = await startEmbeddedPostgres("test", (line) => console.info(line));
  process.env[TEST_POSTGRES_ENV] = embedded.url;
  console.info("[global setup] PostgreSQL: none answered on 127.0.0.1:5432, so an embedded server was started");
  return () => embedded.stop();
}
