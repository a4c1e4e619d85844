import { PermanentJobError } from "../../lib/jobs/job-handlers.server";

/**
 * Shopify signs a webhook's body, not its headers: the shop a compliance request acts on must be the one its
 * signed body names. A mismatch is forged or misrouted and will not get better by retrying, so it is parked.
 */
export function assertSignedShop(bodyShopDomain: string, headerShop: string, topic: string): void {
  if (bodyShopDomain !== headerShop) {
    throw new PermanentJobError(`${topic} for ${bodyShopDomain} arrived with X-Shopify-Shop-Domain ${headerShop}`);
  }
}
