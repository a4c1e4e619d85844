import { z } from "zod";

import { PermanentJobError, type JobHandler } from "../../lib/jobs/job-handlers.server";
import { NotFoundError } from "../../models/model-errors.server";
import { syncAvaTaxDocuments } from "../../services/avatax/avatax-sync.server";
import type { ServiceDeps } from "../../services/service-deps.server";

const payloadSchema = z.object({ contractId: z.string().min(1) });

/**
 * `avatax:sync`: commits, returns and voids a contract's AvaTax documents. Avalara refusing or being away throws, and
 * the queue retries with backoff (each document keeps its reason for staff meanwhile); a contract that does not
 * exist for the shop is parked.
 */
export function avaTaxSyncJob(deps: Pick<ServiceDeps, "db" | "now">): JobHandler {
  return async (payload, context) => {
    const parsed = payloadSchema.safeParse(payload);
    if (!parsed.success) throw new PermanentJobError(`not an AvaTax sync payload: ${parsed.error.message}`);
    context.signal?.throwIfAborted();
    try {
      await syncAvaTaxDocuments(deps, context.shop, parsed.data.contractId, "job:avatax:sync");
    } catch (error) {
      if (error instanceof NotFoundError) throw new PermanentJobError(error.message);
      throw error;
    }
  };
}
