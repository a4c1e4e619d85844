import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";

import { refusalMessage } from "../services/action-errors";
import { attachPlan } from "../services/attach/attach-plan.server";
import { CreditLimitError, creditLimitAnswer } from "../services/attach/attach-terms.server";
import { requireStaff } from "../staff-context.server";

// The extension shows the error as it is: the same words as the admin's attach page.
const attachInput = z.object({
  draftOrderId: z.string({ required_error: "Choose a draft order first" }).min(1, "Choose a draft order first"),
  planId: z.string({ required_error: "Choose a plan to attach" }).min(1, "Choose a plan to attach"),
  // Attach over the customer's credit limit: staff's reason, kept in the audit log with the figures.
  overrideReason: z.string().optional(),
});

/**
 * Remix sends OPTIONS to the loader: the extension's cross-origin POST is preflighted, and Shopify's library
 * answers the preflight inside `requireStaff`. Anything else that is not a POST is refused.
 */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { cors } = await requireStaff(request);
  return cors(new Response(null, { status: request.method === "OPTIONS" ? 204 : 405, headers: { Allow: "POST" } }));
};

/**
 * Attaches the plan (the same use case as the admin's attach page) and emails the first invoice. An order over the
 * customer's credit limit is refused (422, `creditLimit` with the figures) unless the body carries `overrideReason`.
 */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, deps, actor, cors } = await requireStaff(request);
  try {
    const { overrideReason, ...input } = attachInput.parse(await request.json());
    const contract = await attachPlan(deps, shop, { ...input, actor, ...(overrideReason === undefined ? {} : { creditOverride: { reason: overrideReason } }) });
    return cors(json({ contractId: contract.id }));
  } catch (error) {
    if (error instanceof SyntaxError) return cors(json({ error: 'the body must be JSON: {"draftOrderId", "planId"}' }, { status: 400 }));
    // Over the credit limit: the refusal in words, and that staff may attach anyway by posting an overrideReason.
    if (error instanceof CreditLimitError) return cors(json({ error: error.message, creditLimit: creditLimitAnswer(error) }, { status: 422 }));
    return cors(json({ error: refusalMessage(error) }, { status: 422 }));
  }
};
