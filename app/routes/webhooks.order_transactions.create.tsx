import { webhookRouteAction } from "../webhooks/webhook-route-action.server";

/** `order_transactions/create`: verified, recorded and enqueued as the job `webhook:order_transactions/create` (app/webhooks/webhook-intake.server.ts). */
export const action = webhookRouteAction("order_transactions/create");
