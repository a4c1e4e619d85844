import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Links a buyer opens without signing in (their portal, an invoice PDF): the link names the shop, the contract and,
 * when the contract has one, the Shopify customer, signed with the app's secret. The portal of a customer's link lists
 * that customer's contracts in the shop; a guest's link shows its one contract. Links do not expire: a buyer opens
 * an old email months later. Rotating the secret (`BUYER_LINK_SECRET`) withdraws every link.
 */
export interface BuyerLinkScope {
  readonly shop: string;
  readonly contractId: string;
  readonly customerId: string | null;
}

export class InvalidBuyerLinkError extends Error {
  override readonly name = "InvalidBuyerLinkError";
}

/** The secret links are signed with: its own, or the app's client secret. */
export function buyerLinkSecret(env: NodeJS.ProcessEnv = process.env): string {
  const secret = env.BUYER_LINK_SECRET || env.SHOPIFY_API_SECRET;
  if (!secret) throw new Error("BUYER_LINK_SECRET (or SHOPIFY_API_SECRET) must be set to sign the buyer's links");
  return secret;
}

function signature(body: string, secret: string): string {
  return createHmac("sha256", secret).update(`buyer-link:${body}`).digest("base64url");
}

export function signBuyerLink(scope: BuyerLinkScope, secret: string): string {
  const body = Buffer.from(JSON.stringify({ s: scope.shop, k: scope.contractId, c: scope.customerId })).toString("base64url");
  return `${body}.${signature(body, secret)}`;
}

/** The scope a token names, or InvalidBuyerLinkError when it was not signed by us (or was altered). */
export function verifyBuyerLink(token: string, secret: string): BuyerLinkScope {
  const [body, given, extra] = token.split(".");
  if (!body || !given || extra !== undefined) throw new InvalidBuyerLinkError("the link is incomplete");
  const expected = Buffer.from(signature(body, secret));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) throw new InvalidBuyerLinkError("the link's signature does not match");
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    throw new InvalidBuyerLinkError("the link's contents are not readable");
  }
  const fields = parsed as { s?: unknown; k?: unknown; c?: unknown };
  if (typeof fields.s !== "string" || typeof fields.k !== "string" || !(fields.c === null || typeof fields.c === "string")) {
    throw new InvalidBuyerLinkError("the link does not name a shop and a contract");
  }
  return { shop: fields.s, contractId: fields.k, customerId: fields.c };
}

/** Where the buyer's pages live: the portal, and a contract's invoice PDFs, under the app's public URL. */
export function buyerPortalUrl(appUrl: string, token: string): string {
  return new URL(`/portal/${token}`, appUrl).toString();
}

export function invoicePdfUrl(appUrl: string, token: string, position: number): string {
  return new URL(`/portal/${token}/invoices/${position}.pdf`, appUrl).toString();
}

export function statementPdfUrl(appUrl: string, token: string, period: { readonly from: string; readonly to: string; readonly currency: string }): string {
  const url = new URL(`/portal/${token}/statement.pdf`, appUrl);
  url.searchParams.set("from", period.from);
  url.searchParams.set("to", period.to);
  url.searchParams.set("currency", period.currency);
  return url.toString();
}
