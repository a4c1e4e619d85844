/**
 * The `shopify` global the host installs for a target, typed by the caller:
 *   const api = shopifyApi<import('@shopify/ui-extensions/purchase.checkout.block.render').Api>();
 * One extension serves three targets (checkout, thank-you, order status) whose APIs differ,
 * so each entry module names its own type instead of one ambient declaration.
 */
export function shopifyApi<T>(): T {
  return (globalThis as unknown as {shopify: T}).shopify;
}
