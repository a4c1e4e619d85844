import { z } from "zod";

import { webhookJobHandler } from "../../webhooks/webhook-job.server";
import { recordComplianceAudit } from "./compliance-audit.server";
import { assertSignedShop } from "./compliance-shop.server";
import { gidInJson, shopifyIdForms, shopifyNumericId } from "./shopify-ids";

const customersRedactBody = z
  .object({
    shop_domain: z.string(),
    customer: z.object({ id: shopifyNumericId, email: z.string().nullish() }).passthrough(),
    orders_to_redact: z.array(shopifyNumericId).default([]),
  })
  .passthrough();

const REDACTED_PAYLOAD = JSON.stringify({ redacted: true });

/**
 * `customers/redact`: the customer's contracts are ANONYMISED, not deleted. A contract is the merchant's
 * accounting record (amounts, tax shares, dates, ledger entries with Shopify references), which tax law makes
 * them keep; none of it names a person except the link to the customer, so that link (`customerId`) is
 * cleared on every contract of the customer or of an order to redact. The stored webhook bodies (and finished
 * jobs' payloads) that carry the customer or those orders, with names, emails and addresses, are blanked,
 * this redaction's own event included (it holds the email and phone).
 * Queued and running jobs keep theirs: they still have to do their work.
 *
 * The audit entry records counts only, and a second run finds nothing left to change.
 */
export const customersRedactJob = webhookJobHandler(customersRedactBody, async (body, event, { db, shop }) => {
  assertSignedShop(body.shop_domain, shop, "customers/redact");
  const customerIds = shopifyIdForms("Customer", body.customer.id);
  const orderIds = body.orders_to_redact.flatMap((id) => shopifyIdForms("Order", id));
  const contracts = await db.contract.updateMany({
    where: { shop, OR: [{ customerId: { in: customerIds } }, { mainOrderId: { in: orderIds } }] },
    data: { customerId: null },
  });

  const traces = [
    gidInJson("Customer", body.customer.id),
    ...body.orders_to_redact.map((id) => gidInJson("Order", id)),
    ...(body.customer.email ? [body.customer.email] : []),
  ].map((text) => ({ payload: { contains: text } }));
  const webhookEvents = await db.webhookEvent.updateMany({ where: { shop, OR: traces }, data: { payload: REDACTED_PAYLOAD } });
  const jobs = await db.job.updateMany({ where: { shop, status: { in: ["done", "parked"] }, OR: traces }, data: { payload: REDACTED_PAYLOAD } });

  await recordComplianceAudit(db, shop, event, "customer.redacted", {
    contractsAnonymised: contracts.count,
    webhookEventsRedacted: webhookEvents.count,
    jobsRedacted: jobs.count,
  });
});
