import { webhookRouteAction } from "../webhooks/webhook-route-action.server";

/** `shop/redact`: verified, recorded and enqueued as the job `webhook:shop/redact` (app/webhooks/webhook-intake.server.ts). */
export const action = webhookRouteAction("shop/redact");
