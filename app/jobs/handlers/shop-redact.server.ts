import { z } from "zod";

import { webhookJobHandler } from "../../webhooks/webhook-job.server";
import { assertSignedShop } from "./compliance-shop.server";

const shopRedactBody = z.object({ shop_domain: z.string() }).passthrough();

/**
 * `shop/redact` (48 hours after uninstalling): every row of the shop is deleted, in every table that has a shop
 * (stages and ledger entries through their contracts). Children go first so that no foreign key stops a
 * parent, and each step deletes whatever is left, so a run cut short is finished by the next one.
 *
 * The one row kept is this job itself, which the runner marks done; its payload holds only the shop's id and
 * domain. No audit entry is written: that would be data of the shop again.
 */
export const shopRedactJob = webhookJobHandler(shopRedactBody, async (body, _event, { db, shop, jobId }) => {
  assertSignedShop(body.shop_domain, shop, "shop/redact");
  await db.ledgerEntry.deleteMany({ where: { shop } });
  await db.stageReminder.deleteMany({ where: { shop } });
  await db.stage.deleteMany({ where: { contract: { shop } } });
  await db.contract.deleteMany({ where: { shop } });
  await db.plan.deleteMany({ where: { shop } });
  await db.auditLog.deleteMany({ where: { shop } });
  await db.invoiceCounter.deleteMany({ where: { shop } });
  await db.shopSettings.deleteMany({ where: { shop } });
  await db.customerPlan.deleteMany({ where: { shop } });
  await db.webhookEvent.deleteMany({ where: { shop } });
  await db.session.deleteMany({ where: { shop } });
  await db.job.deleteMany({ where: { shop, id: { not: jobId } } });
});
