import { dispatchDueEmails } from "../buyer-email/email-dispatch.server";
import { requestAvaTaxSync } from "../avatax/avatax-sync-requests.server";
import { calendarDateAt } from "../../domain/dates/calendar-date";
import { nextCollectionStep, type CollectionStep } from "../../domain/contract/next-step";
import type { Observation } from "../../domain/contract/observation";
import { currencyFor } from "../../domain/money/currency";
import type { AuditActor } from "../../models/audit-log.server";
import { claimContractLock, getContract, releaseContractLock, type StoredContract } from "../../models/contracts.server";
import { listLedgerEntries } from "../../models/ledger.server";
import { NotFoundError } from "../../models/model-errors.server";
import { shopQuery } from "../../shopify/operations/shop-query";
import { executeCollectionStep, type StepContext } from "./collection-steps.server";
import { ContractBusyError } from "./contract-lock.server";
import { refreshStageTimers } from "./due-sweep.server";
import { observeContract, type ObservedContract } from "./contract-observation.server";
import { toContractState } from "./contract-state.server";
import type { ServiceDeps } from "../service-deps.server";

/** A contract that keeps asking for steps: a loop between two steps is a bug, stopped here rather than run forever. */
export class SyncDidNotSettleError extends Error {
  constructor(contractId: string, steps: readonly string[]) {
    super(`contract ${contractId} did not settle after ${steps.length} steps: ${steps.slice(-6).join(", ")}`);
    this.name = "SyncDidNotSettleError";
  }
}

export interface SyncOptions {
  /** Who holds the contract's lock while syncing (the job id). */
  readonly holder: string;
  readonly actor: AuditActor;
  /** Set when the job lost its claim: stop before the next Shopify call. */
  readonly signal?: AbortSignal;
}

export interface SyncResult {
  readonly steps: readonly CollectionStep["kind"][];
}

/**
 * The work lock lapses this long after its holder last renewed it: short, so that a killed worker's lock frees the
 * contract soon (attach and staff requests wait for it), renewed every third of it while the sync runs.
 */
const LOCK_TTL_MS = 15_000;

const DATABASE_STEPS: ReadonlySet<CollectionStep["kind"]> = new Set([
  "cancelContract",
  "activateContract",
  "recordFulfillment",
  "linkMainOrder",
  "linkStageDraft",
  "linkStageOrder",
  "recordPayments",
  "recordRefunds",
  "recordRefundOutsideShopify",
  "markStageRefunded",
  "chargeDeclined",
  "markStagePaid",
  "dateStage",
  "markInvoiced",
  "markOverdue",
  "noticeUpcomingCharge",
  "completeContract",
]);
const MAX_STEPS = 60;

/**
 * Brings one contract and Shopify in line: observe Shopify, ask the planner for the next step, do it, and
 * again, until nothing is left. Every step is safe to repeat after a crash (the planner reads what already
 * happened from Shopify and the ledger), so a rerun, a duplicate webhook or a killed worker changes nothing
 * twice. One worker at a time per contract.
 */
export async function syncContract(deps: ServiceDeps, shop: string, contractId: string, options: SyncOptions): Promise<SyncResult> {
  if (!(await claimContractLock(deps.db, shop, contractId, options.holder, deps.now(), LOCK_TTL_MS))) {
    if (!(await getContract(deps.db, shop, contractId))) throw new NotFoundError("contract", contractId);
    throw new ContractBusyError(contractId);
  }
  const steps: CollectionStep["kind"][] = [];
  // Kept while a slow step (a throttled Shopify call) runs; the step loop renews it before each step as well.
  const renewal = setInterval(() => {
    claimContractLock(deps.db, shop, contractId, options.holder, deps.now(), LOCK_TTL_MS).catch(() => undefined);
  }, LOCK_TTL_MS / 3);
  try {
    const admin = await deps.adminFor(shop);
    const { shop: shopInfo } = await admin.request(shopQuery);
    const partialPaymentsAllowed = shopInfo.plan.shopifyPlus;
    let observation: Observation | null = null;
    for (;;) {
      options.signal?.throwIfAborted();
      const contract = await getContract(deps.db, shop, contractId);
      if (!contract) throw new NotFoundError("contract", contractId);
      observation ??= await observeContract(admin, observedContractOf(contract), partialPaymentsAllowed);
      const ledger = await listLedgerEntries(deps.db, shop, contractId);
      const now = deps.now();
      const step = nextCollectionStep(toContractState(contract, ledger), observation, { now, today: calendarDateAt(now, contract.timeZone) });
      if (!step) {
        // Up to date: the due sweep looks at this contract again when time alone next changes a step.
        await refreshStageTimers(deps.db, shop, contractId, now);
        // The emails this sync's steps queued (in their own transactions) go out now, not at the next sweep.
        await dispatchDueEmails(deps.db, deps.jobs, now, contractId);
        // Stages this sync invoiced, refunded or cancelled get their AvaTax documents in a job of their own (when the shop uses AvaTax).
        await requestAvaTaxSync(deps.db, deps.jobs, shop, contractId);
        return { steps };
      }
      if (steps.length >= MAX_STEPS) throw new SyncDidNotSettleError(contractId, steps);
      steps.push(step.kind);
      options.signal?.throwIfAborted();
      if (!(await claimContractLock(deps.db, shop, contractId, options.holder, now, LOCK_TTL_MS))) throw new ContractBusyError(contractId);
      const context: StepContext = { deps, admin, shop, contract, observation, actor: options.actor, now };
      await executeCollectionStep(context, step);
      // A step that only wrote to the database changed nothing in Shopify: what was observed still holds.
      if (!DATABASE_STEPS.has(step.kind)) observation = null;
    }
  } finally {
    clearInterval(renewal);
    await releaseContractLock(deps.db, shop, contractId, options.holder);
  }
}

/** What observing a stored contract in Shopify starts from. */
export function observedContractOf(contract: StoredContract): ObservedContract {
  return {
    id: contract.id,
    sourceDraftOrderId: contract.sourceDraftOrderId,
    mainOrderId: contract.mainOrderId,
    timeZone: contract.timeZone,
    currency: currencyFor(contract.currency),
    stageDraftIds: new Map(contract.stages.flatMap((stage) => (stage.stageDraftOrderId ? [[stage.position, stage.stageDraftOrderId] as const] : []))),
  };
}
