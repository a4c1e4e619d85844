import { allocateRefund } from "../../domain/contract/allocate-refunds";
import type { OrderRefund } from "../../domain/contract/refund-sources";
import { currencyFor } from "../../domain/money/currency";
import { formatMinorUnits } from "../../domain/money/minor-units";
import type { AuditActor } from "../../models/audit-log.server";
import { stageAt, type StoredContract } from "../../models/contracts.server";
import { isRefundOutsideShopify, listLedgerEntries, outsideRefundRef, recordLedgerEntries } from "../../models/ledger.server";
import type { AdminClient } from "../../shopify/admin-client.server";
import { refundCreateMutation } from "../../shopify/operations/refund-create-mutation";
import type { ServiceDeps } from "../service-deps.server";
import { moneyReceived } from "../../domain/contract/stage-money";

/** Asks Shopify to give back money on one order, from the payments named, each through its own gateway. */
export async function refundOnOrder(admin: AdminClient, contract: StoredContract, refund: OrderRefund, note: string): Promise<void> {
  const currency = currencyFor(contract.currency);
  await admin.request(refundCreateMutation, {
    input: {
      orderId: refund.orderId,
      note,
      notify: false,
      transactions: refund.transactions.map((transaction) => ({
        orderId: refund.orderId,
        parentId: transaction.parentId,
        amount: formatMinorUnits(transaction.amount, currency),
        gateway: transaction.gateway,
        kind: "REFUND" as never,
      })),
    },
  });
}

/**
 * Offline money no Shopify order shows (a Basic shop mirrors only the whole balance) is given back the way it came:
 * the ledger records the refund, off the latest stages holding money, keyed by its sequence on the contract.
 */
export async function recordRefundOutsideShopify(
  deps: ServiceDeps,
  shop: string,
  contract: StoredContract,
  refund: { readonly amount: bigint; readonly method: string; readonly actor: AuditActor },
): Promise<void> {
  const ledger = await listLedgerEntries(deps.db, shop, contract.id);
  const sequence = ledger.filter((entry) => isRefundOutsideShopify(entry.shopifyRef)).length + 1;
  const stages = contract.stages.map((stage) => ({ position: stage.position, received: moneyReceived(stage), refunded: stage.refundedMinor }));
  const { parts } = allocateRefund(stages, { amount: refund.amount, paidStages: [] });
  const ref = outsideRefundRef(contract.id, sequence);
  await recordLedgerEntries(
    deps.db,
    shop,
    parts.map((part) => ({
      contractId: contract.id,
      stageId: stageAt(contract, part.position).id,
      kind: "refund" as const,
      amountMinor: part.amount,
      currency: contract.currency,
      shopifyRef: parts.length === 1 ? ref : `${ref}#${part.position}`,
      occurredAt: deps.now(),
      method: refund.method,
      actor: refund.actor,
    })),
  );
}
