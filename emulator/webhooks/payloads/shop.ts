import type { ShopState } from "../../state/model";
import { shopTime } from "./rest-values";

const PLAN_NAMES = {
  basic: { name: "basic", display: "Basic" },
  shopify: { name: "professional", display: "Shopify" },
  advanced: { name: "unlimited", display: "Advanced" },
  plus: { name: "shopify_plus", display: "Shopify Plus" },
  enterprise: { name: "enterprise", display: "Shopify Plus" },
} as const;

/**
 * The `app/uninstalled` payload: the shop resource. The emulator keeps no shop address or owner, so those
 * are empty strings; the shop's numeric id is not modelled either and is derived from its domain.
 */
export function shopPayload(shop: ShopState, nowIso: string) {
  const { settings } = shop;
  const plan = PLAN_NAMES[settings.plan];
  const time = shopTime(nowIso, settings.ianaTimezone);
  return {
    id: numericShopId(settings.domain),
    name: settings.name,
    email: settings.email,
    domain: settings.domain,
    province: "",
    country: "",
    address1: "",
    zip: "",
    city: "",
    source: null,
    phone: "",
    latitude: null,
    longitude: null,
    primary_locale: "en",
    address2: null,
    created_at: time,
    updated_at: time,
    country_code: "",
    country_name: "",
    currency: settings.currencyCode,
    customer_email: settings.email,
    timezone: settings.ianaTimezone,
    iana_timezone: settings.ianaTimezone,
    shop_owner: settings.name,
    money_format: "{{amount}}",
    money_with_currency_format: `{{amount}} ${settings.currencyCode}`,
    weight_unit: "kg",
    province_code: "",
    taxes_included: settings.taxesIncluded,
    auto_configure_tax_inclusivity: null,
    tax_shipping: null,
    county_taxes: null,
    plan_display_name: plan.display,
    plan_name: plan.name,
    has_discounts: false,
    has_gift_cards: false,
    myshopify_domain: settings.domain,
    google_apps_domain: null,
    google_apps_login_enabled: null,
    money_in_emails_format: "{{amount}}",
    money_with_currency_in_emails_format: `{{amount}} ${settings.currencyCode}`,
    eligible_for_payments: true,
    requires_extra_payments_agreement: false,
    password_enabled: false,
    has_storefront: true,
    finances: true,
    primary_location_id: primaryLocationId(settings.domain),
    checkout_api_supported: true,
    multi_location_enabled: true,
    setup_required: false,
    pre_launch_enabled: false,
    enabled_presentment_currencies: [settings.currencyCode],
    marketing_sms_consent_enabled_at_checkout: false,
    transactional_sms_disabled: false,
  };
}

/** The one location the emulator's shops ship from; its id follows the shop's. */
export function primaryLocationId(domain: string): number {
  return numericShopId(domain) + 1;
}

/** A stable positive integer from the shop's domain (FNV-1a), standing in for Shopify's shop id. */
function numericShopId(domain: string): number {
  let hash = 0x811c9dc5;
  for (const char of domain) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return hash;
}
