import type { Prisma, PrismaClient } from "@prisma/client";

import { enqueue } from "../jobs/job-queue.server";

/** The job that brings one contract up to date with Shopify (app/services/contract-sync.server.ts). */
export const CONTRACT_SYNC_JOB = "contract:sync";

export interface ContractSyncPayload {
  readonly contractId: string;
  /** What asked for it (a webhook event, the due sweep, staff), for the log. */
  readonly reason: string;
}

/**
 * Asks for a sync of the contract. `dedupeKey` names the cause (a webhook event id, a stage's due attempt): the
 * same cause asks once however often it is reported. A sync already queued and not yet started covers any
 * cause that happened before now (it will read Shopify after it starts), so none is added: a burst of webhooks
 * about one order costs one sync, not one per webhook.
 */
export async function requestContractSync(
  db: PrismaClient | Prisma.TransactionClient,
  shop: string,
  contractId: string,
  reason: string,
  dedupeKey: string,
  now?: Date,
): Promise<void> {
  const keyPrefix = `contract-sync:${shop}:${contractId}:`;
  const waiting = await db.job.findFirst({
    where: { kind: CONTRACT_SYNC_JOB, shop, status: "queued", dedupeKey: { startsWith: keyPrefix }, ...(now ? { runAt: { lte: now } } : {}) },
    select: { id: true },
  });
  if (waiting) return;
  const payload: ContractSyncPayload = { contractId, reason };
  await enqueue(db as Prisma.TransactionClient, { shop, kind: CONTRACT_SYNC_JOB, payload, dedupeKey: `${keyPrefix}${dedupeKey}` }, now);
}
