import { Form, useSubmit } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, FormLayout, InlineError, InlineStack, Text, TextField, Thumbnail } from "@shopify/polaris";
import { useRef, useState } from "react";

import type { SettingsActionResult } from "../../services/settings/settings-result";
import { asSentence } from "../forms/field-problems";
import { UnsavedChangesBar } from "../forms/UnsavedChangesBar";
import { useFieldVisibility } from "../forms/use-field-visibility";
import { BRANDING_FIELDS, brandingInputErrors } from "./branding-fields";
import { ColorField } from "./ColorField";

/** The branding as the form edits it: text fields as typed, the address one line per line, the logo as a data URL. */
export interface BrandingFormValues {
  readonly sellerName: string;
  readonly sellerEmail: string;
  readonly sellerAddress: string;
  readonly primaryColor: string;
  readonly accentColor: string;
  readonly footer: string;
  readonly logoUrl: string | null;
}

type BrandingText = Omit<BrandingFormValues, "logoUrl">;

interface BrandingFormProps {
  readonly branding: BrandingFormValues;
  readonly maxLogoKilobytes: number;
  /** This form's last answer, if the last post was this form's. */
  readonly result: SettingsActionResult | null;
  readonly submitting: boolean;
}

const fieldId = (name: keyof BrandingText | "logo") => BRANDING_FIELDS[name]?.fieldId;

/**
 * The shop's look on what buyers receive: the sender, its address and Reply-To, colours, footer and logo. Colours and
 * the address are checked as staff leave them; the server's refusals show beside their fields after a save, and at
 * the top of the page.
 */
export function BrandingForm({ branding, maxLogoKilobytes, result, submitting }: BrandingFormProps) {
  const saved: BrandingText = branding;
  const [values, setValues] = useState<BrandingText>(saved);
  const [logoChosen, setLogoChosen] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const logoInput = useRef<HTMLInputElement>(null);
  const visibility = useFieldVisibility();
  const submit = useSubmit();
  // A refusal shows beside its field until the field is edited, and a new answer brings its own.
  const [answer, setAnswer] = useState(result);
  const [editedSinceAnswer, setEditedSinceAnswer] = useState<ReadonlySet<string>>(new Set());
  if (answer !== result) {
    setAnswer(result);
    setEditedSinceAnswer(new Set());
  }
  const serverErrors = result?.fieldErrors ?? {};
  const inputErrors = brandingInputErrors(values);
  const errorOf = (name: keyof BrandingText | "logo") => {
    const message = (editedSinceAnswer.has(name) ? undefined : serverErrors[name]) ?? visibility.shown(name, inputErrors[name]);
    return message === undefined ? undefined : asSentence(message);
  };
  const field = (name: keyof BrandingText) => ({
    id: fieldId(name),
    name,
    value: values[name],
    onChange: (value: string) => {
      setValues((current) => ({ ...current, [name]: value }));
      setEditedSinceAnswer((current) => new Set([...current, name]));
    },
    onBlur: visibility.touch(name),
    error: errorOf(name),
  });

  const dirty = logoChosen || (Object.keys(saved) as (keyof BrandingText)[]).some((name) => values[name] !== saved[name]);
  const save = () => form.current?.requestSubmit();
  const discard = () => {
    setValues(saved);
    setLogoChosen(false);
    if (logoInput.current) logoInput.current.value = "";
    visibility.reset();
  };

  return (
    <Card>
      <Form
        method="post"
        encType="multipart/form-data"
        ref={form}
        // The server checks everything again and its answer fills the page's summary; meanwhile every field shows its error.
        onSubmit={visibility.attempt}
      >
        <input type="hidden" name="intent" value="branding" />
        <FormLayout>
          <UnsavedChangesBar id="branding-save-bar" dirty={dirty} saving={submitting} onSave={save} onDiscard={discard} message="Unsaved branding" />
          {result ? (
            <Banner tone={result.ok ? "success" : "critical"}>
              <p>{result.message}</p>
            </Banner>
          ) : null}
          <TextField
            {...field("sellerName")}
            label="Seller name"
            autoComplete="organization"
            helpText="The sender of every email and the name on every invoice; the shop's handle when empty."
          />
          <TextField
            {...field("sellerEmail")}
            label="Email (Reply-To)"
            type="email"
            autoComplete="email"
            helpText="Buyers' replies go here; it is printed on invoices too."
          />
          <TextField
            {...field("sellerAddress")}
            label="Address"
            multiline={3}
            autoComplete="street-address"
            helpText="As printed on invoices, one line per line."
          />
          <FormLayout.Group>
            <ColorField {...field("primaryColor")} label="Primary colour" helpText="Headings, buttons and table heads." />
            <ColorField {...field("accentColor")} label="Accent colour" />
          </FormLayout.Group>
          <TextField
            {...field("footer")}
            label="Footer"
            multiline={2}
            autoComplete="off"
            helpText="Under every email and on every PDF page; the seller name when empty."
          />
          <BlockStack gap="200">
            <label htmlFor={fieldId("logo")}>
              <Text as="span">Logo</Text>
            </label>
            <InlineStack gap="300" blockAlign="center">
              {branding.logoUrl ? <Thumbnail source={branding.logoUrl} alt="The current logo" size="large" /> : null}
              <input
                ref={logoInput}
                id={fieldId("logo")}
                type="file"
                name="logo"
                accept="image/png,image/jpeg"
                aria-describedby="branding-logo-help"
                aria-invalid={errorOf("logo") ? true : undefined}
                onChange={(event) => {
                  setLogoChosen((event.currentTarget.files?.length ?? 0) > 0);
                  setEditedSinceAnswer((current) => new Set([...current, "logo"]));
                }}
              />
              {branding.logoUrl ? (
                <Button tone="critical" variant="plain" onClick={() => submit({ intent: "removeLogo" }, { method: "post" })}>
                  Remove logo
                </Button>
              ) : null}
            </InlineStack>
            <Text as="p" tone="subdued" id="branding-logo-help">
              PNG or JPEG, at most {maxLogoKilobytes} KB. {branding.logoUrl ? "Choose a file to replace the current logo." : "No logo yet."}
            </Text>
            {errorOf("logo") ? <InlineError message={errorOf("logo") ?? ""} fieldID={fieldId("logo") ?? ""} /> : null}
          </BlockStack>
          <BlockStack inlineAlign="end">
            <Button submit variant="primary" loading={submitting}>
              Save branding
            </Button>
          </BlockStack>
        </FormLayout>
      </Form>
    </Card>
  );
}
