import { webhookRouteAction } from "../webhooks/webhook-route-action.server";

/** `app/uninstalled`: verified, recorded and enqueued as the job `webhook:app/uninstalled` (app/webhooks/webhook-intake.server.ts);
 * the job deletes the shop's sessions (app/jobs/handlers/app-uninstalled.server.ts). */
export const action = webhookRouteAction("app/uninstalled");
