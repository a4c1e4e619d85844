/**
 * `npm run worker`: one job worker process (run any number beside `npm start`, against the same DATABASE_URL). It
 * runs the queue's jobs, supervises it (a dead worker's job runs again), sweeps for stages that fell due, reconciles
 * every open contract nightly, and sends reminders and the staff's daily alert digests. SIGTERM or SIGINT lets the job
 * in progress finish; a second signal stops at once (the job's next heartbeat is missed and another worker runs it
 * again).
 */
import { databaseUrl } from "../app/database-url.server";
import { startWorker } from "../app/jobs/app-worker.server";
import { APP_QUEUES } from "../app/jobs/queues";
import { JobQueue } from "../app/lib/jobs/job-queue.server";
import { createPrismaClient } from "../app/prisma-client.server";
import { offlineAdminClient } from "../app/shopify/offline-admin.server";
import { buyerMailFromEnvironment } from "../app/services/buyer-email/buyer-mail-environment.server";

const DAY_MS = 86_400_000;

const db = createPrismaClient();
const jobs = await JobQueue.open({ url: databaseUrl(), queues: APP_QUEUES, supervise: true });
const worker = await startWorker(
  { db, jobs, adminFor: (shop) => offlineAdminClient(db, shop), now: () => new Date(), buyerMail: buyerMailFromEnvironment() },
  { reconcileEveryMs: DAY_MS, reminders: true, alertDigests: true },
);
console.log(`[worker] ${process.pid} working on ${databaseUrl().replace(/\/\/[^@]*@/, "//")}`);

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    const graceful = !stopping;
    stopping = true;
    void worker
      .stop({ graceful })
      .then(() => db.$disconnect())
      .finally(() => process.exit(0));
  });
}
