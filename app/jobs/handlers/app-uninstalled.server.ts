import { z } from "zod";

import { webhookJobHandler } from "../../webhooks/webhook-job.server";

/** Topics Shopify sends whether or not the app is installed; every other event is raised only for an installed app. */
const SENT_WHEN_UNINSTALLED = ["customers/data_request", "customers/redact", "shop/redact"];

/**
 * Access-token lifetimes (`expires_in`), which date a token: one that expires later than the uninstall plus its
 * lifetime was issued after the uninstall. Expiring offline tokens last 60 minutes, online tokens 24 hours.
 */
const OFFLINE_TOKEN_LIFETIME_MS = 60 * 60 * 1000;
const ONLINE_TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;

/**
 * `app/uninstalled`: the shop's access tokens died at the uninstall, so the sessions that hold them go. The job
 * can run long after the event (backoff, a worker down), when the merchant may have reinstalled; the
 * reinstall's session (same id, `offline_<shop>`, written over the old row) must survive. `Session` has no
 * timestamp, so a session is judged by what is known:
 * - an event the shop raised after the uninstall (another topic, or a later `app/uninstalled`) proves a
 *   reinstall: nothing is deleted (a later `app/uninstalled` job deletes that installation's sessions);
 * - otherwise a session whose token expires later than the uninstall plus the token's lifetime was issued
 *   after it and stays; every other session (tokens without an expiry included) is deleted.
 * Without `X-Shopify-Triggered-At` the uninstall is taken to be now. A second run deletes nothing more.
 * The shop's plans and contracts stay until `shop/redact` (48 hours later), in case the merchant reinstalls.
 */
export const appUninstalledJob = webhookJobHandler(z.unknown(), async (_body, event, { db, shop, now }) => {
  const uninstalledAt = event.triggeredAt ? new Date(event.triggeredAt) : (now?.() ?? new Date());
  const laterEvent = await db.webhookEvent.findFirst({
    where: { shop, triggeredAt: { gt: uninstalledAt }, topic: { notIn: SENT_WHEN_UNINSTALLED } },
    select: { id: true },
  });
  if (laterEvent) return;
  const issuedBeforeUninstall = (lifetimeMs: number) => ({ lte: new Date(uninstalledAt.getTime() + lifetimeMs) });
  await db.session.deleteMany({
    where: {
      shop,
      OR: [
        { expires: null },
        { isOnline: false, expires: issuedBeforeUninstall(OFFLINE_TOKEN_LIFETIME_MS) },
        { isOnline: true, expires: issuedBeforeUninstall(ONLINE_TOKEN_LIFETIME_MS) },
      ],
    },
  });
});
