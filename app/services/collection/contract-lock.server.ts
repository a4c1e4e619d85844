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

export interface ContractLockOptions {
  /** How long to wait for a busy contract before giving up; the worker's syncs are short. */
  readonly waitMs?: number;
  readonly ttlMs?: number;
}

const POLL_MS = 100;

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
  options: ContractLockOptions = {},
): Promise<T> {
  const holder = `request:${randomUUID()}`;
  const ttlMs = options.ttlMs ?? 60_000;
  // Long enough for a killed worker's lock to lapse (contract-sync.server.ts) and the contract to be free again.
  const giveUpAt = Date.now() + (options.waitMs ?? 30_000);
  while (!(await claimContractLock(deps.db, shop, contractId, holder, deps.now(), ttlMs))) {
    if (Date.now() >= giveUpAt) throw new ContractBusyError(contractId);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  try {
    return await work();
  } finally {
    await releaseContractLock(deps.db, shop, contractId, holder);
  }
}
