import { webhookRouteAction } from "../webhooks/webhook-route-action.server";

/** `orders/create`: verified, recorded and enqueued as the job `webhook:orders/create` (app/webhooks/webhook-intake.server.ts). */
export const action = webhookRouteAction("orders/create");
