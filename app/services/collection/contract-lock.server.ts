import { randomUUID } from "node:crypto";

import { claimContractLock, releaseContractLock } from "../../models/contracts.server";
import type { ServiceDeps } from "../service-deps.server";

/** Someone else (a sync job, another staff request) is working on this contract right now; try again shortly. */
export class ContractBusyError extends Error {
  constructor(contractId: string) {
    super(`contract ${contractId} is being worked on by another worker`);
    this.name = "ContractBusyError";
  }
}

const POLL_MS = 100;

/** Who holds a lock taken by a request (not a job). */
export function requestLockHolder(): string {
  return `request:${randomUUID()}`;
}

/** Until when a lock a request takes now holds without renewal. */
export function requestLockUntil(now: Date): Date {
  return new Date(now.getTime() + REQUEST_LOCK_TTL_MS);
}
/** A request's lock lapses after this if its process dies; attach's first invoice takes seconds. */
const REQUEST_LOCK_TTL_MS = 60_000;
/** Long enough for a killed worker's lock to lapse (contract-sync.server.ts) and the contract to be free again. */
const WAIT_MS = 30_000;

/**
 * Runs `work` while holding the contract's work lock (the one contract syncs hold), for a request outside the job
 * worker that changes the contract step by step (attach's first invoice): a sync started by the webhooks of its
 * own steps waits instead of changing the contract under it.
 */
export async function withContractLock<T>(
  deps: ServiceDeps,
  shop: string,
  contractId: string,
  work: () => Promise<T>,
  holder: string = requestLockHolder(),
): Promise<T> {
  const giveUpAt = Date.now() + WAIT_MS;
  while (!(await claimContractLock(deps.db, shop, contractId, holder, deps.now(), REQUEST_LOCK_TTL_MS))) {
    if (Date.now() >= giveUpAt) throw new ContractBusyError(contractId);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  try {
    return await work();
  } finally {
    await releaseContractLock(deps.db, shop, contractId, holder);
  }
}
