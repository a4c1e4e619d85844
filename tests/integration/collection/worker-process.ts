/**
 * The app's job worker as its own process, so that the collection tests can SIGKILL it (a real crash, mid
 * transaction or between a Shopify call and recording it) and start another. Run as
 * `node --import tsx worker-process.ts <database url> <admin api url> <clock offset file> <worker id>`.
 * It prints "ready" on stdout once the worker polls, and stops cleanly on SIGTERM.
 */
import { readFileSync } from "node:fs";
import { createPrismaClient } from "../../../app/prisma-client.server";
import { startWorker } from "../../../app/jobs/app-worker.server";
import { APP_QUEUES } from "../../../app/jobs/queues";
import { JobQueue } from "../../../app/lib/jobs/job-queue.server";
import type { ServiceDeps } from "../../../app/services/service-deps.server";
import { offlineAdminClient } from "../../../app/shopify/offline-admin.server";
import { TEST_RETRY } from "../test-database";
import { testBuyerMail } from "../../support/buyer-mail";
import { smtpMailTransport } from "../../../app/services/buyer-email/mail-transport.server";

const [databaseUrl, adminApiUrl, clockOffsetFile, workerId] = process.argv.slice(2) as [string, string, string, string];
process.env.SHOPIFY_ADMIN_API_URL = adminApiUrl;

// The emulator's clock runs ahead of real time by an offset the test writes whenever it moves the clock; the
// worker's "now" must be the emulator's so that stages fall due when the test says they do.
let lastOffsetMs = 0;
function emulatorOffsetMs(): number {
  try {
    const offset = Number(readFileSync(clockOffsetFile, "utf8"));
    if (Number.isFinite(offset)) lastOffsetMs = offset;
  } catch {
    // The file is replaced by a rename, never half-written; a failed read keeps the last offset.
  }
  return lastOffsetMs;
}

const db = createPrismaClient(databaseUrl);
// Supervising every second, so that a killed predecessor's job is taken over soon after its heartbeat lapses.
const jobs = await JobQueue.open({ url: databaseUrl, queues: APP_QUEUES, supervise: true, retry: TEST_RETRY, superviseIntervalSeconds: 1 });
const deps: ServiceDeps = {
  db,
  jobs,
  adminFor: (shop) => offlineAdminClient(db, shop),
  now: () => new Date(Date.now() + emulatorOffsetMs()),
  // The test's SMTP mailbox when the run has the app email the buyer; otherwise a recorder nobody reads.
  buyerMail: process.env.SMTP_URL ? testBuyerMail(smtpMailTransport(process.env.SMTP_URL, "payments@tranche.test")) : testBuyerMail(),
};
const worker = await startWorker(deps, {
  pollIntervalSeconds: 0.5,
  sweepIntervalMs: 500,
  log: (message) => process.stderr.write(`[${workerId}] ${message}\n`),
});
process.stdout.write("ready\n");

process.once("SIGTERM", () => {
  void worker
    .stop()
    .then(() => db.$disconnect())
    .finally(() => process.exit(0));
});
