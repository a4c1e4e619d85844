import type { ScheduleRevision } from "../domain/contract/schedule-revision";
import { describeRevision } from "../domain/contract/describe-revision";
import { isPlanStage } from "../domain/contract/late-fee-stage";
import type { StageKind } from "../domain/plan/plan";
import { writeAudit, type AuditActor } from "./audit-log.server";
import { termsWhenDated, type PendingPaymentRules, type StagePaymentTerms } from "../domain/documents/stage-payment-terms";
import { currencyFor } from "../domain/money/currency";
import type { RevisionStage } from "../domain/contract/schedule-revision";
import { dueRuleToColumn, paymentTermsToColumn, taxSharesToColumn } from "./contract-columns.server";
import { getContract, pendingRulesOf, type StoredContract } from "./contracts.server";
import { inTransaction, requireShop, type Database } from "./database.server";
import { ConcurrencyConflictError, NotFoundError } from "./model-errors.server";
import { queueBuyerEmail } from "./outgoing-emails.server";
import { scheduleChangesOf } from "../domain/documents/schedule-changes";

export interface ApplyRevisionInput {
  readonly contractId: string;
  /** The contract's version the revision was computed from: a payment recorded since makes it stale. */
  readonly version: number;
  readonly revision: ScheduleRevision;
  /** The plan switched to, when the revision came from one. */
  readonly planId?: string;
  readonly reason: string;
  readonly actor: AuditActor;
}

/**
 * Stores a revised schedule, and queues the buyer's email about it, in one transaction: changed stages are rewritten at their positions and start over
 * (scheduled, no link, no charge attempts: their Shopify objects were withdrawn first), new stages are added, removed
 * ones deleted; frozen and unchanged stages are left as they are. The audit row holds every changed position before
 * and after.
 */
export async function applyScheduleRevision(db: Database, shop: string, input: ApplyRevisionInput): Promise<StoredContract> {
  requireShop(shop);
  return inTransaction(db, async (tx) => {
    const current = await getContract(tx, shop, input.contractId);
    if (!current) throw new NotFoundError("contract", input.contractId);
    const { count } = await tx.contract.updateMany({
      where: { id: input.contractId, shop, version: input.version },
      data: { version: { increment: 1 }, ...(input.planId ? { planId: input.planId } : {}) },
    });
    if (count === 0) throw new ConcurrencyConflictError(input.contractId, input.version);
    const plan = await tx.plan.findFirstOrThrow({ where: { id: input.planId ?? current.planId, shop }, select: { model: true } });
    const rules = pendingRulesOf(plan.model, currencyFor(current.currency));
    const byPosition = new Map(current.stages.map((stage) => [stage.position, stage]));
    const removed = input.revision.removed.map((stage) => byPosition.get(stage.position)!.id);
    await tx.stage.deleteMany({ where: { contractId: input.contractId, id: { in: removed } } });
    for (const { stage, change } of input.revision.revised) {
      if (change === "unchanged") {
        await tx.stage.updateMany({ where: { contractId: input.contractId, position: stage.position }, data: { taxShares: taxSharesToColumn(stage.tax) } });
        continue;
      }
      const fields = {
        kind: stage.kind,
        title: stage.title,
        amountMinor: stage.amount,
        taxShares: taxSharesToColumn(stage.tax),
        dueRule: dueRuleToColumn(stage),
        issueDate: stage.issueDate,
        dueDate: stage.dueDate,
        // A deposit still to be paid at checkout is offered nothing, as the schedule offers it nothing.
        paymentTerms: paymentTermsToColumn(stage.position === 1 && current.firstStageAtCheckout ? {} : revisedTerms(rules, stage)),
      };
      const fresh = {
        status: "scheduled",
        stageDraftOrderId: null,
        stageOrderId: null,
        payUrl: null,
        linkEmailedAt: null,
        chargeKey: null,
        chargeRef: null,
        nextAttemptAt: null,
        nextActionAt: null,
        attempts: 0,
        lastError: null,
        parkedReason: null,
      };
      if (change === "changed") await tx.stage.update({ where: { id: byPosition.get(stage.position)!.id }, data: { ...fields, ...fresh } });
      else await tx.stage.create({ data: { contractId: input.contractId, position: stage.position, ...fields } });
    }
    const changes = describeRevision(current.stages.filter(isPlanStage).map(revisionStageOf), input.revision.stages);
    await writeAudit(tx, shop, {
      actor: input.actor,
      action: "contract.scheduleRevised",
      contractId: input.contractId,
      ...(input.planId ? { planId: input.planId } : {}),
      details: { reason: input.reason, planId: input.planId ?? null, changes },
    });
    // The buyer's email commits with the change it announces: never a changed schedule the buyer is not told of.
    // One email per revision: each is made from (and moves on) one version of the contract.
    await queueBuyerEmail(tx, shop, {
      contractId: input.contractId,
      email: { kind: "scheduleChanged", changes: scheduleChangesOf(changes) },
      dedupeKey: `scheduleChanged:${input.contractId}:${input.version}`,
    });
    return (await getContract(tx, shop, input.contractId))!;
  });
}

/** A stored stage as the revision domain reads it. */
export function revisionStageOf(stage: StoredContract["stages"][number] & { readonly kind: StageKind }) {
  return {
    position: stage.position,
    kind: stage.kind,
    title: stage.title,
    amount: stage.amountMinor,
    tax: stage.taxShares,
    issueDate: stage.issueDate,
    dueDate: stage.dueDate,
    netDays: stage.dueRule.netDays,
    trigger: stage.dueRule.trigger,
  };
}

/**
 * A changed or new stage's offer and notice, made afresh from the plan's rules for its new amount and dates (the old
 * ones no longer match), or the rules kept until an event dates it.
 */
function revisedTerms(rules: PendingPaymentRules | undefined, stage: RevisionStage): StagePaymentTerms {
  if (!rules) return {};
  if (stage.issueDate === null || stage.dueDate === null) return { pending: rules };
  return termsWhenDated(
    { pending: rules },
    { amount: stage.amount, taxLines: stage.tax, owed: stage.amount },
    { issueDate: stage.issueDate, dueDate: stage.dueDate },
  );
}
