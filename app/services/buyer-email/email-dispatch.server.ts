import type { Prisma, PrismaClient } from "@prisma/client";

import { BUYER_EMAIL_QUEUE } from "../../jobs/queues";
import type { JobQueue } from "../../lib/jobs/job-queue.server";
import { listEmailsToSend } from "../../models/outgoing-emails.server";

/** The job that sends one queued email (app/services/buyer-email/send-outgoing-email.server.ts). */
export const BUYER_EMAIL_JOB = "buyer-email:send";

/** Emails one sweep hands to the queue at most; the next sweep takes the rest. */
const DISPATCH_BATCH = 500;

/**
 * Asks the queue to send these emails now. Keyed by email, so asking twice (a sweep and a sync) costs one job; the
 * email row's claim keeps two runs from sending it twice anyway.
 */
async function requestEmailSends(jobs: JobQueue, emails: readonly { id: string; shop: string }[], db?: PrismaClient | Prisma.TransactionClient): Promise<void> {
  for (const email of emails) {
    await jobs.send(BUYER_EMAIL_QUEUE, { kind: BUYER_EMAIL_JOB, shop: email.shop, payload: { emailId: email.id } }, { key: email.id, ...(db ? { db } : {}) });
  }
}

/**
 * Hands the queue every email whose time came: new ones, retries whose wait is over, and ones a dead worker left
 * claimed. Emails are written in the transactions of the changes they announce (models have no queue), so this is
 * what starts them: at the end of the contract's sync (`contractId`), after a staff action, and at every sweep.
 */
export async function dispatchDueEmails(db: PrismaClient, jobs: JobQueue, now: Date, contractId?: string): Promise<number> {
  const emails = await listEmailsToSend(db, now, DISPATCH_BATCH, contractId);
  await requestEmailSends(jobs, emails);
  return emails.length;
}
