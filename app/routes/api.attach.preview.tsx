import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";

import { refusalMessage } from "../services/action-errors";
import { attachPreviewView } from "../services/attach/attach-flow.server";
import { requireStaff } from "../staff-context.server";

/** The exact schedule a plan gives a draft order, with tax per stage, before staff confirm. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, deps, cors } = await requireStaff(request);
  const params = new URL(request.url).searchParams;
  const draftOrderId = params.get("draftOrderId");
  const planId = params.get("planId");
  if (!draftOrderId || !planId) return cors(json({ error: "Choose a draft order and a plan first" }, { status: 400 }));
  try {
    return cors(json(await attachPreviewView(deps, shop, { draftOrderId, planId })));
  } catch (error) {
    return cors(json({ error: refusalMessage(error) }, { status: 422 }));
  }
};
