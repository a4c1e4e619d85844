import type { ActionFunctionArgs } from "@remix-run/node";

import { appJobQueue } from "../jobs/app-job-queue.server";
import { verifyAndEnqueue } from "./webhook-intake.server";

/**
 * The `action` of the app/routes/webhooks.* route for `topic`: the app's job queue (which writes the event too) and
 * `SHOPIFY_API_SECRET`. The route names its topic, so a signed body posted to another topic's route is refused.
 */
export function webhookRouteAction(topic: string): (args: ActionFunctionArgs) => Promise<Response> {
  // The secret is read per request, not at import, so a process (or a test) that sets it after loading still uses it.
  return async ({ request }) => verifyAndEnqueue(request, { jobs: await appJobQueue(), topic, apiSecret: process.env.SHOPIFY_API_SECRET ?? "" });
}
