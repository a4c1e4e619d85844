import { webhookRouteAction } from "../webhooks/webhook-route-action.server";

/** `draft_orders/update`: verified, recorded and enqueued as the job `webhook:draft_orders/update` (app/webhooks/webhook-intake.server.ts). */
export const action = webhookRouteAction("draft_orders/update");
