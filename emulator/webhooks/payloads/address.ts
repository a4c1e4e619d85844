import type { Address } from "../../state/model";

/** An address as order and draft order payloads write it; the emulator keeps no phone or coordinates. */
export function addressPayload(address: Address | undefined) {
  if (!address) return null;
  const name = [address.firstName, address.lastName].filter(Boolean).join(" ");
  return {
    first_name: address.firstName ?? null,
    address1: address.address1 ?? null,
    phone: null,
    city: address.city ?? null,
    zip: address.zip ?? null,
    province: address.province ?? null,
    country: address.country ?? null,
    last_name: address.lastName ?? null,
    address2: null,
    company: address.company ?? null,
    latitude: null,
    longitude: null,
    name,
    country_code: address.countryCode,
    province_code: address.provinceCode ?? null,
  };
}
