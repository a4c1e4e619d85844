import type { QueueDefinition } from "../lib/jobs/job-queue.server";

/** Every webhook becomes one job here (its kind names the topic); the event's body stays in `WebhookEvent`. */
export const WEBHOOK_QUEUE = "webhook";

/** Contract syncs, keyed by contract: at most one waits and one runs per contract (app/services/collection/contract-sync.server.ts). */
export const CONTRACT_SYNC_QUEUE = "contract-sync";

/** Buyer emails, keyed by email: one job per email at a time (app/services/buyer-email). */
export const BUYER_EMAIL_QUEUE = "buyer-email";

/** AvaTax documents, keyed by contract: one run per contract at a time (app/services/avatax/avatax-sync.server.ts). */
export const AVATAX_QUEUE = "avatax";

export const APP_QUEUES: readonly QueueDefinition[] = [
  { name: WEBHOOK_QUEUE },
  { name: CONTRACT_SYNC_QUEUE, onePerKey: true },
  { name: BUYER_EMAIL_QUEUE, onePerKey: true, parkDeadJobs: false },
  { name: AVATAX_QUEUE, onePerKey: true },
];
