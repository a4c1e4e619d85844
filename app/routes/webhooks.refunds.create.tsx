import { webhookRouteAction } from "../webhooks/webhook-route-action.server";

/** `refunds/create`: verified, recorded and enqueued as the job `webhook:refunds/create` (app/webhooks/webhook-intake.server.ts). */
export const action = webhookRouteAction("refunds/create");
