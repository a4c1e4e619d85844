import { GraphQLError } from "graphql";
import type { ShopState } from "../state/model";

/**
 * Shopify gates some arguments to Shopify Plus shops (`amount` on `orderCreateManualPayment` and
 * `orderCreateMandatePayment`). On another plan the whole field is refused with a top-level ACCESS_DENIED
 * error naming the field and its documented access requirements, and the field's data is null (captured from
 * a live non-Plus store for `orderCreateManualPayment`).
 */
export function refuseUnlessPlus(shop: ShopState, fieldName: string, requiredAccess: string): void {
  if (shop.settings.plan === "plus" || shop.settings.plan === "enterprise") return;
  throw new GraphQLError(`Access denied for ${fieldName} field. Required access: ${requiredAccess}`, {
    extensions: { code: "ACCESS_DENIED", documentation: "https://shopify.dev/api/usage/access-scopes", requiredAccess },
  });
}
