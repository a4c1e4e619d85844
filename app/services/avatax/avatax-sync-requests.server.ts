import { AVATAX_QUEUE } from "../../jobs/queues";
import type { JobQueue } from "../../lib/jobs/job-queue.server";
import type { Database } from "../../models/database.server";

/** The job that brings one contract's AvaTax documents up to date (avatax-sync.server.ts). */
export const AVATAX_SYNC_JOB = "avatax:sync";

export interface AvaTaxSyncPayload {
  readonly contractId: string;
}

/**
 * Asks for the contract's AvaTax documents to be brought up to date, when the shop uses AvaTax. Keyed by contract:
 * a run already waiting reads the contract when it starts, so a burst of requests costs one run.
 */
export async function requestAvaTaxSync(db: Database, jobs: JobQueue, shop: string, contractId: string): Promise<boolean> {
  const settings = await db.avaTaxSettings.findUnique({ where: { shop }, select: { enabled: true } });
  if (!settings?.enabled) return false;
  const payload: AvaTaxSyncPayload = { contractId };
  await jobs.send(AVATAX_QUEUE, { kind: AVATAX_SYNC_JOB, shop, payload }, { key: `${shop}:${contractId}` });
  return true;
}
