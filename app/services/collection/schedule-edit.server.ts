import { reviseSchedule, type RevisableContract, type ScheduleRevision, type StageRevisionRow } from "../../domain/contract/schedule-revision";
import { isPlanStage } from "../../domain/contract/late-fee-stage";
import { switchPlanRevision } from "../../domain/contract/switch-plan";
import { calendarDateAt } from "../../domain/dates/calendar-date";
import { currencyFor } from "../../domain/money/currency";
import type { AuditActor } from "../../models/audit-log.server";
import { getContract, type StoredContract } from "../../models/contracts.server";
import { NotFoundError } from "../../models/model-errors.server";
import { getPlan } from "../../models/plans.server";
import { applyScheduleRevision, revisionStageOf } from "../../models/schedule-revisions.server";
import { AdminUserErrors } from "../../shopify/admin-errors";
import { draftOrderDeleteMutation } from "../../shopify/operations/draft-order-delete-mutation";
import type { ServiceDeps } from "../service-deps.server";
import { ContractActionError } from "./contract-actions.server";
import { withContractLock } from "./contract-lock.server";
import { requestContractSync } from "./contract-sync-requests.server";
import { refreshStageTimers } from "./due-sweep.server";

export interface ScheduleEditRequest {
  readonly contractId: string;
  /** The stages that are not frozen, as staff want them (schedule-revision.ts) — or a plan to put what is owed on. */
  readonly change: { readonly rows: readonly StageRevisionRow[] } | { readonly planId: string };
  readonly reason: string;
  readonly actor: AuditActor;
}

/**
 * Staff change the schedule of a contract being collected: amounts, dates, count and rules of the stages no money
 * touched yet, or another plan for what is owed. The same checks as attach (the stages still add up to the total,
 * every tax line re-split exactly: schedule-revision.ts); then, under the contract's lock, the Shopify objects of the
 * stages that change (their open draft orders and links) are withdrawn, the schedule stored with an audit entry of
 * every position before and after, the buyer's notice queued, and a sync brings Shopify in line (new stage drafts
 * when due, the order's payment terms, holds).
 */
export async function editSchedule(deps: ServiceDeps, shop: string, input: ScheduleEditRequest): Promise<StoredContract> {
  const updated = await withContractLock(deps, shop, input.contractId, async () => {
    const contract = await getContract(deps.db, shop, input.contractId);
    if (!contract) throw new NotFoundError("contract", input.contractId);
    if (contract.status !== "active" && contract.status !== "awaitingDeposit") {
      throw new ContractActionError(`the schedule of a ${contract.status} contract cannot be changed`);
    }
    const today = calendarDateAt(deps.now(), contract.timeZone);
    const revisable = revisableContract(contract);
    let planId: string | undefined;
    let revision: ScheduleRevision;
    if ("planId" in input.change) {
      const plan = await getPlan(deps.db, shop, input.change.planId);
      if (!plan || plan.archivedAt) throw new NotFoundError("plan", input.change.planId);
      planId = plan.id;
      const { dates, events, calendar } = contract.orderSnapshot;
      revision = switchPlanRevision(revisable, plan.model, { today, dates, events, ...(calendar ? { calendar } : {}) });
    } else {
      revision = reviseSchedule(revisable, input.change.rows, { today });
    }
    const withdrawn = [
      ...revision.revised.filter((stage) => stage.change === "changed").map((stage) => stage.stage.position),
      ...revision.removed.map((stage) => stage.position),
    ];
    const admin = await deps.adminFor(shop);
    for (const stage of contract.stages.filter((candidate) => withdrawn.includes(candidate.position) && candidate.stageDraftOrderId !== null)) {
      await deleteDraft(admin, stage.stageDraftOrderId!);
    }
    return applyScheduleRevision(deps.db, shop, {
      contractId: contract.id,
      version: contract.version,
      revision,
      ...(planId ? { planId } : {}),
      reason: input.reason,
      actor: input.actor,
    });
  });
  await refreshStageTimers(deps.db, shop, input.contractId, deps.now());
  await requestContractSync(deps.jobs, shop, input.contractId, "schedule changed by staff");
  return updated;
}

/**
 * The contract as a revision reads it. Beyond money and card charges, a stage is frozen while Shopify may be collecting
 * it as it stands: its draft was completed into an order (which cannot be repriced), or it is the deposit the buyer's
 * checkout link already asks for.
 */
export function revisableContract(contract: StoredContract): RevisableContract {
  return {
    currency: currencyFor(contract.currency),
    total: contract.totalMinor,
    taxLines: contract.orderSnapshot.taxLines,
    // Late fees are owed on top of the order's total: a revision shares the total between the plan's stages only.
    stages: contract.stages.filter(isPlanStage).map((stage) => ({
      ...revisionStageOf(stage),
      status: stage.status,
      paid: stage.paidMinor,
      refunded: stage.refundedMinor,
      chargeInFlight: stage.chargeKey !== null || stage.stageOrderId !== null || (stage.position === 1 && contract.status !== "active"),
    })),
  };
}

/** A draft staff or a cleanup already deleted is gone either way. */
async function deleteDraft(admin: Awaited<ReturnType<ServiceDeps["adminFor"]>>, id: string): Promise<void> {
  try {
    await admin.request(draftOrderDeleteMutation, { input: { id } });
  } catch (error) {
    if (!(error instanceof AdminUserErrors) || !/not exist|not found/i.test(error.message)) throw error;
  }
}
