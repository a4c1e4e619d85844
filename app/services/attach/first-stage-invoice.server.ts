import { calendarDateAt } from "../../domain/dates/calendar-date";
import type { AuditActor } from "../../models/audit-log.server";
import { getContract, stageAt, updateContract, updateStage, type StoredContract } from "../../models/contracts.server";
import { assignStageInvoiceNumber } from "../../models/invoice-numbers.server";
import type { AdminClient } from "../../shopify/admin-client.server";
import { draftOrderStatusQuery } from "../../shopify/operations/draft-order-status-query";
import { currencyFor } from "../../domain/money/currency";
import { getShopSettings } from "../../models/shop-settings.server";
import { checkoutScheduleAttribute } from "./checkout-schedule";
import { CHECKOUT_SCHEDULE_ATTRIBUTE } from "./contract-attributes";
import type { ServiceDeps } from "../service-deps.server";
import { openStageDraft } from "../collection/stage-draft-order.server";
import { emailStageLinkBy } from "../collection/stage-link-email.server";
import { requestAvaTaxSync } from "../avatax/avatax-sync-requests.server";

/**
 * The last part of attaching a plan: the draft the buyer pays the first stage through (the source draft in
 * native mode, a deposit stage draft otherwise) gets its invoice emailed, once, and the contract waits for
 * the deposit. Each part checks Shopify first, so running it again after a failure sends nothing twice.
 */
export async function sendFirstStageInvoice(
  deps: ServiceDeps,
  admin: AdminClient,
  shop: string,
  stored: StoredContract,
  actor: AuditActor,
): Promise<StoredContract> {
  const first = stored.stages[0];
  if (!first) throw new Error(`contract ${stored.id} has no stages`);
  // Numbered in both modes (a native deposit's invoice is the source draft's); opening a stage draft reuses it.
  await assignStageInvoiceNumber(deps.db, shop, stored.id, first.id);
  // The number changed the stage row; the version did not move, but read it again so what is returned is current.
  let contract = (await getContract(deps.db, shop, stored.id)) ?? stored;
  let draftId = contract.mode === "native" ? contract.sourceDraftOrderId : first.stageDraftOrderId;
  if (!draftId) {
    const { requireAcceptance } = await getShopSettings(deps.db, shop);
    const schedule = checkoutScheduleAttribute(
      contract.stages.map((stage) => ({
        position: stage.position,
        title: stage.title,
        amount: stage.amountMinor,
        tax: stage.taxShares,
        dueDate: stage.dueDate,
        trigger: stage.dueRule.trigger,
      })),
      currencyFor(contract.currency),
      requireAcceptance,
    );
    const today = calendarDateAt(deps.now(), contract.timeZone);
    ({ draftId, contract } = await openStageDraft(deps.db, admin, shop, contract, first, today, actor, [
      { key: CHECKOUT_SCHEDULE_ATTRIBUTE, value: schedule },
    ]));
  }
  const { draftOrder } = await admin.request(draftOrderStatusQuery, { id: draftId });
  if (!draftOrder) throw new Error(`the draft order ${draftId} of contract ${contract.id} is gone`);
  const stage = stageAt(contract, first.position);
  const status = stage.status === "scheduled" ? { status: "invoiced" as const } : {};
  // Out already when Shopify emailed it, or when the app's own email about this draft was queued.
  const linkOut = draftOrder.invoiceSentAt !== null || stage.linkEmailedVia === draftId;
  if (!linkOut) {
    const carrier = { draftOrderId: draftId };
    contract = await emailStageLinkBy(deps, admin, shop, {
      contract,
      stage,
      carrier,
      payUrl: draftOrder.invoiceUrl,
      reason: { kind: "invoice" },
      changes: status,
      actor,
    });
  } else if (stage.status === "scheduled" || stage.payUrl !== draftOrder.invoiceUrl) {
    const changes = { ...status, payUrl: draftOrder.invoiceUrl };
    contract = await updateStage(deps.db, shop, { contractId: contract.id, stageId: first.id, version: contract.version, changes, actor });
  }
  if (contract.status === "pending") {
    contract = await updateContract(deps.db, shop, { id: contract.id, version: contract.version, changes: { status: "awaitingDeposit" }, actor });
  }
  // The first stage is invoiced now: its AvaTax document is committed by a job (when the shop uses AvaTax).
  await requestAvaTaxSync(deps.db, deps.jobs, shop, contract.id);
  return contract;
}
