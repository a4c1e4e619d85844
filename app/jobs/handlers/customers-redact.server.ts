import type { PrismaClient } from "@prisma/client";
import { z } from "zod";

import { REDACTED_EVENT_PAYLOAD, webhookJobHandler } from "../../webhooks/webhook-job.server";
import { recordComplianceAudit } from "./compliance-audit.server";
import { assertSignedShop } from "./compliance-shop.server";
import { payloadMentions, type PayloadMentions } from "./payload-mentions";
import { gidInJson, shopifyIdForms, shopifyNumericId } from "./shopify-ids";

const customersRedactBody = z
  .object({
    shop_domain: z.string(),
    customer: z.object({ id: shopifyNumericId, email: z.string().nullish() }).passthrough(),
    orders_to_redact: z.array(shopifyNumericId).default([]),
  })
  .passthrough();

/**
 * `customers/redact`: the customer's contracts are ANONYMISED, not deleted. A contract is the merchant's
 * accounting record (amounts, tax shares, dates, ledger entries with Shopify references), which tax law makes
 * them keep; none of it names a person except the customer's link, name and email, which are cleared on every
 * contract of the customer or of an order to redact, and the plan remembered for the customer is forgotten, as are
 * the terms negotiated with them (their name is cleared from those terms' audit entries). The
 * stored webhook bodies that carry the customer or those orders, with names, emails and addresses, are blanked,
 * this redaction's own event included (it holds the email and phone). A body carries them by GID, by email,
 * or by numeric id alone (`order_transactions/create` names its order only as `"order_id": 9002`). Jobs hold no
 * body, only the event's id (app/webhooks/webhook-job.server.ts), so nothing of the customer is left in the queue.
 *
 * The audit entry records counts only, and a second run finds nothing left to change.
 */
export const customersRedactJob = webhookJobHandler(customersRedactBody, async (body, event, { db, shop }) => {
  assertSignedShop(body.shop_domain, shop, "customers/redact");
  const customerIds = shopifyIdForms("Customer", body.customer.id);
  const orderIds = body.orders_to_redact.flatMap((id) => shopifyIdForms("Order", id));
  const ofCustomer = { shop, OR: [{ customerId: { in: customerIds } }, { mainOrderId: { in: orderIds } }] };
  const contractIds = (await db.contract.findMany({ where: ofCustomer, select: { id: true } })).map((contract) => contract.id);
  const contracts = await db.contract.updateMany({
    where: { shop, id: { in: contractIds } },
    data: { customerId: null, customerName: null, customerEmail: null },
  });
  // The emails rendered for them hold the address and the name: their words go, and what was not sent never will be.
  await db.outgoingEmail.updateMany({
    where: { shop, contractId: { in: contractIds }, status: { in: ["pending", "sending", "failed"] } },
    data: { status: "skipped", lastError: "the buyer's data was redacted", claimedUntil: null },
  });
  await db.outgoingEmail.updateMany({ where: { shop, contractId: { in: contractIds } }, data: { recipient: null, subject: null, html: null, text: null } });
  const customerPlans = await db.customerPlan.deleteMany({ where: { shop, customerId: { in: customerIds } } });
  // The terms negotiated with the person (saved with their name) go; a company's terms are the company's, not theirs.
  const customerTerms = await db.customerTerms.deleteMany({ where: { shop, subjectKind: "customer", subjectId: { in: customerIds } } });
  const termsAudit = await redactTermsAudit(db, shop, customerIds);
  const mentions = payloadMentions(
    [
      gidInJson("Customer", body.customer.id),
      ...body.orders_to_redact.map((id) => gidInJson("Order", id)),
      ...(body.customer.email ? [body.customer.email] : []),
    ],
    [body.customer.id, ...body.orders_to_redact],
  );
  const webhookEvents = await redactStoredPayloads(db, shop, mentions);

  await recordComplianceAudit(db, shop, event, "customer.redacted", {
    contractsAnonymised: contracts.count,
    customerPlansDeleted: customerPlans.count,
    customerTermsDeleted: customerTerms.count,
    auditEntriesRedacted: termsAudit,
    webhookEventsRedacted: webhookEvents,
  });
});

/** Audit actions whose details name the customer when their terms were about the customer (issue 14). */
const TERMS_AUDIT_ACTIONS = ["customerTerms.saved", "contract.creditLimitOverridden"];

/**
 * Clears the customer's name from the audit entries of their terms and credit overrides: `subjectName`, and the
 * refusal's words, which name them. The figures, the staff member and the reason stay: they are the merchant's record.
 */
async function redactTermsAudit(db: PrismaClient, shop: string, customerIds: readonly string[]): Promise<number> {
  const candidates = await db.auditLog.findMany({
    where: { shop, action: { in: TERMS_AUDIT_ACTIONS }, OR: customerIds.map((id) => ({ details: { contains: `"${id}"` } })) },
    select: { id: true, details: true },
  });
  let redacted = 0;
  for (const entry of candidates) {
    const details = JSON.parse(entry.details) as Record<string, unknown>;
    const subject = details.subject as { kind?: string; customerId?: string } | null | undefined;
    if (subject?.kind !== "customer" || !customerIds.includes(subject.customerId ?? "")) continue;
    if (details.subjectName === null && (details.refusal ?? null) === null) continue;
    const cleared = { ...details, subjectName: null, ...("refusal" in details ? { refusal: null } : {}) };
    await db.auditLog.update({ where: { id: entry.id }, data: { details: JSON.stringify(cleared) } });
    redacted += 1;
  }
  return redacted;
}

/** Blanks the shop's webhook bodies that mention the customer. */
async function redactStoredPayloads(db: PrismaClient, shop: string, mentions: PayloadMentions): Promise<number> {
  const candidateEvents = await db.webhookEvent.findMany({ where: { shop, OR: mentions.candidates }, select: { id: true, payload: true } });
  const redactedEvents = candidateEvents.filter((event) => mentions.mentionedIn(event.payload));
  const { count } = await db.webhookEvent.updateMany({
    where: { id: { in: redactedEvents.map((event) => event.id) } },
    data: { payload: REDACTED_EVENT_PAYLOAD },
  });
  return count;
}
