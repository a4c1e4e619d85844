import type { FieldTargets } from "../forms/field-problems";

/** The AvaTax card's fields by the name they post under: the id of their input and what the page calls them. */
export const AVATAX_FIELDS: FieldTargets = {
  environment: { fieldId: "avatax-environment", label: "AvaTax environment" },
  accountId: { fieldId: "avatax-account-id", label: "Account ID" },
  licenseKey: { fieldId: "avatax-license-key", label: "License key" },
  companyCode: { fieldId: "avatax-company-code", label: "Company code" },
  taxMode: { fieldId: "avatax-tax-mode", label: "Tax on each stage's document" },
  originCountry: { fieldId: "avatax-origin-country", label: "Ships from: country" },
  originRegion: { fieldId: "avatax-origin-region", label: "Ships from: state or region" },
  originPostalCode: { fieldId: "avatax-origin-postal-code", label: "Ships from: postal code" },
  originCity: { fieldId: "avatax-origin-city", label: "Ships from: city" },
  originLine1: { fieldId: "avatax-origin-line1", label: "Ships from: street" },
};
