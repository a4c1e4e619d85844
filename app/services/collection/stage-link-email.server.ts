import { calendarDateAt } from "../../domain/dates/calendar-date";
import type { BuyerEmail } from "../../domain/documents/buyer-email";
import type { AuditActor } from "../../models/audit-log.server";
import { updateStage, type StageChanges, type StoredContract, type StoredStage } from "../../models/contracts.server";
import { withLatestVersion } from "./latest-version.server";
import { inTransaction } from "../../models/database.server";
import { queueBuyerEmail } from "../../models/outgoing-emails.server";
import { getShopSettings } from "../../models/shop-settings.server";
import type { AdminClient } from "../../shopify/admin-client.server";
import { draftOrderInvoiceSendMutation } from "../../shopify/operations/draft-order-invoice-send-mutation";
import { draftOrderStatusQuery } from "../../shopify/operations/draft-order-status-query";
import { orderInvoiceSendMutation } from "../../shopify/operations/order-invoice-send-mutation";
import type { ServiceDeps } from "../service-deps.server";
import { shopifyInvoiceEmail } from "./shopify-invoice-email";
import { recordLinkEmailed, type LinkCarrier } from "./stage-link.server";

/** Why a stage's link goes out: first time, a reminder (its offsets, "before:3"), or staff sending it again. */
export type StageLinkReason =
  { readonly kind: "invoice" } | { readonly kind: "reminder"; readonly offsets: readonly string[] } | { readonly kind: "resent"; readonly requestId: string };

export interface StageLinkEmail {
  readonly contract: StoredContract;
  readonly stage: StoredStage;
  /** The Shopify object whose checkout link pays the stage, and that link when the caller knows it (an order's). */
  readonly carrier: LinkCarrier;
  readonly payUrl: string | null;
  readonly reason: StageLinkReason;
  /** Other changes of the stage that go with the link going out (it becomes invoiced). */
  readonly changes?: StageChanges;
  readonly actor: AuditActor;
}

/**
 * Emails a stage's link, by whoever the shop chose (Settings): the app's own email, queued in the same transaction
 * that records the link as out (so it is sent once and never lost), or Shopify's invoice email, titled with the
 * stage. Returns the contract as stored after.
 */
export async function emailStageLinkBy(deps: ServiceDeps, admin: AdminClient, shop: string, input: StageLinkEmail): Promise<StoredContract> {
  const { contract, stage, carrier } = input;
  const settings = await getShopSettings(deps.db, shop);
  const details = reasonDetails(input.reason);
  // A contract without the buyer's address (a guest quote) is emailed by Shopify, which has the draft's recipient.
  if (settings.linkEmailsBy === "shopify" || !contract.customerEmail) {
    const email = shopifyInvoiceEmail(contract, stage, input.reason.kind, calendarDateAt(deps.now(), contract.timeZone));
    let payUrl = input.payUrl ?? stage.payUrl;
    if ("draftOrderId" in carrier) {
      const result = await admin.request(draftOrderInvoiceSendMutation, { id: carrier.draftOrderId, email });
      payUrl = result.draftOrderInvoiceSend?.draftOrder?.invoiceUrl ?? payUrl;
    } else {
      await admin.request(orderInvoiceSendMutation, { id: carrier.orderId, email });
    }
    await recordLinkEmailed(deps.db, shop, {
      actor: input.actor,
      contractId: contract.id,
      position: stage.position,
      via: carrier,
      details: { ...details, by: "shopify" },
    });
    // The email went out: recording it must not fail on a version another writer moved meanwhile (a retry would resend it).
    return withLatestVersion(deps, shop, contract.id, (version) =>
      updateStage(deps.db, shop, {
        contractId: contract.id,
        stageId: stage.id,
        version,
        changes: { ...input.changes, payUrl, linkEmailedAt: deps.now() },
        actor: input.actor,
      }),
    );
  }
  const payUrl = "draftOrderId" in carrier ? await draftInvoiceUrl(admin, carrier.draftOrderId) : (input.payUrl ?? stage.payUrl);
  const carrierId = "draftOrderId" in carrier ? carrier.draftOrderId : carrier.orderId;
  const queueWith = (version: number) =>
    inTransaction(deps.db, async (tx) => {
      await queueBuyerEmail(tx, shop, {
        contractId: contract.id,
        email: emailFor(stage, input.reason),
        dedupeKey: dedupeKeyFor(stage, carrierId, input.reason),
      });
      await recordLinkEmailed(tx, shop, {
        actor: input.actor,
        contractId: contract.id,
        position: stage.position,
        via: carrier,
        details: { ...details, by: "tranche" },
      });
      return updateStage(tx, shop, {
        contractId: contract.id,
        stageId: stage.id,
        version,
        changes: { ...input.changes, payUrl, linkEmailedAt: deps.now(), linkEmailedVia: carrierId },
        actor: input.actor,
      });
    });
  // The sync's own step holds to the version it planned from; a reminder or a staff resend only repeats a link that is
  // out, so a sync moving the version meanwhile must not lose it.
  return input.reason.kind === "invoice" ? queueWith(contract.version) : withLatestVersion(deps, shop, contract.id, queueWith);
}

async function draftInvoiceUrl(admin: AdminClient, draftOrderId: string): Promise<string | null> {
  const { draftOrder } = await admin.request(draftOrderStatusQuery, { id: draftOrderId });
  if (!draftOrder) throw new Error(`the draft order ${draftOrderId} is gone`);
  return draftOrder.invoiceUrl ?? null;
}

function emailFor(stage: StoredStage, reason: StageLinkReason): BuyerEmail {
  if (reason.kind !== "reminder") return { kind: "stageInvoice", stagePosition: stage.position };
  const when = reason.offsets.some((offset) => offset === "after:0")
    ? "onDueDate"
    : reason.offsets.some((offset) => offset.startsWith("after:"))
      ? "after"
      : "before";
  return { kind: "reminder", stagePosition: stage.position, when };
}

/** One email per link per carrier, per reminder, per staff request: a rerun of any of them queues nothing new. */
function dedupeKeyFor(stage: StoredStage, carrierId: string, reason: StageLinkReason): string {
  switch (reason.kind) {
    case "invoice":
      return `stageInvoice:${stage.id}:${carrierId}`;
    case "reminder":
      return `reminder:${stage.id}:${reason.offsets.join(",")}`;
    case "resent":
      return `resent:${stage.id}:${reason.requestId}`;
  }
}

function reasonDetails(reason: StageLinkReason): Record<string, unknown> {
  if (reason.kind === "reminder") return { reminder: reason.offsets.join(", ") };
  return reason.kind === "resent" ? { resent: true } : {};
}
