import { webhookRouteAction } from "../webhooks/webhook-route-action.server";

/** `orders/fulfilled`: verified, recorded and enqueued as the job `webhook:orders/fulfilled` (app/webhooks/webhook-intake.server.ts). */
export const action = webhookRouteAction("orders/fulfilled");
