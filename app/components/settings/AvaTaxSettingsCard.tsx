import { Form, useSubmit } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Checkbox, FormLayout, InlineStack, Select, TextField } from "@shopify/polaris";
import { useRef, useState } from "react";

import type { SettingsActionResult } from "../../services/settings/settings-result";
import { asSentence } from "../forms/field-problems";
import { AVATAX_FIELDS } from "./avatax-fields";

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

interface AvaTaxSettingsCardProps {
  /** What is stored; null for a shop that never set AvaTax up. */
  readonly settings: AvaTaxSettingsValues | null;
  readonly result: SettingsActionResult | null;
  /** The intent being posted ("avatax" or "avataxPing"), or null. */
  readonly submitting: string | null;
}

const TAX_MODES = [
  { label: "Our exact split (tax override)", value: "override" },
  { label: "Computed by AvaTax", value: "compute" },
];

/**
 * The shop's AvaTax connection: on or off, where and as whom, how each stage's tax is set, and "Test connection",
 * which pings AvaTax with what the form holds. The stored license key is never sent back to the page.
 */
export function AvaTaxSettingsCard({ settings, result, submitting }: AvaTaxSettingsCardProps) {
  const [values, setValues] = useState({
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
  });
  const form = useRef<HTMLFormElement>(null);
  const submit = useSubmit();
  // Polaris buttons carry no name or value, so each posts the form with its own intent (Enter in a field saves).
  const post = (intent: "avatax" | "avataxPing") => {
    if (!form.current) return;
    const data = new FormData(form.current);
    data.set("intent", intent);
    submit(data, { method: "post" });
  };
  const set =
    <K extends keyof typeof values>(name: K) =>
    (value: (typeof values)[K]) =>
      setValues((current) => ({ ...current, [name]: value }));
  const errorOf = (name: string) => {
    const message = result?.fieldErrors[name];
    return message === undefined ? undefined : asSentence(message);
  };
  const idOf = (name: string) => AVATAX_FIELDS[name]!.fieldId;
  const text = (name: Exclude<keyof typeof values, "enabled" | "commitOnInvoice" | "taxMode">, label: string, helpText?: string) => (
    <TextField
      id={idOf(name)}
      label={label}
      name={name}
      value={values[name]}
      onChange={set(name)}
      autoComplete="off"
      error={errorOf(name)}
      {...(helpText ? { helpText } : {})}
    />
  );

  return (
    <Card>
      <Form method="post" ref={form}>
        <input type="hidden" name="intent" value="avatax" />
        <BlockStack gap="400">
          {result ? (
            <Banner tone={result.ok ? "success" : "critical"}>
              <p>{result.message}</p>
            </Banner>
          ) : null}
          <FormLayout>
            <Checkbox
              label="Record each invoiced stage in AvaTax"
              name="enabled"
              checked={values.enabled}
              onChange={set("enabled")}
              helpText="One sales invoice per stage when it is invoiced; refunds return their share of its tax, and a cancellation voids the stages not paid."
            />
            {text("environment", "AvaTax environment", "sandbox, production, or the address of an AvaTax server")}
            <FormLayout.Group>
              {text("accountId", "Account ID")}
              <TextField
                id={idOf("licenseKey")}
                label="License key"
                name="licenseKey"
                type="password"
                value={values.licenseKey}
                onChange={set("licenseKey")}
                autoComplete="off"
                helpText={settings?.licenseKeySet ? "A key is stored (encrypted). Leave blank to keep it." : "Stored encrypted; never shown again."}
                error={errorOf("licenseKey")}
              />
            </FormLayout.Group>
            {text("companyCode", "Company code")}
            <Select
              id={idOf("taxMode")}
              label="Tax on each stage's document"
              name="taxMode"
              options={TAX_MODES}
              helpText="Our exact split sends each stage's share of Shopify's tax as a tax override; computed by AvaTax records AvaTax's figure beside Shopify's."
              value={values.taxMode}
              onChange={set("taxMode")}
              error={errorOf("taxMode")}
            />
            <Checkbox
              label="Commit documents when the stage is invoiced"
              name="commitOnInvoice"
              checked={values.commitOnInvoice}
              onChange={set("commitOnInvoice")}
              helpText="Off: documents stay uncommitted in AvaTax until someone commits them there."
            />
            <FormLayout.Group>
              {text("originCountry", "Ships from: country")}
              {text("originRegion", "Ships from: state or region")}
              {text("originPostalCode", "Ships from: postal code")}
            </FormLayout.Group>
            <FormLayout.Group>
              {text("originCity", "Ships from: city")}
              {text("originLine1", "Ships from: street")}
            </FormLayout.Group>
          </FormLayout>
          <InlineStack gap="200" align="end">
            <Button onClick={() => post("avataxPing")} loading={submitting === "avataxPing"}>
              Test connection
            </Button>
            <Button variant="primary" onClick={() => post("avatax")} loading={submitting === "avatax"}>
              Save AvaTax settings
            </Button>
          </InlineStack>
        </BlockStack>
      </Form>
    </Card>
  );
}
