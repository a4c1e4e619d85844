import type { ActionFunctionArgs } from "@remix-run/node";

import db from "../db.server";
import { verifyAndEnqueue } from "./webhook-intake.server";

/** The `action` of every app/routes/webhooks.* route: the app's database and `SHOPIFY_API_SECRET`. */
export function webhookRouteAction({ request }: ActionFunctionArgs): Promise<Response> {
  // Read per request, not at import, so a process (or a test) that sets the secret after loading still uses it.
  return verifyAndEnqueue(request, { db, apiSecret: process.env.SHOPIFY_API_SECRET ?? "" });
}
