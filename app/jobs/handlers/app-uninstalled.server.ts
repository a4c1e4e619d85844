import { z } from "zod";

import { webhookJobHandler } from "../../webhooks/webhook-job.server";

/**
 * `app/uninstalled`: the shop's access tokens are dead, so its sessions go. Deleting what is already gone
 * changes nothing, so a second run is harmless. The shop's plans and contracts stay until `shop/redact`
 * (48 hours later), in case the merchant reinstalls.
 */
export const appUninstalledJob = webhookJobHandler(z.unknown(), async (_body, _event, { db, shop }) => {
  await db.session.deleteMany({ where: { shop } });
});
