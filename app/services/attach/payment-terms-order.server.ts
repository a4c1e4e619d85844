import { startOfDayIn } from "../../domain/dates/calendar-date";
import type { AuditActor } from "../../models/audit-log.server";
import { updateContract, type StoredContract } from "../../models/contracts.server";
import type { AdminClient } from "../../shopify/admin-client.server";
import { draftOrderCompleteMutation } from "../../shopify/operations/draft-order-complete-mutation";
import { draftOrderStatusQuery } from "../../shopify/operations/draft-order-status-query";
import { draftOrderUpdateMutation } from "../../shopify/operations/draft-order-update-mutation";
import { paymentTermsTemplateId } from "../../shopify/payment-terms-templates.server";
import type { ServiceDeps } from "../service-deps.server";
import { requestContractSync } from "../collection/contract-sync-requests.server";

/**
 * The last part of attaching a plan whose first stage is not at checkout (net terms, "4 payments on the 15th"):
 * nothing is paid at checkout, so the source draft is completed into the main order now, payment pending, on Shopify
 * payment terms for stage 1's due date (due on fulfillment while stage 1 waits for an event). The contract is then
 * active and every stage, the first included, is collected as later stages are (next-step.ts).
 *
 * Shopify is read first: a rerun after a crash (a retried attach, a job that died) finds the draft completed and only
 * records its order, so the draft is never completed twice.
 */
export async function completeOnPaymentTerms(
  deps: ServiceDeps,
  admin: AdminClient,
  shop: string,
  contract: StoredContract,
  actor: AuditActor,
): Promise<StoredContract> {
  const draftId = contract.sourceDraftOrderId;
  const { draftOrder } = await admin.request(draftOrderStatusQuery, { id: draftId });
  if (!draftOrder) throw new Error(`the draft order ${draftId} of contract ${contract.id} is gone`);
  let order = draftOrder.order;
  if (!order) {
    const paymentTerms = await firstStageTerms(admin, contract);
    // A deposit left by an earlier native contract on this draft would make Shopify ask for it: there is none now.
    const input = contract.mode === "native" ? { paymentTerms, deposit: null } : { paymentTerms };
    await admin.request(draftOrderUpdateMutation, { id: draftId, input });
    const completed = await admin.request(draftOrderCompleteMutation, { id: draftId, paymentPending: true });
    order = completed.draftOrderComplete?.draftOrder?.order ?? null;
    if (!order) throw new Error(`Shopify completed the draft order ${draftId} of contract ${contract.id} without naming its order`);
  }
  const active = await updateContract(deps.db, shop, {
    id: contract.id,
    version: contract.version,
    changes: { mainOrderId: order.id, mainOrderName: order.name, status: "active" },
    actor,
  });
  // A stage issued today (net 30 is invoiced on the order date) gets its link now rather than at the next sweep.
  await requestContractSync(deps.jobs, shop, contract.id, "attached on payment terms");
  return active;
}

/** Stage 1's date as Shopify payment terms: FIXED carries the exact day (NET templates exist only for some day counts). */
async function firstStageTerms(admin: AdminClient, contract: StoredContract) {
  const first = contract.stages[0];
  if (!first) throw new Error(`contract ${contract.id} has no stages`);
  if (first.dueDate === null) return { paymentTermsTemplateId: await paymentTermsTemplateId(admin, "FULFILLMENT") };
  return {
    paymentTermsTemplateId: await paymentTermsTemplateId(admin, "FIXED"),
    paymentSchedules: [{ dueAt: startOfDayIn(first.dueDate, contract.timeZone).toISOString() }],
  };
}
