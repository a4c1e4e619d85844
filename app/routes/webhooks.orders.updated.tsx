import { webhookRouteAction } from "../webhooks/webhook-route-action.server";

/** `orders/updated`: verified, recorded and enqueued as the job `webhook:orders/updated` (app/webhooks/webhook-intake.server.ts). */
export const action = webhookRouteAction("orders/updated");
