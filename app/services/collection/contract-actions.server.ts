import { refusalOf, type StageActionSubject, type StaffStageAction } from "../../domain/contract/staff-stage-actions";
import { writeAudit, type AuditActor } from "../../models/audit-log.server";
import { getContract, updateStage, type StoredContract, type StoredStage } from "../../models/contracts.server";
import { ConcurrencyConflictError, NotFoundError } from "../../models/model-errors.server";
import type { AdminClient } from "../../shopify/admin-client.server";
import { draftOrderCompleteMutation } from "../../shopify/operations/draft-order-complete-mutation";
import { draftOrderInvoiceSendMutation } from "../../shopify/operations/draft-order-invoice-send-mutation";
import { orderCreateManualPaymentMutation } from "../../shopify/operations/order-create-manual-payment-mutation";
import { orderInvoiceSendMutation } from "../../shopify/operations/order-invoice-send-mutation";
import { requestContractSync } from "./contract-sync-requests.server";
import type { ServiceDeps } from "../service-deps.server";
import { openStageDraft } from "./stage-draft-order.server";
import { recordLinkEmailed, type LinkCarrier } from "./stage-link.server";

/** A staff action that does not apply to the stage as it stands, with what to do instead. */
export class ContractActionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ContractActionError";
  }
}

export interface StageActionInput {
  readonly contractId: string;
  readonly position: number;
  readonly actor: AuditActor;
}

export interface OfflinePaymentInput extends StageActionInput {
  /** How the buyer paid ("Bank Deposit", "Cheque"): Shopify shows it on the order's transaction. */
  readonly method: string;
}

/**
 * Staff record that a stage was paid outside Shopify's checkout (a wire, a cheque). The payment is made in
 * Shopify, on the stage's own order, where the ledger learns it like any other (and the planner mirrors it onto
 * the main order): the stage's draft completed as paid, or a manual payment of its order's balance. A native
 * deposit is the source draft's own checkout: it cannot be recorded here before the order exists.
 */
export async function recordOfflinePayment(deps: ServiceDeps, shop: string, input: OfflinePaymentInput): Promise<void> {
  const { contract, stage } = await openStage(deps, shop, input, "recordPayment");
  const admin = await deps.adminFor(shop);
  if (stage.stageOrderId) {
    await admin.request(orderCreateManualPaymentMutation, { id: stage.stageOrderId, paymentMethodName: input.method });
  } else {
    const draftId = stage.stageDraftOrderId ?? (await openStageDraft(deps.db, admin, shop, contract, stage, input.actor)).draftId;
    await completeIntoOrder(admin, draftId);
  }
  await writeAudit(deps.db, shop, {
    actor: input.actor,
    action: "stage.offlinePaymentRecorded",
    contractId: contract.id,
    details: { position: stage.position, method: input.method },
  });
  await requestContractSync(deps.jobs, shop, contract.id, `offline payment of stage ${stage.position} recorded`);
}

/** Emails the stage's payment link again (the buyer lost it, or asked for it). */
export async function resendStageLink(deps: ServiceDeps, shop: string, input: StageActionInput): Promise<void> {
  const { contract, stage } = await openStage(deps, shop, input, "resendLink");
  await emailStageLink(deps, shop, contract, stage, input.actor, { resent: true });
}

/** Emails the stage's link again through the Shopify object that carries it, and puts it on the timeline. */
export async function emailStageLink(
  deps: ServiceDeps,
  shop: string,
  contract: StoredContract,
  stage: StoredStage,
  actor: AuditActor,
  details: Readonly<Record<string, unknown>>,
): Promise<void> {
  const via = linkCarrier(contract, stage);
  if (!via)
    throw new ContractActionError(`stage ${stage.position} has no payment link yet: it is emailed on ${stage.issueDate ?? stage.dueDate ?? "its due date"}`);
  const admin = await deps.adminFor(shop);
  if ("draftOrderId" in via) await admin.request(draftOrderInvoiceSendMutation, { id: via.draftOrderId });
  else await admin.request(orderInvoiceSendMutation, { id: via.orderId });
  await withFreshVersion(deps, shop, contract.id, (version) =>
    updateStage(deps.db, shop, { contractId: contract.id, stageId: stage.id, version, changes: { linkEmailedAt: deps.now() }, actor }),
  );
  await recordLinkEmailed(deps.db, shop, { actor, contractId: contract.id, position: stage.position, via, details });
}

/** Staff ask for a declined saved-card charge to be tried again now rather than at its scheduled retry. */
export async function retryFailedCharge(deps: ServiceDeps, shop: string, input: StageActionInput): Promise<void> {
  const { contract, stage } = await openStage(deps, shop, input, "retryCharge");
  const now = deps.now();
  await updateStage(deps.db, shop, {
    contractId: contract.id,
    stageId: stage.id,
    version: contract.version,
    changes: { nextAttemptAt: now },
    actor: input.actor,
  });
  await requestContractSync(deps.jobs, shop, contract.id, `retry of stage ${stage.position}'s charge asked for`);
}

/** The contract and its stage, once the rules of staff-stage-actions.ts allow `action` on it. */
async function openStage(
  deps: ServiceDeps,
  shop: string,
  input: StageActionInput,
  action: StaffStageAction,
): Promise<{ contract: StoredContract; stage: StoredStage }> {
  const contract = await getContract(deps.db, shop, input.contractId);
  if (!contract) throw new NotFoundError("contract", input.contractId);
  const stage = contract.stages.find((candidate) => candidate.position === input.position);
  if (!stage) throw new NotFoundError("stage", `${input.contractId}#${input.position}`);
  const refusal = refusalOf(action, stageActionSubject(contract, stage));
  if (refusal) throw new ContractActionError(refusal);
  return { contract, stage };
}

/** What the staff action rules read of a stored contract's stage. */
export function stageActionSubject(contract: StoredContract, stage: StoredStage): StageActionSubject {
  return {
    contractStatus: contract.status,
    mode: contract.mode,
    position: stage.position,
    status: stage.status,
    attempts: stage.attempts,
    chargeKey: stage.chargeKey,
  };
}

/**
 * The Shopify object whose invoice email carries exactly this stage's amount: its own order or draft (in both
 * modes later stages are paid through them), or the source draft for a native deposit before the order exists.
 * Never the main order, whose invoice asks for the whole outstanding balance.
 */
function linkCarrier(contract: StoredContract, stage: StoredStage): LinkCarrier | null {
  if (stage.stageOrderId) return { orderId: stage.stageOrderId };
  if (stage.stageDraftOrderId) return { draftOrderId: stage.stageDraftOrderId };
  if (contract.mode === "native" && stage.position === 1 && !contract.mainOrderId) return { draftOrderId: contract.sourceDraftOrderId };
  return null;
}

/**
 * Records what was already done in Shopify: a worker syncing the contract at the same moment moves its version,
 * so the write is tried again on the version read now rather than failing after the email went out.
 */
async function withFreshVersion(deps: ServiceDeps, shop: string, contractId: string, write: (version: number) => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const current = await getContract(deps.db, shop, contractId);
    if (!current) throw new NotFoundError("contract", contractId);
    try {
      await write(current.version);
      return;
    } catch (error) {
      if (!(error instanceof ConcurrencyConflictError) || attempt === 3) throw error;
    }
  }
}

/** Completes a stage draft into its order, marked paid: Shopify records a manual payment of its amount. */
async function completeIntoOrder(admin: AdminClient, draftId: string): Promise<void> {
  const result = await admin.request(draftOrderCompleteMutation, { id: draftId, paymentPending: false });
  if (!result.draftOrderComplete?.draftOrder?.order?.id) throw new ContractActionError(`Shopify did not complete draft order ${draftId} into an order`);
}
