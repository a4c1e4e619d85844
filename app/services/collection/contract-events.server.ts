import { calendarDateAt } from "../../domain/dates/calendar-date";
import type { AuditActor } from "../../models/audit-log.server";
import { cancelContractRecord, getContract, recordMilestone } from "../../models/contracts.server";
import { NotFoundError } from "../../models/model-errors.server";
import { requestContractSync } from "./contract-sync-requests.server";
import type { ServiceDeps } from "../service-deps.server";

export interface MarkMilestoneInput {
  readonly contractId: string;
  /** As the plan names it ("Ready to ship"). */
  readonly milestone: string;
  readonly actor: AuditActor;
}

/**
 * Staff mark a milestone (production done, ready to ship): it is dated today in the contract's time zone,
 * and the sync that follows dates and collects the stages waiting for it.
 */
export async function markMilestone(deps: ServiceDeps, shop: string, input: MarkMilestoneInput): Promise<void> {
  const contract = await getContract(deps.db, shop, input.contractId);
  if (!contract) throw new NotFoundError("contract", input.contractId);
  const now = deps.now();
  await recordMilestone(deps.db, shop, {
    contractId: contract.id,
    version: contract.version,
    milestone: input.milestone,
    date: calendarDateAt(now, contract.timeZone),
    actor: input.actor,
  });
  await requestContractSync(deps.jobs, shop, contract.id, `milestone "${input.milestone}" marked`);
}

export interface CancelContractRequest {
  readonly contractId: string;
  readonly reason?: string;
  readonly actor: AuditActor;
}

/**
 * Staff cancel a contract: no stage is charged or invoiced after this, and the sync that follows deletes the
 * open stage drafts and releases the app's fulfillment holds. Paid stages stay paid (refunds are separate).
 */
export async function cancelContract(deps: ServiceDeps, shop: string, input: CancelContractRequest): Promise<void> {
  const contract = await getContract(deps.db, shop, input.contractId);
  if (!contract) throw new NotFoundError("contract", input.contractId);
  await cancelContractRecord(deps.db, shop, {
    contractId: contract.id,
    version: contract.version,
    reason: input.reason ?? "cancelled by staff",
    actor: input.actor,
  });
  await requestContractSync(deps.jobs, shop, contract.id, "contract cancelled");
}
