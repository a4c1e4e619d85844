import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";

import prisma from "../db.server";
import { UNPAID_STAGE_STATUSES } from "../domain/contract/stage-status";
import { currencyFor } from "../domain/money/currency";
import { formatMinorUnits } from "../domain/money/minor-units";
import type { TaxLine } from "../domain/schedule/order-snapshot";
import { findContractByOrder, type StoredContract, type StoredStage } from "../models/contracts.server";
import { contractBalance } from "../models/ledger.server";
import { refusalMessage } from "../services/action-errors";
import { stageTriggerJson } from "../services/attach/checkout-schedule";
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
 * shows only to the buyer who placed it, and sees the schedule without pay links. The order may be the main order or
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
  const currency = currencyFor(contract.currency);
  const money = (minor: bigint) => formatMinorUnits(minor, currency);
  const taxLines = (lines: readonly TaxLine[]) => lines.map((line) => ({ title: line.title, amount: money(line.amount) }));
  const balance = await contractBalance(prisma, shop, contract.id);
  const paidOnOrder = contract.stages.filter((stage) => stage.status === "paid" && carriesStage(contract, stage, orderId));
  return cors(
    json({
      contract: {
        status: contract.status,
        currency: contract.currency,
        total: money(contract.totalMinor),
        paid: money(balance?.netMinor ?? 0n),
        remaining: money(contract.stages.reduce((sum, stage) => sum + owed(stage), 0n)),
        // What the buyer paid with the order on the page: on the thank-you page, what was just paid.
        paidOnOrder:
          paidOnOrder.length === 0
            ? null
            : {
                positions: paidOnOrder.map((stage) => stage.position),
                amount: money(paidOnOrder.reduce((sum, stage) => sum + stage.amountMinor, 0n)),
                tax: taxLines(sumTaxByTitle(paidOnOrder.map((stage) => stage.taxShares))),
              },
        stages: contract.stages.map((stage) => ({
          position: stage.position,
          title: stage.title,
          amount: money(stage.amountMinor),
          tax: taxLines(stage.taxShares),
          status: stage.status,
          dueDate: stage.dueDate,
          ...(stage.dueDate === null && stage.dueRule.trigger ? { trigger: stageTriggerJson(stage.dueRule.trigger) } : {}),
          payUrl: buyer !== null && contract.status !== "cancelled" && UNPAID_STAGE_STATUSES.includes(stage.status) ? stage.payUrl : null,
        })),
      },
    }),
  );
};

/** What the buyer still owes on a stage: nothing once it is paid, cancelled or refunded. */
function owed(stage: StoredStage): bigint {
  if (!UNPAID_STAGE_STATUSES.includes(stage.status)) return 0n;
  const rest = stage.amountMinor - stage.paidMinor;
  return rest > 0n ? rest : 0n;
}

/**
 * Whether the order took the stage's payment: a stage's own order (stage-order mode, or a stage draft in native
 * mode), or the main order for every stage without one (native mode's deposit and saved-card charges, and offline
 * payments, which are recorded on the main order).
 */
function carriesStage(contract: StoredContract, stage: StoredStage, orderId: string): boolean {
  return stage.stageOrderId === orderId || (stage.stageOrderId === null && contract.mainOrderId === orderId);
}

/** Shares of the same tax line (by title) added up, in the order the titles first appear. */
function sumTaxByTitle(shares: readonly (readonly TaxLine[])[]): TaxLine[] {
  const sums = new Map<string, bigint>();
  for (const line of shares.flat()) sums.set(line.title, (sums.get(line.title) ?? 0n) + line.amount);
  return [...sums].map(([title, amount]) => ({ title, amount }));
}

/** Whether the guest holds the order's confirmation number, as Shopify knows it; a shop without the app confirms nothing. */
async function guestPlacedOrder(shop: string, orderId: string, confirmationNumber: string): Promise<boolean> {
  try {
    return await confirmsOrder(await offlineAdminClient(prisma, shop), orderId, confirmationNumber);
  } catch (error) {
    if (error instanceof ShopNotInstalledError) return false;
    throw error;
  }
}
