/**
 * The app's webhook intake as its own process (a second web instance): a plain HTTP server answering with
 * `verifyAndEnqueue` on the shared database, enqueueing on the shared queue. Run as
 * `node --import tsx web-process.ts <database url> <api secret>`; it prints "ready <url>" once it listens.
 */
import { APP_QUEUES } from "../../../app/jobs/queues";
import { JobQueue } from "../../../app/lib/jobs/job-queue.server";
import { createPrismaClient } from "../../../app/prisma-client.server";
import { WebhookHttpServer } from "../../../app/webhooks/webhook-http-server.server";

const [databaseUrl, apiSecret] = process.argv.slice(2) as [string, string];
const db = createPrismaClient(databaseUrl);
const jobs = await JobQueue.open({ url: databaseUrl, queues: APP_QUEUES, supervise: false });
const server = new WebhookHttpServer(jobs, apiSecret);
await server.start();
process.stdout.write(`ready ${server.url}\n`);

process.once("SIGTERM", () => {
  void server
    .stop()
    .then(() => jobs.stop({ graceful: false, timeoutMs: 1000 }))
    .then(() => db.$disconnect())
    .finally(() => process.exit(0));
});
