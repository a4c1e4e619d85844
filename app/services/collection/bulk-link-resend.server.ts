import { contractName } from "../../components/contracts/contract-words";
import { refusalOf } from "../../domain/contract/staff-stage-actions";
import type { AuditActor } from "../../models/audit-log.server";
import { getContract } from "../../models/contracts.server";
import type { ServiceDeps } from "../service-deps.server";
import { ContractActionError, resendStageLink, stageActionSubject } from "./contract-actions.server";

/** What resending one contract's links came to. */
export interface ContractResendOutcome {
  readonly contractId: string;
  /** As staff recognise it (#D12); the id when the contract is gone. */
  readonly name: string;
  /** The stages whose link went out again. */
  readonly sent: readonly number[];
  /** Stages whose link could not be sent for a reason other than the rules (Shopify or the mail failed). */
  readonly failed: readonly { readonly position: number; readonly error: string }[];
}

/**
 * Emails again, for each contract, the link of every stage where the contract page would offer "Resend link"
 * (app/domain/contract/staff-stage-actions.ts): one contract after another, so Shopify's rate limit is met as one
 * staff member's clicks would meet it. A contract with nothing to send, or whose sending fails, is reported and the
 * others go on.
 */
export async function resendLinksInBulk(deps: ServiceDeps, shop: string, contractIds: readonly string[], actor: AuditActor): Promise<ContractResendOutcome[]> {
  const outcomes: ContractResendOutcome[] = [];
  for (const contractId of contractIds) outcomes.push(await resendContractLinks(deps, shop, contractId, actor));
  return outcomes;
}

async function resendContractLinks(deps: ServiceDeps, shop: string, contractId: string, actor: AuditActor): Promise<ContractResendOutcome> {
  const contract = await getContract(deps.db, shop, contractId);
  if (!contract) return { contractId, name: contractId, sent: [], failed: [] };
  const name = contractName(contract.sourceDraftName, contract.sourceDraftOrderId);
  const open = contract.stages.filter((stage) => refusalOf("resendLink", stageActionSubject(contract, stage)) === null);
  const sent: number[] = [];
  const failed: { position: number; error: string }[] = [];
  for (const stage of open) {
    try {
      await resendStageLink(deps, shop, { contractId, position: stage.position, actor });
      sent.push(stage.position);
    } catch (error) {
      // The rules allowed it, but the stage has no link to send yet (its draft is made when it falls due): nothing to send.
      if (error instanceof ContractActionError) continue;
      console.error(`[bulk resend] contract ${contractId} stage ${stage.position}:`, error);
      failed.push({ position: stage.position, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return { contractId, name, sent, failed };
}
