import { isShopDomain } from "../shop-domain";

/** Topics whose body names the shop in `shop_domain` (Shopify's compliance webhooks). */
const SHOP_DOMAIN_TOPICS = new Set(["customers/data_request", "customers/redact", "shop/redact"]);

/**
 * The shop a webhook's signed body names, where its topic has one, else null. The HMAC covers the body but not the
 * `X-Shopify-Shop-Domain` header, so a body that names its shop is what proves the header. `app/uninstalled` carries
 * the shop object: `myshopify_domain` is its permanent domain; `domain` is the primary one, often the merchant's own
 * (so it counts only when it is a myshopify.com domain and the permanent one is absent).
 */
export function shopNamedByPayload(topic: string, body: unknown): string | null {
  if (typeof body !== "object" || body === null) return null;
  const fields = body as Record<string, unknown>;
  if (SHOP_DOMAIN_TOPICS.has(topic)) return typeof fields.shop_domain === "string" ? fields.shop_domain : null;
  if (topic === "app/uninstalled") {
    if (typeof fields.myshopify_domain === "string") return fields.myshopify_domain;
    return isShopDomain(fields.domain) ? fields.domain : null;
  }
  return null;
}
