import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";

import { refusalMessage } from "../services/action-errors";
import { attachPlan } from "../services/attach/attach-plan.server";
import { requireStaff } from "../staff-context.server";

const attachInput = z.object({ draftOrderId: z.string().min(1), planId: z.string().min(1) });

/**
 * Remix sends OPTIONS to the loader: the extension's cross-origin POST is preflighted, and Shopify's library
 * answers the preflight inside `requireStaff`. Anything else that is not a POST is refused.
 */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { cors } = await requireStaff(request);
  return cors(new Response(null, { status: request.method === "OPTIONS" ? 204 : 405, headers: { Allow: "POST" } }));
};

/** Attaches the plan (the same use case as the admin's attach page) and emails the first invoice. */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, deps, actor, cors } = await requireStaff(request);
  try {
    const input = attachInput.parse(await request.json());
    const contract = await attachPlan(deps, shop, { ...input, actor });
    return cors(json({ contractId: contract.id }));
  } catch (error) {
    if (error instanceof SyntaxError) return cors(json({ error: 'the body must be JSON: {"draftOrderId", "planId"}' }, { status: 400 }));
    return cors(json({ error: refusalMessage(error) }, { status: 422 }));
  }
};
