import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";

import { buyerContractJson } from "../buyer-contract-json.server";
import prisma from "../db.server";
import { findContractByOrder } from "../models/contracts.server";
import { contractBalance } from "../models/ledger.server";
import { refusalMessage } from "../services/action-errors";
import { confirmsOrder } from "../services/buyer/order-confirmation.server";
import { shopOfTokenDestination } from "../session-token-shop.server";
import { authenticate } from "../shopify.server";
import { offlineAdminClient, ShopNotInstalledError } from "../shopify/offline-admin.server";

const scheduleQuery = z.object({
  // The thank-you page names the order by its OrderIdentity gid, the order-status page by its Order gid: the number counts.
  orderId: z.string().max(100).regex(/\d+$/, "orderId must be an order's id"),
  confirmationNumber: z.string().min(1).max(64).optional(),
});

const NO_SCHEDULE = { error: "this order has no payment schedule" };

/**
 * The buyer's view of a payment schedule, for the thank-you and order-status blocks (extensions/buyer-schedule):
 * what was paid with this order, every stage with its tax share and its date or the event it waits for, what is
 * still to pay, and the link of a stage that is due. The extension's session token, signed with
 * the app's secret, names the shop and, when the buyer is signed in, the customer, whose contracts alone are
 * shown. A guest's token names no one, so a guest must also present the order's confirmation number, which Shopify
 * shows only to the buyer who placed it, and sees the schedule without pay links, invoice PDFs or the portal link
 * (a signed-in buyer gets them: app/buyer-contract-json.server.ts). The order may be the main order or
 * one stage's own order.
 */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { sessionToken, cors } = await authenticate.public.checkout(request);
  const shop = shopOfTokenDestination(sessionToken.dest);
  if (!shop) return cors(json({ error: "the session token does not name a shop" }, { status: 401 }));
  const input = scheduleQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!input.success) return cors(json({ error: refusalMessage(input.error) }, { status: 400 }));
  const orderId = `gid://shopify/Order/${/(\d+)$/.exec(input.data.orderId)?.[1] ?? ""}`;
  const buyer = typeof sessionToken.sub === "string" && sessionToken.sub.startsWith("gid://shopify/Customer/") ? sessionToken.sub : null;
  const { confirmationNumber } = input.data;
  // A guest without the order's confirmation number learns nothing, not even whether the order has a schedule.
  if (buyer === null && confirmationNumber === undefined) return cors(json(NO_SCHEDULE, { status: 404 }));
  const contract = await findContractByOrder(prisma, shop, orderId);
  if (!contract || (buyer !== null && contract.customerId !== buyer)) return cors(json(NO_SCHEDULE, { status: 404 }));
  if (buyer === null && !(await guestPlacedOrder(shop, orderId, confirmationNumber ?? ""))) return cors(json(NO_SCHEDULE, { status: 404 }));
  const balance = await contractBalance(prisma, shop, contract.id);
  return cors(json({ contract: buyerContractJson(shop, contract, { buyer, orderId, paidMinor: balance?.netMinor ?? 0n }) }));
};

/** Whether the guest holds the order's confirmation number, as Shopify knows it; a shop without the app confirms nothing. */
async function guestPlacedOrder(shop: string, orderId: string, confirmationNumber: string): Promise<boolean> {
  try {
    return await confirmsOrder(await offlineAdminClient(prisma, shop), orderId, confirmationNumber);
  } catch (error) {
    if (error instanceof ShopNotInstalledError) return false;
    throw error;
  }
}
