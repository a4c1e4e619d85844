import type { Prisma, PrismaClient } from "@prisma/client";

import { CONTRACT_SYNC_QUEUE } from "../../jobs/queues";
import type { JobQueue } from "../../lib/jobs/job-queue.server";

/** The job that brings one contract up to date with Shopify (app/services/collection/contract-sync.server.ts). */
export const CONTRACT_SYNC_JOB = "contract:sync";

export interface ContractSyncPayload {
  readonly contractId: string;
  /** What asked for it (a webhook event, the due sweep, staff), for the log. */
  readonly reason: string;
}

/**
 * Asks for a sync of the contract. A sync already waiting covers any cause that happened before now (it reads
 * Shopify when it starts), so the queue keeps one (keyed by the contract): a burst of webhooks about one order
 * costs one sync, not one per webhook. Given the caller's transaction, the request commits with it.
 */
export async function requestContractSync(
  jobs: JobQueue,
  shop: string,
  contractId: string,
  reason: string,
  db?: PrismaClient | Prisma.TransactionClient,
): Promise<void> {
  const payload: ContractSyncPayload = { contractId, reason };
  await jobs.send(CONTRACT_SYNC_QUEUE, { kind: CONTRACT_SYNC_JOB, shop, payload }, { key: `${shop}:${contractId}`, ...(db ? { db } : {}) });
}
