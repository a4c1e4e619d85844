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

/** The AvaTax settings as stored and shown (the license key never: only whether one is stored). */
export interface AvaTaxSettingsValues {
  readonly enabled: boolean;
  readonly environment: string;
  readonly accountId: string;
  readonly licenseKeySet: boolean;
  readonly companyCode: string;
  readonly taxMode: string;
  readonly commitOnInvoice: boolean;
  readonly origin: {
    readonly line1: string | null;
    readonly city: string | null;
    readonly region: string | null;
    readonly postalCode: string | null;
    readonly country: string;
  };
}

/** The card's fields as staff edit them; the license key is empty until they type a new one. */
export interface AvaTaxFormValues {
  readonly enabled: boolean;
  readonly environment: string;
  readonly accountId: string;
  readonly licenseKey: string;
  readonly companyCode: string;
  readonly taxMode: string;
  readonly commitOnInvoice: boolean;
  readonly originLine1: string;
  readonly originCity: string;
  readonly originRegion: string;
  readonly originPostalCode: string;
  readonly originCountry: string;
}

/** What the card starts from: the stored settings, or a sandbox connection with nothing set. */
export function avaTaxFormValues(settings: AvaTaxSettingsValues | null): AvaTaxFormValues {
  return {
    enabled: settings?.enabled ?? false,
    environment: settings?.environment ?? "sandbox",
    accountId: settings?.accountId ?? "",
    licenseKey: "",
    companyCode: settings?.companyCode ?? "DEFAULT",
    taxMode: settings?.taxMode ?? "override",
    commitOnInvoice: settings?.commitOnInvoice ?? true,
    originLine1: settings?.origin.line1 ?? "",
    originCity: settings?.origin.city ?? "",
    originRegion: settings?.origin.region ?? "",
    originPostalCode: settings?.origin.postalCode ?? "",
    originCountry: settings?.origin.country ?? "US",
  };
}

/** Whether the card differs from what it started from (a license key typed counts). */
export function avaTaxFormDirty(values: AvaTaxFormValues, saved: AvaTaxFormValues): boolean {
  return (Object.keys(saved) as (keyof AvaTaxFormValues)[]).some((name) => values[name] !== saved[name]);
}

/** The environment picker's choice: Avalara's server by name, or "custom" for the address of another server. */
export type AvaTaxEnvironmentChoice = "sandbox" | "production" | "custom";

export function environmentChoiceOf(environment: string): AvaTaxEnvironmentChoice {
  return environment === "sandbox" || environment === "production" ? environment : "custom";
}

/**
 * The picker's options: Avalara's sandbox and production; a custom server only where it may be used (local mode), or
 * when one is stored, so that staff see it and are told to change it.
 */
export function environmentOptions(customServerAllowed: boolean, environment: string): { label: string; value: AvaTaxEnvironmentChoice }[] {
  const options: { label: string; value: AvaTaxEnvironmentChoice }[] = [
    { label: "Sandbox (sandbox-rest.avatax.com)", value: "sandbox" },
    { label: "Production (rest.avatax.com)", value: "production" },
  ];
  if (customServerAllowed || environmentChoiceOf(environment) === "custom") options.push({ label: "Local AvaTax server (local mode)", value: "custom" });
  return options;
}
