/** A shop's permanent domain as Shopify writes it (`X-Shopify-Shop-Domain`, a session token's `dest`): lower case. */
const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

/** Whether `value` is a well-formed `<name>.myshopify.com`: the only shops the app stores rows under. */
export function isShopDomain(value: unknown): value is string {
  return typeof value === "string" && value.length <= 255 && SHOP_DOMAIN.test(value);
}
