import { webhookRouteAction } from "../webhooks/webhook-route-action.server";

/** `customers/data_request`: verified, recorded and enqueued as the job `webhook:customers/data_request` (app/webhooks/webhook-intake.server.ts). */
export const action = webhookRouteAction("customers/data_request");
