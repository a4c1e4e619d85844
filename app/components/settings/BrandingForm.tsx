import { Form, useSubmit } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, FormLayout, InlineError, InlineStack, Text, TextField, Thumbnail } from "@shopify/polaris";
import { useState } from "react";

import type { SettingsActionResult } from "../../services/settings/settings-result";
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

interface BrandingFormProps {
  readonly branding: BrandingFormValues;
  readonly maxLogoKilobytes: number;
  /** This form's last answer, if the last post was this form's. */
  readonly result: SettingsActionResult | null;
  readonly submitting: boolean;
}

/** The shop's look on what buyers receive: the sender, its address and Reply-To, colours, footer and logo. */
export function BrandingForm({ branding, maxLogoKilobytes, result, submitting }: BrandingFormProps) {
  const [sellerName, setSellerName] = useState(branding.sellerName);
  const [sellerEmail, setSellerEmail] = useState(branding.sellerEmail);
  const [sellerAddress, setSellerAddress] = useState(branding.sellerAddress);
  const [primaryColor, setPrimaryColor] = useState(branding.primaryColor);
  const [accentColor, setAccentColor] = useState(branding.accentColor);
  const [footer, setFooter] = useState(branding.footer);
  const submit = useSubmit();
  const errors = result?.fieldErrors ?? {};

  return (
    <Card>
      <Form method="post" encType="multipart/form-data">
        <input type="hidden" name="intent" value="branding" />
        <FormLayout>
          {result ? (
            <Banner tone={result.ok ? "success" : "critical"}>
              <p>{result.message}</p>
            </Banner>
          ) : null}
          <TextField
            label="Seller name"
            name="sellerName"
            value={sellerName}
            onChange={setSellerName}
            autoComplete="organization"
            helpText="The sender of every email and the name on every invoice; the shop's handle when empty."
            error={errors.sellerName}
          />
          <TextField
            label="Email (Reply-To)"
            type="email"
            name="sellerEmail"
            value={sellerEmail}
            onChange={setSellerEmail}
            autoComplete="email"
            helpText="Buyers' replies go here; it is printed on invoices too."
            error={errors.sellerEmail}
          />
          <TextField
            label="Address"
            name="sellerAddress"
            value={sellerAddress}
            onChange={setSellerAddress}
            multiline={3}
            autoComplete="street-address"
            helpText="As printed on invoices, one line per line."
            error={errors.sellerAddress}
          />
          <FormLayout.Group>
            <ColorField
              label="Primary colour"
              name="primaryColor"
              value={primaryColor}
              onChange={setPrimaryColor}
              helpText="Headings, buttons and table heads."
              error={errors.primaryColor}
            />
            <ColorField label="Accent colour" name="accentColor" value={accentColor} onChange={setAccentColor} error={errors.accentColor} />
          </FormLayout.Group>
          <TextField
            label="Footer"
            name="footer"
            value={footer}
            onChange={setFooter}
            multiline={2}
            autoComplete="off"
            helpText="Under every email and on every PDF page; the seller name when empty."
            error={errors.footer}
          />
          <BlockStack gap="200">
            <label htmlFor="branding-logo">
              <Text as="span">Logo</Text>
            </label>
            <InlineStack gap="300" blockAlign="center">
              {branding.logoUrl ? <Thumbnail source={branding.logoUrl} alt="The current logo" size="large" /> : null}
              <input
                id="branding-logo"
                type="file"
                name="logo"
                accept="image/png,image/jpeg"
                aria-describedby="branding-logo-help"
                aria-invalid={errors.logo ? true : undefined}
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
            {errors.logo ? <InlineError message={errors.logo} fieldID="branding-logo" /> : null}
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
