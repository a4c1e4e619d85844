import { z } from "zod";

import { syncContract } from "../../services/collection/contract-sync.server";
import type { ServiceDeps } from "../../services/service-deps.server";
import { NotFoundError } from "../../models/model-errors.server";
import { PermanentJobError, type JobHandler } from "../../lib/jobs/job-handlers.server";

const payloadSchema = z.object({ contractId: z.string().min(1), reason: z.string() });

/**
 * `contract:sync`: one pass of bringing a contract up to date. A contract another job holds (ContractBusyError)
 * is retried with the queue's backoff; a contract that does not exist (for this shop) is parked — a bug or a forged request.
 */
export function contractSyncJob(deps: ServiceDeps): JobHandler {
  return async (payload, context) => {
    const parsed = payloadSchema.safeParse(payload);
    if (!parsed.success) throw new PermanentJobError(`not a contract sync payload: ${parsed.error.message}`);
    try {
      await syncContract(deps, context.shop, parsed.data.contractId, {
        holder: context.jobId,
        actor: "job:contract:sync",
        ...(context.signal ? { signal: context.signal } : {}),
      });
    } catch (error) {
      if (error instanceof NotFoundError) throw new PermanentJobError(error.message);
      throw error;
    }
  };
}
