import { webhookRouteAction } from "../webhooks/webhook-route-action.server";

/** `fulfillments/create`: verified, recorded and enqueued as the job `webhook:fulfillments/create` (app/webhooks/webhook-intake.server.ts). */
export const action = webhookRouteAction("fulfillments/create");
