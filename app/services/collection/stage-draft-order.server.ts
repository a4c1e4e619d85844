import type { CalendarDate } from "../../domain/dates/calendar-date";
import { currencyFor } from "../../domain/money/currency";
import { earlyPaymentOfferOpen } from "../../domain/payment-rules/early-payment-discount";
import { isLateFeeStage, isPlanStage } from "../../domain/contract/late-fee-stage";
import { formatMinorUnits } from "../../domain/money/minor-units";
import type { AuditActor } from "../../models/audit-log.server";
import type { Database } from "../../models/database.server";
import { updateStage, type StoredContract, type StoredStage } from "../../models/contracts.server";
import { assignStageInvoiceNumber } from "../../models/invoice-numbers.server";
import type { AdminClient } from "../../shopify/admin-client.server";
import { draftOrderCreateMutation } from "../../shopify/operations/draft-order-create-mutation";
import { draftOrderStatusQuery } from "../../shopify/operations/draft-order-status-query";
import { draftOrdersByTagQuery } from "../../shopify/operations/draft-orders-by-tag-query";
import { CONTRACT_ATTRIBUTE, STAGE_ATTRIBUTE } from "../attach/contract-attributes";
import { earlyPaymentDraftDiscount } from "./stage-draft-discount";
import { contractTag, STAGE_DRAFT_TAG, stageTag } from "./stage-draft-tags";

/**
 * The draft order that collects one stage (DESIGN §3, stage-order mode): one custom line for exactly the stage
 * amount, not taxable (its tax share is inside the amount) and not shipped, tagged and noted as a payment
 * towards the contract; `extraAttributes` carry what its checkout shows (the deposit's shows the schedule). While
 * the stage's early-payment offer is open on `today`, the draft carries it as a discount, so it asks for the
 * discounted amount (the planner takes it off once the offer ends). A draft already carrying the stage's tag is
 * returned instead of making a second one.
 */
export async function createStageDraftOrder(
  admin: AdminClient,
  contract: StoredContract,
  stage: StoredStage,
  today: CalendarDate,
  invoiceNumber: string,
  extraAttributes: readonly { readonly key: string; readonly value: string }[] = [],
): Promise<{ id: string }> {
  const tag = stageTag(contract.id, stage.position);
  const { draftOrders } = await admin.request(draftOrdersByTagQuery, { query: `tag:${tag}` });
  const existing = draftOrders.nodes.find((draft) => draft.tags.some((candidate) => candidate.toLowerCase() === tag.toLowerCase()));
  if (existing) return { id: existing.id };

  const quote = contract.sourceDraftName ?? "the quote";
  // A quote for a guest has no customer: its invoices go to the email the source draft was sent to.
  const email = contract.customerId ? null : (await admin.request(draftOrderStatusQuery, { id: contract.sourceDraftOrderId })).draftOrder?.email;
  const offer = stage.paymentTerms.earlyPayment;
  const discounted = offer !== undefined && earlyPaymentOfferOpen({ earlyPayment: offer, paid: stage.paidMinor }, today);
  const payments = contract.stages.filter(isPlanStage).length;
  const what = isLateFeeStage(stage)
    ? { line: `${stage.title}, ${quote} (invoice ${invoiceNumber})`, note: `Invoice ${invoiceNumber}: ${stage.title}, owed on top of ${quote}. No tax.` }
    : {
        line: `${stage.title} — payment ${stage.position} of ${payments}, ${quote} (invoice ${invoiceNumber})`,
        note: `Invoice ${invoiceNumber}: payment ${stage.position} of ${payments} towards ${quote}; a payment on account, not a sale. Tax is included in the amount.`,
      };
  const result = await admin.request(draftOrderCreateMutation, {
    input: {
      ...(discounted ? { appliedDiscount: earlyPaymentDraftDiscount(offer, currencyFor(contract.currency)) } : {}),
      ...(contract.customerId ? { customerId: contract.customerId } : {}),
      ...(email ? { email } : {}),
      lineItems: [
        {
          title: what.line,
          quantity: 1,
          originalUnitPriceWithCurrency: {
            // What the stage still owes: part of it may have been paid offline.
            amount: formatMinorUnits(stage.amountMinor - stage.paidMinor, currencyFor(contract.currency)),
            currencyCode: contract.currency as never,
          },
          taxable: false,
          requiresShipping: false,
        },
      ],
      tags: [contractTag(contract.id), tag, STAGE_DRAFT_TAG],
      note: what.note,
      customAttributes: [{ key: CONTRACT_ATTRIBUTE, value: contract.id }, { key: STAGE_ATTRIBUTE, value: String(stage.position) }, ...extraAttributes],
    },
  });
  const draft = result.draftOrderCreate?.draftOrder;
  if (!draft) throw new Error(`draftOrderCreate answered without a draft order for stage ${stage.position} of ${contract.id}`);
  return { id: draft.id };
}

/**
 * Opens the stage's draft: its invoice number is taken (once), the draft created (or found by its tag after a
 * crash) and recorded on the stage. Returns the draft's id and the contract as stored after.
 */
export async function openStageDraft(
  db: Database,
  admin: AdminClient,
  shop: string,
  contract: StoredContract,
  stage: StoredStage,
  today: CalendarDate,
  actor: AuditActor,
  extraAttributes: readonly { readonly key: string; readonly value: string }[] = [],
): Promise<{ readonly draftId: string; readonly contract: StoredContract }> {
  const invoiceNumber = await assignStageInvoiceNumber(db, shop, contract.id, stage.id);
  const draft = await createStageDraftOrder(admin, contract, stage, today, invoiceNumber, extraAttributes);
  // The invoice number leaves the contract's version as it was, so the version the caller read still holds.
  const changes = { stageDraftOrderId: draft.id };
  return {
    draftId: draft.id,
    contract: await updateStage(db, shop, { contractId: contract.id, stageId: stage.id, version: contract.version, changes, actor }),
  };
}
