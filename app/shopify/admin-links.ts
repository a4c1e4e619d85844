/** Shopify admin paths by the record type a GID names; only records the contract page links to. */
const ADMIN_PATHS: Readonly<Record<string, string>> = { DraftOrder: "draft_orders", Order: "orders" };

/**
 * The page of a draft order or order in the Shopify admin, from its GID (gid://shopify/Order/123 in shop
 * acme.myshopify.com → https://admin.shopify.com/store/acme/orders/123); null for a record type or id it cannot link.
 */
export function shopifyAdminUrl(shopDomain: string, gid: string): string | null {
  const match = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)$/.exec(gid);
  const path = match ? ADMIN_PATHS[match[1]!] : undefined;
  const handle = /^([a-z0-9][a-z0-9-]*)\.myshopify\.com$/.exec(shopDomain)?.[1];
  if (!match || !path || !handle) return null;
  return `https://admin.shopify.com/store/${handle}/${path}/${match[2]}`;
}
