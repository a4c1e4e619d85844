import { isShopDomain } from "./shop-domain";

/** Where Shopify's session tokens may come from: a request's bearer header, or App Bridge's `id_token` parameter. */
function sessionTokenOf(request: Request): string | null {
  const header = /^Bearer (\S+)$/.exec(request.headers.get("Authorization") ?? "")?.[1];
  return header ?? new URL(request.url).searchParams.get("id_token");
}

/** The shop a session token's `dest` names (`https://<name>.myshopify.com`), or null when it names none. */
export function shopOfTokenDestination(dest: unknown): string | null {
  const host = typeof dest === "string" ? /^https:\/\/([^/]+)\/?$/.exec(dest)?.[1] : undefined;
  return isShopDomain(host) ? host : null;
}

/**
 * Refuses (throws 401) a request whose session token names no shop, before Shopify's library reads it: the library
 * takes `dest` for a URL (any other text answers 500) and would exchange the token with whatever host it names. The
 * payload is only peeked at here; the library verifies the signature next, and refuses a token that is not a JWT.
 */
export function refuseTokenNamingNoShop(request: Request): void {
  const token = sessionTokenOf(request);
  const payload = token ? peekPayload(token) : null;
  if (payload !== null && shopOfTokenDestination(payload.dest) === null) {
    throw new Response("the session token does not name a shop", { status: 401 });
  }
}

function peekPayload(token: string): Record<string, unknown> | null {
  const part = token.split(".")[1];
  if (!part) return null;
  try {
    const payload: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return typeof payload === "object" && payload !== null ? (payload as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
