import { z } from "zod";

import { webhookJobHandler } from "../../webhooks/webhook-job.server";
import { assertSignedShop } from "./compliance-shop.server";

const shopRedactBody = z.object({ shop_domain: z.string() }).passthrough();

/**
 * `shop/redact` (48 hours after uninstalling): every row of the shop is deleted, in every table that has a shop
 * (stages and ledger entries through their contracts). Children go first so that no foreign key stops a
 * parent, and each step deletes whatever is left, so a run cut short is finished by the next one.
 *
 * Jobs hold no data of the shop but its domain and ids (app/lib/jobs/job-queue.server.ts); pg-boss deletes them
 * after its retention. No audit entry is written: that would be data of the shop again.
 */
export const shopRedactJob = webhookJobHandler(shopRedactBody, async (body, _event, { db, shop }) => {
  assertSignedShop(body.shop_domain, shop, "shop/redact");
  await db.ledgerEntry.deleteMany({ where: { shop } });
  await db.stageReminder.deleteMany({ where: { shop } });
  await db.outgoingEmail.deleteMany({ where: { shop } });
  await db.shopBranding.deleteMany({ where: { shop } });
  await db.emailTemplateText.deleteMany({ where: { shop } });
  await db.stage.deleteMany({ where: { contract: { shop } } });
  await db.contract.deleteMany({ where: { shop } });
  await db.plan.deleteMany({ where: { shop } });
  await db.auditLog.deleteMany({ where: { shop } });
  await db.invoiceCounter.deleteMany({ where: { shop } });
  await db.shopSettings.deleteMany({ where: { shop } });
  await db.customerPlan.deleteMany({ where: { shop } });
  await db.webhookEvent.deleteMany({ where: { shop } });
  await db.session.deleteMany({ where: { shop } });
  await db.parkedJob.deleteMany({ where: { shop } });
  await db.avaTaxDocument.deleteMany({ where: { shop } });
  await db.avaTaxSettings.deleteMany({ where: { shop } });
  await db.customerTerms.deleteMany({ where: { shop } });
  await db.accountMapping.deleteMany({ where: { shop } });
  await db.shopProfile.deleteMany({ where: { shop } });
  await db.shopApiBucket.deleteMany({ where: { shop } });
});
