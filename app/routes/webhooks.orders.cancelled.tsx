import { webhookRouteAction } from "../webhooks/webhook-route-action.server";

/** `orders/cancelled`: verified, recorded and enqueued as the job `webhook:orders/cancelled` (app/webhooks/webhook-intake.server.ts). */
export const action = webhookRouteAction("orders/cancelled");
