import { webhookRouteAction } from "../webhooks/webhook-route-action.server";

/** `payment_schedules/due`: verified, recorded and enqueued as the job `webhook:payment_schedules/due` (app/webhooks/webhook-intake.server.ts). */
export const action = webhookRouteAction("payment_schedules/due");
