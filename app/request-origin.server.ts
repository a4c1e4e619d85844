/** Methods that change nothing; every other one must come from the app's own pages or carry a session token. */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Sec-Fetch-Site values a browser sends for a request another origin started (same-site covers other ports too). */
const FOREIGN_FETCH_SITES = new Set(["cross-site", "same-site"]);

export interface OriginCheckOptions {
  /**
   * A Bearer session token carries the request's authority, and Shopify's library verifies it next: admin extensions
   * post from Shopify's origin by design (CORS). Only where tokens are verified; local mode reads none.
   */
  readonly tokenAuthenticated: boolean;
}

/**
 * Refuses (throws 403) a state-changing request that another site made the browser send (cross-site request
 * forgery): its `Origin`, or without one its `Sec-Fetch-Site` or `Referer`, must be the app's own origin, which is
 * the origin the request was addressed to or SHOPIFY_APP_URL's. A request that says nothing of where it came from
 * (no browser sends a cross-site POST without `Origin`) is let through.
 */
export function refuseCrossSiteRequest(request: Request, options: OriginCheckOptions): void {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return;
  if (options.tokenAuthenticated && /^Bearer \S/.test(request.headers.get("Authorization") ?? "")) return;
  const own = ownOrigins(request);
  const origin = request.headers.get("Origin");
  const fetchSite = request.headers.get("Sec-Fetch-Site");
  const referer = request.headers.get("Referer");
  const foreign =
    origin !== null
      ? !own.has(origin)
      : (fetchSite !== null && FOREIGN_FETCH_SITES.has(fetchSite)) || (referer !== null && !own.has(originOf(referer) ?? "unreadable"));
  if (foreign) throw new Response(`a ${request.method} from another site is refused: open the app itself and try again`, { status: 403 });
}

function ownOrigins(request: Request): Set<string> {
  const origins = new Set([new URL(request.url).origin]);
  const appOrigin = originOf(process.env.SHOPIFY_APP_URL ?? "");
  if (appOrigin) origins.add(appOrigin);
  return origins;
}

/** A URL's origin, or null for text that is not an http(s) URL. */
function originOf(url: string): string | null {
  try {
    const { protocol, origin } = new URL(url);
    return protocol === "https:" || protocol === "http:" ? origin : null;
  } catch {
    return null;
  }
}
