import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";

import { refusalMessage } from "../services/action-errors";
import { attachOptions } from "../services/attach/attach-flow.server";
import { requireStaff } from "../staff-context.server";

/** The draft-order action extension's first call: the draft, the collection mode and the plans to offer. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, deps, cors } = await requireStaff(request);
  const draftOrderId = new URL(request.url).searchParams.get("draftOrderId");
  if (!draftOrderId) return cors(json({ error: "Choose a draft order first" }, { status: 400 }));
  try {
    return cors(json(await attachOptions(deps, shop, draftOrderId)));
  } catch (error) {
    return cors(json({ error: refusalMessage(error) }, { status: 422 }));
  }
};
