import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";

import prisma from "../db.server";
import { UNPAID_STAGE_STATUSES } from "../domain/contract/stage-status";
import { currencyFor } from "../domain/money/currency";
import { formatMinorUnits } from "../domain/money/minor-units";
import { findContractByOrder } from "../models/contracts.server";
import { contractBalance } from "../models/ledger.server";
import { authenticate } from "../shopify.server";

/**
 * The buyer's view of a payment schedule, for the thank-you and order-status blocks (extensions/buyer-schedule):
 * what is paid, what is next and the link of a stage that is due. The extension's session token, signed with
 * the app's secret, names the shop and, when the buyer is signed in, the customer, whose contracts alone are
 * shown; the order may be the main order or one stage's own order.
 */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { sessionToken, cors } = await authenticate.public.checkout(request);
  const shop = new URL(sessionToken.dest).hostname;
  const orderNumber = /(\d+)$/.exec(new URL(request.url).searchParams.get("orderId") ?? "")?.[1];
  if (!orderNumber) return cors(json({ error: "orderId must be an order's id" }, { status: 400 }));
  const contract = await findContractByOrder(prisma, shop, `gid://shopify/Order/${orderNumber}`);
  // A signed-in buyer sees their own contracts only; a guest (thank-you page) sees the schedule without pay links.
  const buyer = typeof sessionToken.sub === "string" && sessionToken.sub.startsWith("gid://shopify/Customer/") ? sessionToken.sub : null;
  if (!contract || (buyer !== null && contract.customerId !== buyer)) return cors(json({ error: "this order has no payment schedule" }, { status: 404 }));
  const currency = currencyFor(contract.currency);
  const money = (minor: bigint) => formatMinorUnits(minor, currency);
  const balance = await contractBalance(prisma, shop, contract.id);
  return cors(
    json({
      contract: {
        status: contract.status,
        currency: contract.currency,
        total: money(contract.totalMinor),
        paid: money(balance?.netMinor ?? 0n),
        stages: contract.stages.map((stage) => ({
          position: stage.position,
          title: stage.title,
          amount: money(stage.amountMinor),
          status: stage.status,
          dueDate: stage.dueDate,
          payUrl: buyer !== null && contract.status !== "cancelled" && UNPAID_STAGE_STATUSES.includes(stage.status) ? stage.payUrl : null,
        })),
      },
    }),
  );
};
