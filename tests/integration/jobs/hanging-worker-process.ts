/**
 * A job worker that takes one `test:hang` job, notes that it started (an audit row) and never finishes: the
 * parent SIGKILLs it mid-job. Run as `node --import tsx hanging-worker-process.ts <DATABASE_URL>`.
 */
import { APP_QUEUES } from "../../../app/jobs/queues";
import { JobHandlerRegistry } from "../../../app/lib/jobs/job-handlers.server";
import { JobQueue } from "../../../app/lib/jobs/job-queue.server";
import { createPrismaClient } from "../../../app/prisma-client.server";
import { TEST_RETRY } from "../test-database";

const [url] = process.argv.slice(2) as [string];
const db = createPrismaClient(url);
const jobs = await JobQueue.open({ url, queues: APP_QUEUES, supervise: true, retry: TEST_RETRY, superviseIntervalSeconds: 1 });
const handlers = new JobHandlerRegistry();
handlers.register("test:hang", async (_payload, context) => {
  await db.auditLog.create({ data: { shop: context.shop, actor: "test", action: "hang.started", details: JSON.stringify({ attempt: context.attempt }) } });
  await new Promise(() => undefined);
});
await jobs.work({ db, handlers, now: () => new Date(), log: () => undefined, pollIntervalSeconds: 0.5 });
