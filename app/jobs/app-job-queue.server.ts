import { databaseUrl } from "../database-url.server";
import { JobQueue } from "../lib/jobs/job-queue.server";
import { APP_QUEUES } from "./queues";

declare global {
  // Kept on globalThis so that Vite's hot reloads reuse one queue (and tests can hand in their own).
  var trancheJobQueue: Promise<JobQueue> | undefined;
}

/**
 * The process's job queue for enqueueing (webhook intake, staff actions), opened on first use. It does not
 * supervise: `npm run worker` processes do (scripts/worker.ts), and the web server only sends.
 */
export function appJobQueue(): Promise<JobQueue> {
  globalThis.trancheJobQueue ??= JobQueue.open({ url: databaseUrl(), queues: APP_QUEUES, supervise: false });
  return globalThis.trancheJobQueue;
}
