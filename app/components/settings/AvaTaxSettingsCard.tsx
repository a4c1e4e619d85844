import { Form, useSubmit } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Checkbox, FormLayout, InlineStack, Select, TextField } from "@shopify/polaris";
import { useRef, useState } from "react";

import type { SettingsActionResult } from "../../services/settings/settings-result";
import { asSentence } from "../forms/field-problems";
import { UnsavedChangesBar } from "../forms/UnsavedChangesBar";
import {
  AVATAX_FIELDS,
  avaTaxFormDirty,
  avaTaxFormValues,
  environmentChoiceOf,
  environmentOptions,
  type AvaTaxFormValues,
  type AvaTaxSettingsValues,
} from "./avatax-fields";

interface AvaTaxSettingsCardProps {
  /** What is stored; null for a shop that never set AvaTax up. */
  readonly settings: AvaTaxSettingsValues | null;
  /** Whether the credentials may go to a server other than Avalara's (local mode's local AvaTax server). */
  readonly customServerAllowed: boolean;
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
 * which pings AvaTax with what the form holds. The stored license key is never sent back to the page. Unsaved edits
 * show the save bar, as on the other settings forms.
 */
export function AvaTaxSettingsCard({ settings, customServerAllowed, result, submitting }: AvaTaxSettingsCardProps) {
  const saved = avaTaxFormValues(settings);
  const [values, setValues] = useState<AvaTaxFormValues>(saved);
  // The custom address typed last, kept while staff try Avalara's servers in the picker.
  const [customServer, setCustomServer] = useState(environmentChoiceOf(saved.environment) === "custom" ? saved.environment : "");
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
  const choice = environmentChoiceOf(values.environment);
  const choose = (next: string) => set("environment")(next === "custom" ? customServer : next);
  const dirty = avaTaxFormDirty(values, saved);
  const discard = () => {
    setValues(saved);
    setCustomServer(environmentChoiceOf(saved.environment) === "custom" ? saved.environment : "");
  };
  const text = (name: Exclude<keyof typeof values, "enabled" | "commitOnInvoice" | "taxMode" | "environment">, label: string, helpText?: string) => (
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
        <UnsavedChangesBar
          id="avatax-save-bar"
          dirty={dirty}
          saving={submitting === "avatax"}
          onSave={() => post("avatax")}
          onDiscard={discard}
          message="Unsaved AvaTax settings"
        />
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
              helpText="One sales invoice per stage when it is invoiced; refunds return their share of its tax, and a cancellation voids the stages not paid and reduces a stage paid in part to what was paid."
            />
            <Select
              id={idOf("environment")}
              label="AvaTax environment"
              options={environmentOptions(customServerAllowed, values.environment)}
              value={choice}
              onChange={choose}
              helpText="Where the account ID and license key are sent: Avalara's sandbox for testing, production for real documents."
              error={choice === "custom" ? undefined : errorOf("environment")}
            />
            {choice === "custom" ? (
              <TextField
                id="avatax-environment-url"
                label="Local AvaTax server address"
                name="environment"
                value={values.environment}
                onChange={(address) => {
                  setCustomServer(address);
                  set("environment")(address);
                }}
                autoComplete="off"
                placeholder="http://127.0.0.1:…"
                helpText="Local mode only: the demo's AvaTax server on this machine."
                error={errorOf("environment")}
              />
            ) : (
              <input type="hidden" name="environment" value={values.environment} />
            )}
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
