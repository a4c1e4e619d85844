import { isPlanStage } from "../../domain/contract/late-fee-stage";
import { randomUUID } from "node:crypto";

import { addDays } from "../../domain/dates/calendar-date";
import type { BuyerDocument } from "../../domain/documents/buyer-document";
import type { BuyerEmail, BuyerEmailKind, EmailTemplateText } from "../../domain/documents/buyer-email";
import { renderBuyerEmail, type RenderedEmail } from "../../emails/render-buyer-email.server";
import { getContract, listContracts } from "../../models/contracts.server";
import { NotFoundError } from "../../models/model-errors.server";
import { getShopBranding } from "../../models/shop-branding.server";
import { buyerDocumentOf } from "../buyer-documents/buyer-document.server";
import type { ServiceDeps } from "../service-deps.server";

export interface EmailPreviewInput {
  readonly kind: BuyerEmailKind;
  /** The text staff are writing (saved or not); nulls render the defaults. */
  readonly text: EmailTemplateText;
  /** The contract whose figures fill the email; the shop's newest when null. */
  readonly contractId: string | null;
}

export interface EmailPreview extends RenderedEmail {
  readonly document: BuyerDocument;
}

/** A preview needs a contract to fill the email with, and the shop has none yet. */
export class NoContractToPreviewError extends Error {
  override readonly name = "NoContractToPreviewError";

  constructor() {
    super("the shop has no contract yet: attach a plan to a draft order, then preview the email with its figures");
  }
}

/** The email of this kind as the buyer of a real contract of the shop would get it, with the text staff typed. */
export async function previewBuyerEmail(deps: ServiceDeps, shop: string, input: EmailPreviewInput): Promise<EmailPreview> {
  const contract = input.contractId
    ? await getContract(deps.db, shop, input.contractId)
    : ((await listContracts(deps.db, shop, {}, { limit: 1, offset: 0 }))[0] ?? null);
  if (!contract) {
    if (input.contractId) throw new NotFoundError("contract", input.contractId);
    throw new NoContractToPreviewError();
  }
  const document = buyerDocumentOf(contract, await getShopBranding(deps.db, shop), {
    appUrl: deps.buyerMail.appUrl,
    linkSecret: deps.buyerMail.linkSecret,
    now: deps.now(),
  });
  const rendered = await renderBuyerEmail({ email: sampleEmailOf(input.kind, document), document, text: input.text });
  return { ...rendered, document };
}

/**
 * Sends a preview to an address staff chose, straight through the mail transport: it is not a buyer's email, so it
 * skips the outbox and the contract's timeline, and its subject says it is a test. Rejects with the server's answer.
 */
export async function sendTestEmail(deps: ServiceDeps, preview: EmailPreview, to: string): Promise<void> {
  const { transport } = deps.buyerMail;
  await transport.send({
    from: { name: preview.document.seller.name, address: transport.fromAddress },
    to,
    replyTo: preview.document.seller.email,
    subject: `[Test] ${preview.subject}`,
    html: preview.html,
    text: preview.text,
    messageId: `test-${randomUUID()}@${transport.fromAddress.split("@")[1] ?? "tranche.email"}`,
  });
}

/**
 * An email of `kind` about the contract as it stands: the stage the buyer owes (the overdue one first), the last
 * payment received. What only an event can tell (a schedule change, a refund) is made up from the contract's own
 * figures: a change moves the owed stage by a week, a refund gives back what was paid. Only the plan's stages are
 * sampled: the texts staff edit are for them (a late fee's emails use the built-in fee texts).
 */
export function sampleEmailOf(kind: BuyerEmailKind, document: BuyerDocument): BuyerEmail {
  const { paidMinor } = document.contract;
  const stages = document.contract.stages.filter(isPlanStage);
  const today = document.locale.today;
  const owed = stages.find((stage) => stage.state === "overdue") ?? stages.find((stage) => stage.owedMinor > 0n) ?? stages[0];
  if (!owed) throw new Error(`contract ${document.contract.id} has no stages`);
  const lastPaid = stages.findLast((stage) => stage.paidMinor > 0n);
  const payment = lastPaid
    ? { stagePosition: lastPaid.position, amountMinor: lastPaid.paidMinor, receivedOn: today }
    : { stagePosition: owed.position, amountMinor: owed.amountMinor, receivedOn: today };
  switch (kind) {
    case "stageInvoice":
    case "overdue":
      return { kind, stagePosition: owed.position };
    case "reminder":
      return { kind, stagePosition: owed.position, when: "before" };
    case "paymentReceived":
    case "chargeReceipt":
      return { kind, ...payment };
    case "chargeUpcoming":
      return { kind, stagePosition: owed.position, chargeOn: owed.dueDate ?? today };
    case "chargeDeclined":
      return { kind, stagePosition: owed.position, retryOn: null };
    case "scheduleChanged": {
      const after = { amountMinor: owed.amountMinor, dueDate: owed.dueDate, waitsFor: owed.waitsFor };
      const before = { ...after, dueDate: owed.dueDate ? addDays(owed.dueDate, -7) : today, waitsFor: null };
      return { kind, changes: [{ position: owed.position, title: owed.title, before, after }] };
    }
    case "contractCancelled":
      return paidMinor > 0n ? { kind, settlement: "refund", refundMinor: paidMinor } : { kind, settlement: "credit", refundMinor: 0n };
    case "refundIssued":
      return { kind, amountMinor: paidMinor > 0n ? paidMinor : payment.amountMinor, refundedOn: today };
  }
}
