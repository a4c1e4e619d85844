import { calendarDateAt } from "../../domain/dates/calendar-date";
import type { AuditActor } from "../../models/audit-log.server";
import { cancelContractRecord, getContract, recordMilestone, type StoredContract } from "../../models/contracts.server";
import { listLedgerEntries } from "../../models/ledger.server";
import { pendingRefunds } from "../../domain/contract/observation";
import { refundsToRecord } from "../../domain/contract/refunds-to-record";
import { observeContract } from "./contract-observation.server";
import { toContractState } from "./contract-state.server";
import { observedContractOf } from "./contract-sync.server";
import { ConcurrencyConflictError, NotFoundError } from "../../models/model-errors.server";
import { ContractActionError } from "./contract-actions.server";
import { requestContractSync } from "./contract-sync-requests.server";
import type { ServiceDeps } from "../service-deps.server";
import { shopFormat } from "../../models/shop-profile.server";
import { formatMoney } from "../../locale/format";
import { moneyReceived } from "../../domain/contract/stage-money";

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
  for (let attempt = 1; ; attempt += 1) {
    const contract = await getContract(deps.db, shop, input.contractId);
    if (!contract) throw new NotFoundError("contract", input.contractId);
    try {
      await recordMilestone(deps.db, shop, {
        contractId: contract.id,
        version: contract.version,
        milestone: input.milestone,
        date: calendarDateAt(deps.now(), contract.timeZone),
        actor: input.actor,
      });
      break;
    } catch (error) {
      // A sync moved the version meanwhile (a payment arrived): staff's click still stands, on the contract read again.
      if (!(error instanceof ConcurrencyConflictError) || attempt === STAFF_ACTION_ATTEMPTS) throw error;
    }
  }
  await requestContractSync(deps.jobs, shop, input.contractId, `milestone "${input.milestone}" marked`);
}

/** How often a staff action is tried again on the contract read afresh when a sync changed it in between. */
const STAFF_ACTION_ATTEMPTS = 5;

/** What staff choose to do with the money paid when they cancel (see contract-state.ts `Cancellation`). */
export type CancelSettlement =
  { readonly settlement: "refund"; readonly amount: bigint | "all" } | { readonly settlement: "keepAsCredit" } | { readonly settlement: "close" };

export interface CancelContractRequest {
  readonly contractId: string;
  readonly reason?: string;
  readonly settlement: CancelSettlement;
  readonly actor: AuditActor;
}

/**
 * Staff cancel a contract: no stage is charged or invoiced after this, and the sync that follows deletes the open
 * stage drafts, releases the app's fulfillment holds, settles the money as chosen (refunds through Shopify, never more
 * than was paid) and cancels or closes the main order. A stage paid before or while cancelling stays paid; the draft
 * order is free for a new plan at once.
 */
export async function cancelContract(deps: ServiceDeps, shop: string, input: CancelContractRequest): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const contract = await getContract(deps.db, shop, input.contractId);
    if (!contract) throw new NotFoundError("contract", input.contractId);
    if (contract.status === "cancelled" || contract.status === "completed") throw new ContractActionError(`the contract is already ${contract.status}`);
    // A partial refund is counted on from everything refunded so far, also what Shopify shows but the ledger lacks yet.
    const refundedBefore =
      contract.stages.reduce((sum, stage) => sum + stage.refundedMinor, 0n) +
      (input.settlement.settlement === "refund" && input.settlement.amount !== "all" ? await refundsNotInLedger(deps, shop, contract) : 0n);
    const held = contract.stages.reduce((sum, stage) => sum + moneyReceived(stage), 0n) - refundedBefore;
    const { settlement } = input;
    if (settlement.settlement === "refund" && settlement.amount !== "all" && (settlement.amount <= 0n || settlement.amount > held)) {
      const { locale } = await shopFormat(deps, shop);
      const money = (minor: bigint) => formatMoney(minor, contract.currency, locale);
      throw new ContractActionError(`the refund must be above zero and at most the ${money(held)} paid and not yet refunded, not ${money(settlement.amount)}`);
    }
    try {
      await cancelContractRecord(deps.db, shop, {
        contractId: contract.id,
        version: contract.version,
        reason: input.reason ?? "cancelled by staff",
        at: deps.now(),
        cancellation: settlement.settlement === "refund" ? { ...settlement, refundedBefore } : settlement,
        actor: input.actor,
      });
      break;
    } catch (error) {
      // A payment recorded by a sync at this moment moved the version: read the contract again and decide on it.
      if (!(error instanceof ConcurrencyConflictError) || attempt === STAFF_ACTION_ATTEMPTS) throw error;
    }
  }
  await requestContractSync(deps.jobs, shop, input.contractId, "contract cancelled");
}

/** Refunds Shopify shows for the contract that its ledger does not hold yet: still processing, or not synced. */
async function refundsNotInLedger(deps: ServiceDeps, shop: string, contract: StoredContract): Promise<bigint> {
  const observation = await observeContract(await deps.adminFor(shop), observedContractOf(contract), false);
  const state = toContractState(contract, await listLedgerEntries(deps.db, shop, contract.id));
  const unrecorded = refundsToRecord(state, observation).reduce((sum, refund) => sum + refund.amount, 0n);
  const pending = pendingRefunds(observation).reduce((sum, transaction) => sum + transaction.amount, 0n);
  return unrecorded + pending;
}
