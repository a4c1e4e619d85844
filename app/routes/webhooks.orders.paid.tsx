import { webhookRouteAction } from "../webhooks/webhook-route-action.server";

/** `orders/paid`: verified, recorded and enqueued as the job `webhook:orders/paid` (app/webhooks/webhook-intake.server.ts). */
export const action = webhookRouteAction("orders/paid");
