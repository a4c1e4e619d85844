import { observedTransactions, type Observation } from "../../domain/contract/observation";
import { refundSources } from "../../domain/contract/refund-sources";
import { refundsToRecord } from "../../domain/contract/refunds-to-record";
import { writeAudit, type AuditActor } from "../../models/audit-log.server";
import { getContract } from "../../models/contracts.server";
import { listLedgerEntries } from "../../models/ledger.server";
import { NotFoundError } from "../../models/model-errors.server";
import type { ServiceDeps } from "../service-deps.server";
import { ContractActionError } from "./contract-actions.server";
import { withContractLock } from "./contract-lock.server";
import { observeContract } from "./contract-observation.server";
import { toContractState } from "./contract-state.server";
import { requestContractSync } from "./contract-sync-requests.server";
import { observedContractOf } from "./contract-sync.server";
import { recordRefundOutsideShopify, refundOnOrder } from "./order-refunds.server";
import { shopFormat } from "../../models/shop-profile.server";
import { formatMoney } from "../../locale/format";
import { moneyHeld } from "../../domain/contract/stage-money";

export interface RefundRequest {
  readonly contractId: string;
  /** Minor units; at most what the contract holds (received less refunded). */
  readonly amount: bigint;
  readonly reason: string;
  readonly actor: AuditActor;
}

/**
 * Staff give money back from the contract page: Shopify refunds it from the payments that paid the latest stages first
 * (refund-sources.ts), and the sync that follows records each refund in the ledger off the stage it came from. Offline
 * money no order shows is recorded as given back outside Shopify. Under the contract's lock, read fresh, so two clicks
 * or a sync at the same moment never refund more than was paid.
 */
export async function refundContract(deps: ServiceDeps, shop: string, input: RefundRequest): Promise<void> {
  await withContractLock(deps, shop, input.contractId, async () => {
    const contract = await getContract(deps.db, shop, input.contractId);
    if (!contract) throw new NotFoundError("contract", input.contractId);
    const held = contract.stages.reduce((sum, stage) => sum + moneyHeld(stage), 0n);
    const { locale } = await shopFormat(deps, shop);
    const money = (minor: bigint) => formatMoney(minor, contract.currency, locale);
    if (input.amount <= 0n || input.amount > held) {
      throw new ContractActionError(`a refund must be above zero and at most the ${money(held)} paid and not yet refunded, not ${money(input.amount)}`);
    }
    const admin = await deps.adminFor(shop);
    const observation = await observeContract(admin, observedContractOf(contract), false);
    const state = toContractState(contract, await listLedgerEntries(deps.db, shop, contract.id));
    // What the ledger holds must be what Shopify shows: a refund in progress or not recorded yet (a second click, a
    // refund staff made in Shopify) would otherwise be asked for again.
    if (refundsToRecord(state, observation).length > 0 || hasRefundInProgress(observation)) {
      throw new ContractActionError("Shopify is still processing a refund of this contract; try again in a minute");
    }
    const sources = refundSources(state, observation, input.amount);
    const inShopify = sources.refunds.reduce((sum, refund) => sum + refund.transactions.reduce((total, part) => total + part.amount, 0n), 0n);
    if (inShopify + sources.outsideShopify < input.amount) {
      throw new ContractActionError(
        `Shopify shows only ${money(inShopify + sources.outsideShopify)} that can be refunded; wait for the payments being recorded and try again`,
      );
    }
    for (const refund of sources.refunds) await refundOnOrder(admin, contract, refund, `Tranche: ${input.reason}`);
    if (sources.outsideShopify > 0n) {
      await recordRefundOutsideShopify(deps, shop, contract, { amount: sources.outsideShopify, method: "Outside Shopify (offline money)", actor: input.actor });
    }
    await writeAudit(deps.db, shop, {
      actor: input.actor,
      action: "contract.refundIssued",
      contractId: contract.id,
      details: { amountMinor: input.amount, reason: input.reason, outsideShopifyMinor: sources.outsideShopify },
    });
  });
  await requestContractSync(deps.jobs, shop, input.contractId, "refund issued by staff");
}

function hasRefundInProgress(observation: Observation): boolean {
  return observedTransactions(observation).some((transaction) => transaction.kind === "REFUND" && transaction.status === "PENDING");
}
