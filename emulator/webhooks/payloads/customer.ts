import { findCustomer } from "../../commerce/shop-lookup";
import { legacyId } from "../../graphql/views";
import type { ShopState } from "../../state/model";
import { addressPayload } from "./address";

/**
 * The customer embedded in order and draft order payloads (`null` when there is none). The emulator does not
 * track when a customer was created, so those timestamps are null as in Shopify's own example.
 */
export function customerPayload(shop: ShopState, customerId: string | undefined) {
  const customer = findCustomer(shop, customerId);
  if (!customer) return null;
  const id = legacyId(customer.id);
  const address = addressPayload(customer.defaultAddress);
  return {
    id,
    email: customer.email,
    created_at: null,
    updated_at: null,
    first_name: customer.firstName ?? null,
    last_name: customer.lastName ?? null,
    state: "disabled",
    note: null,
    verified_email: true,
    multipass_identifier: null,
    tax_exempt: customer.taxExempt ?? false,
    phone: null,
    currency: shop.settings.currencyCode,
    tax_exemptions: [],
    admin_graphql_api_id: customer.id,
    ...(address
      ? {
          default_address: {
            ...address,
            // A customer's address id is not modelled; the customer's own id keeps it stable and numeric.
            id,
            customer_id: id,
            country_name: address.country,
            default: true,
          },
        }
      : {}),
  };
}
