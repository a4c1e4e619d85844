import { webhookRouteAction } from "../webhooks/webhook-route-action.server";

/** `customers/redact`: verified, recorded and enqueued as the job `webhook:customers/redact` (app/webhooks/webhook-intake.server.ts). */
export const action = webhookRouteAction("customers/redact");
