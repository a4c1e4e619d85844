import { getContract, type StoredContract } from "../../models/contracts.server";
import { ConcurrencyConflictError, NotFoundError } from "../../models/model-errors.server";
import type { ServiceDeps } from "../service-deps.server";

/**
 * Writes with the contract's latest version, read afresh when another writer moved it meanwhile (three tries): for a
 * record of something already done outside (an email Shopify sent) that must not fail on a version race.
 */
export async function withLatestVersion<T>(deps: ServiceDeps, shop: string, contractId: string, write: (version: number) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    const current: StoredContract | null = await getContract(deps.db, shop, contractId);
    if (!current) throw new NotFoundError("contract", contractId);
    try {
      return await write(current.version);
    } catch (error) {
      if (!(error instanceof ConcurrencyConflictError) || attempt === 3) throw error;
    }
  }
}
