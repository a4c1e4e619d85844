import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";

import { buyerContractJson, buyerLinksFromEnvironment } from "../buyer-contract-json.server";
import prisma from "../db.server";
import { listContracts } from "../models/contracts.server";
import { contractBalance } from "../models/ledger.server";
import { shopOfTokenDestination } from "../session-token-shop.server";
import { authenticate } from "../shopify.server";

/** The most contracts the page lists: a customer with more sees the rest in their portal. */
const MOST_CONTRACTS = 50;

/**
 * The signed-in customer's payment plans in the shop, for the customer account page (extensions/customer-payments,
 * `customer-account.page.render`): newest first, each as `GET /api/buyer/schedule` answers one contract (with pay
 * links, invoice PDFs and the portal link), and its order's or quote's name. The extension's session token, signed
 * with the app's secret, names the shop (`dest`) and the customer (`sub`); a token naming no customer sees nothing.
 *
 *   200 {"contracts":[{"name", ...contract}], "portalUrl": string | null}
 *   401 {"error"}  no valid session token, or one that names no shop or no customer
 */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { sessionToken, cors } = await authenticate.public.customerAccount(request);
  const shop = shopOfTokenDestination(sessionToken.dest);
  if (!shop) return cors(json({ error: "the session token does not name a shop" }, { status: 401 }));
  const buyer = typeof sessionToken.sub === "string" && sessionToken.sub.startsWith("gid://shopify/Customer/") ? sessionToken.sub : null;
  if (buyer === null) return cors(json({ error: "the session token does not name a customer" }, { status: 401 }));
  const links = buyerLinksFromEnvironment();
  const contracts = await listContracts(prisma, shop, { customerId: buyer }, { limit: MOST_CONTRACTS, offset: 0 });
  const answers = [];
  for (const contract of contracts) {
    const balance = await contractBalance(prisma, shop, contract.id);
    answers.push({
      name: contract.mainOrderName ?? contract.sourceDraftName ?? null,
      ...buyerContractJson(shop, contract, { buyer, orderId: null, paidMinor: balance?.netMinor ?? 0n, links }),
    });
  }
  // Every contract's portal link opens the same portal (the customer's contracts in the shop): the newest one's.
  return cors(json({ contracts: answers, portalUrl: answers[0]?.portalUrl ?? null }));
};
