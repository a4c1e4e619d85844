import { randomUUID } from "node:crypto";

import { calendarDateAt, isBefore, startOfDayIn, type CalendarDate } from "../../domain/dates/calendar-date";
import { formatMoney, formatShortDate } from "../../locale/format";
import { shopFormat } from "../../models/shop-profile.server";
import { hasLedgerEntry, offlinePaymentRef, recordLedgerEntry } from "../../models/ledger.server";
import { draftOrderDeleteMutation } from "../../shopify/operations/draft-order-delete-mutation";
import { sendFirstStageInvoice } from "../attach/first-stage-invoice.server";
import { withContractLock } from "./contract-lock.server";
import { offlinePaymentSettles, refusalOf, type StageActionSubject, type StaffStageAction } from "../../domain/contract/staff-stage-actions";
import { writeAudit, type AuditActor } from "../../models/audit-log.server";
import { isLateFeeStage } from "../../domain/contract/late-fee-stage";
import { getContract, stageAt, updateStage, type StoredContract, type StoredStage } from "../../models/contracts.server";
import { NotFoundError } from "../../models/model-errors.server";
import { requestContractSync } from "./contract-sync-requests.server";
import type { ServiceDeps } from "../service-deps.server";
import type { LinkCarrier } from "./stage-link.server";
import { emailStageLinkBy, type StageLinkReason } from "./stage-link-email.server";
import { dispatchDueEmails } from "../buyer-email/email-dispatch.server";
import { withLatestVersion } from "./latest-version.server";

/** The form field a refusal is about, where the page shows it. */
export type ContractActionField = "amount" | "receivedOn";

/** A staff action that does not apply to the stage as it stands, with what to do instead (and the field it is about). */
export class ContractActionError extends Error {
  readonly field: ContractActionField | null;

  constructor(message: string, field: ContractActionField | null = null) {
    super(message);
    this.name = "ContractActionError";
    this.field = field;
  }
}

export interface StageActionInput {
  readonly contractId: string;
  readonly position: number;
  readonly actor: AuditActor;
}

export interface OfflinePaymentInput extends StageActionInput {
  /** How the buyer paid ("Wire transfer", "Cheque"). */
  readonly method: string;
  /** The buyer's reference for it (a transfer or cheque number), if any. */
  readonly reference?: string;
  /** The day the money arrived, in the contract's time zone; not in the future. */
  readonly receivedOn: CalendarDate;
  /** Minor units: the whole rest of the stage or part of it, never more than the stage still owes. */
  readonly amount: bigint;
  /** The form's id for this payment: a form submitted twice records it once. */
  readonly key?: string;
}

/**
 * Staff record money a buyer paid outside Shopify's checkout (a wire, a cheque): it goes into the ledger as an
 * offline payment on the stage, with its method, reference and date, at once. A stage paid in full this way shows
 * paid, its open link is withdrawn, and the main order is brought in line by the sync that follows (a manual
 * payment, as Shopify allows on the shop's plan). A native deposit is the source draft's own checkout: it cannot
 * be recorded here before the order exists.
 */
export async function recordOfflinePayment(deps: ServiceDeps, shop: string, input: OfflinePaymentInput): Promise<void> {
  const ref = offlinePaymentRef(input.key ?? randomUUID());
  await withContractLock(deps, shop, input.contractId, async () => {
    // The same form submitted again: already recorded, nothing to do.
    if (await hasLedgerEntry(deps.db, shop, ref)) return;
    const { contract, stage } = await openStage(deps, shop, input, "recordPayment");
    const owed = stage.amountMinor - stage.paidMinor;
    const { locale } = await shopFormat(deps, shop);
    const money = (minor: bigint) => formatMoney(minor, contract.currency, locale);
    if (input.amount <= 0n || input.amount > owed) {
      throw new ContractActionError(`stage ${stage.position} still owes ${money(owed)}: enter an amount above zero and at most that`, "amount");
    }
    // The discounted amount paid while the early-payment offer is open settles the stage too (the planner grants the discount).
    const partial = !offlinePaymentSettles(stage, input);
    if (partial && stage.stageOrderId) {
      throw new ContractActionError(
        `stage ${stage.position} is being collected through its own order for ${money(owed)}: record the whole of it, or the buyer could pay twice`,
        "amount",
      );
    }
    const today = calendarDateAt(deps.now(), contract.timeZone);
    if (isBefore(today, input.receivedOn)) {
      throw new ContractActionError(`the payment cannot have arrived after today (${formatShortDate(today, locale)})`, "receivedOn");
    }
    const recorded = await recordLedgerEntry(deps.db, shop, {
      contractId: contract.id,
      stageId: stage.id,
      kind: "manualPayment",
      amountMinor: input.amount,
      currency: contract.currency,
      shopifyRef: ref,
      occurredAt: startOfDayIn(input.receivedOn, contract.timeZone),
      method: input.method,
      ...(input.reference ? { reference: input.reference } : {}),
      actor: input.actor,
    });
    // The stage's open link asks for its whole amount: withdrawn, so that the planner issues one for the rest.
    if (recorded.created && partial && stage.stageDraftOrderId) {
      await withdrawStageDraft(deps, shop, contract.id, stage, input.actor);
      // The deposit's link is the attach's to send (the planner issues later stages' links): the rest of it goes out now.
      const fresh = await getContract(deps.db, shop, contract.id);
      if (stage.position === 1 && fresh?.firstStageAtCheckout) await sendFirstStageInvoice(deps, await deps.adminFor(shop), shop, fresh, input.actor);
    }
  });
  await requestContractSync(deps.jobs, shop, input.contractId, `offline payment on stage ${input.position} recorded`);
}

async function withdrawStageDraft(deps: ServiceDeps, shop: string, contractId: string, stage: StoredStage, actor: AuditActor): Promise<void> {
  const admin = await deps.adminFor(shop);
  await admin.request(draftOrderDeleteMutation, { input: { id: stage.stageDraftOrderId! } });
  await withLatestVersion(deps, shop, contractId, (version) =>
    updateStage(deps.db, shop, { contractId, stageId: stage.id, version, changes: { stageDraftOrderId: null, payUrl: null }, actor }),
  );
}

/** Emails the stage's payment link again (the buyer lost it, or asked for it). */
export async function resendStageLink(deps: ServiceDeps, shop: string, input: StageActionInput): Promise<void> {
  const { contract, stage } = await openStage(deps, shop, input, "resendLink");
  await emailStageLink(deps, shop, contract, stage, input.actor, { kind: "resent", requestId: randomUUID() });
}

/** Emails the stage's link again through the Shopify object that carries it, and puts it on the timeline. */
export async function emailStageLink(
  deps: ServiceDeps,
  shop: string,
  contract: StoredContract,
  stage: StoredStage,
  actor: AuditActor,
  reason: StageLinkReason,
): Promise<void> {
  const via = linkCarrier(contract, stage);
  if (!via) {
    const emailedOn = stage.issueDate ?? stage.dueDate;
    const when = emailedOn ? `on ${formatShortDate(emailedOn, (await shopFormat(deps, shop)).locale)}` : "when it falls due";
    throw new ContractActionError(`stage ${stage.position} has no payment link yet: it is emailed ${when}`);
  }
  const admin = await deps.adminFor(shop);
  const current = await getContract(deps.db, shop, contract.id);
  if (!current) throw new NotFoundError("contract", contract.id);
  await emailStageLinkBy(deps, admin, shop, { contract: current, stage: stageAt(current, stage.position), carrier: via, payUrl: stage.payUrl, reason, actor });
  // The app's own email was queued with the link: send it now rather than at the next sweep.
  await dispatchDueEmails(deps.db, deps.jobs, deps.now(), contract.id);
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

export interface WaiveLateFeeInput extends StageActionInput {
  /** Why staff let the buyer off (kept in the audit log). */
  readonly reason: string;
}

/**
 * Staff waive a late fee nothing was paid on yet (a goodwill gesture, a fee charged in error): the fee stage is
 * cancelled on today's date, which the books take it back on, and the sync that follows withdraws its open link.
 */
export async function waiveLateFee(deps: ServiceDeps, shop: string, input: WaiveLateFeeInput): Promise<void> {
  await withContractLock(deps, shop, input.contractId, async () => {
    const { contract, stage } = await openStage(deps, shop, input, "waiveFee");
    const waivedOn = calendarDateAt(deps.now(), contract.timeZone);
    await updateStage(deps.db, shop, {
      contractId: contract.id,
      stageId: stage.id,
      version: contract.version,
      changes: { status: "cancelled", waivedOn },
      actor: input.actor,
    });
    await writeAudit(deps.db, shop, {
      actor: input.actor,
      action: "stage.lateFeeWaived",
      contractId: contract.id,
      details: { position: stage.position, amountMinor: stage.amountMinor, reason: input.reason },
    });
  });
  await requestContractSync(deps.jobs, shop, input.contractId, `late fee ${input.position} waived`);
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
    atCheckout: stage.position === 1 && contract.firstStageAtCheckout,
    status: stage.status,
    attempts: stage.attempts,
    chargeKey: stage.chargeKey,
    owedMinor: stage.amountMinor - stage.paidMinor,
    amountMinor: stage.amountMinor,
    lateFee: isLateFeeStage(stage),
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
  if (contract.mode === "native" && stage.position === 1 && contract.firstStageAtCheckout && !contract.mainOrderId)
    return { draftOrderId: contract.sourceDraftOrderId };
  return null;
}
