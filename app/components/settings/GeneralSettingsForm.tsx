import { Form } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Checkbox, ChoiceList, FormLayout, Layout, Select, TextField } from "@shopify/polaris";
import { useRef, useState } from "react";

import { DIGEST_HOUR } from "../../domain/alerts/staff-alerts";
import { ADMIN_LOCALES, localeExample } from "../../locale/admin-locales";
import type { SettingsActionResult } from "../../services/settings/settings-result";
import { asSentence } from "../forms/field-problems";
import { UnsavedChangesBar } from "../forms/UnsavedChangesBar";
import { useFieldVisibility } from "../forms/use-field-visibility";
import { GENERAL_SETTINGS_FIELDS, generalSettingsInputErrors } from "./general-settings-fields";

const MODE_LABELS = { native: "native (the order's own deposit and payment terms)", stageOrder: "stage orders (a draft order per stage)" } as const;

/** Short enough for a select on a phone; the description above says what each mode is. */
const MODE_NAMES = { native: "native", stageOrder: "stage orders" } as const;

const LINK_EMAIL_CHOICES = [
  { label: "Tranche (branded, with the whole schedule)", value: "tranche" },
  { label: "Shopify's invoice email (titled with the stage)", value: "shopify" },
];

interface GeneralSettingsFormProps {
  readonly settings: {
    readonly collectionMode: string;
    readonly remindBeforeDays: readonly number[];
    readonly remindAfterDays: readonly number[];
    readonly defaultPlanId: string | null;
    readonly requireAcceptance: boolean;
    readonly linkEmailsBy: string;
    readonly alertEmails: readonly string[];
  };
  /** Staff's choice of number and date format ("" follows Shopify), and what following Shopify gives. */
  readonly locale: { readonly chosen: string | null; readonly fromShopify: string };
  /** The shop's currency, for the formats' examples. */
  readonly currency: string;
  readonly shopifyPlus: boolean;
  readonly detectedMode: keyof typeof MODE_LABELS;
  readonly plans: readonly { readonly id: string; readonly name: string }[];
  /** This form's last answer, if the last post was this form's. */
  readonly result: SettingsActionResult | null;
  readonly submitting: boolean;
}

/**
 * How the shop collects: the collection mode, who emails the stage links and when again, who gets the staff's daily
 * alert digest, the default plan.
 */
export function GeneralSettingsForm({ settings, locale, currency, shopifyPlus, detectedMode, plans, result, submitting }: GeneralSettingsFormProps) {
  const saved = {
    collectionMode: settings.collectionMode,
    linkEmailsBy: settings.linkEmailsBy,
    remindBeforeDays: settings.remindBeforeDays.join(", "),
    remindAfterDays: settings.remindAfterDays.join(", "),
    defaultPlanId: settings.defaultPlanId ?? "",
    requireAcceptance: settings.requireAcceptance,
    alertEmails: settings.alertEmails.join("\n"),
    adminLocale: locale.chosen ?? "",
  };
  const [values, setValues] = useState(saved);
  const form = useRef<HTMLFormElement>(null);
  const visibility = useFieldVisibility();
  const set =
    <K extends keyof typeof saved>(name: K) =>
    (value: (typeof saved)[K]) =>
      setValues((current) => ({ ...current, [name]: value }));
  const inputErrors = generalSettingsInputErrors(values);
  const errorOf = (name: keyof typeof saved) => {
    const message = visibility.shown(name, inputErrors[name]) ?? result?.fieldErrors[name];
    return message === undefined ? undefined : asSentence(message);
  };
  const idOf = (name: keyof typeof saved) => GENERAL_SETTINGS_FIELDS[name]!.fieldId;
  const dirty = (Object.keys(saved) as (keyof typeof saved)[]).some((name) => values[name] !== saved[name]);
  const discard = () => {
    setValues(saved);
    visibility.reset();
  };

  return (
    <Form method="post" ref={form} onSubmit={visibility.attempt}>
      <input type="hidden" name="intent" value="settings" />
      <input type="hidden" name="linkEmailsBy" value={values.linkEmailsBy} />
      <UnsavedChangesBar
        id="settings-save-bar"
        dirty={dirty}
        saving={submitting}
        onSave={() => form.current?.requestSubmit()}
        onDiscard={discard}
        message="Unsaved settings"
      />
      <Layout>
        {result ? (
          <Layout.Section>
            <Banner tone={result.ok ? "success" : "critical"}>
              <p>{result.message}</p>
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.AnnotatedSection
          id="collection"
          title="Collection"
          description={`This shop is ${shopifyPlus ? "on Shopify Plus" : "not on Shopify Plus"}: Tranche detected ${MODE_LABELS[detectedMode]}.`}
        >
          <Card>
            <FormLayout>
              <Select
                id={idOf("collectionMode")}
                label="Collection mode"
                name="collectionMode"
                value={values.collectionMode}
                onChange={set("collectionMode")}
                options={[
                  { label: `As detected (${MODE_NAMES[detectedMode]})`, value: "auto" },
                  { label: "Stage orders", value: "stageOrder" },
                  { label: shopifyPlus ? "Native" : "Native (needs Shopify Plus)", value: "native", disabled: !shopifyPlus },
                ]}
                helpText="Applies to plans attached from now on; contracts keep the mode they started with."
                error={errorOf("collectionMode")}
              />
              <Checkbox
                label="Ask buyers to accept the payment schedule at checkout"
                name="requireAcceptance"
                checked={values.requireAcceptance}
                onChange={set("requireAcceptance")}
                helpText="Where the checkout lets the Tranche block stop the buyer until they tick it."
              />
            </FormLayout>
          </Card>
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection
          id="buyer-emails"
          title="Emails to buyers"
          description="Who emails each stage's payment link, and when an unpaid stage's link is emailed again."
        >
          <Card>
            <FormLayout>
              <div id={idOf("linkEmailsBy")} tabIndex={-1}>
                <ChoiceList
                  title="Stage links are emailed by"
                  choices={LINK_EMAIL_CHOICES}
                  selected={[values.linkEmailsBy]}
                  onChange={(selected) => set("linkEmailsBy")(selected[0] ?? saved.linkEmailsBy)}
                  error={errorOf("linkEmailsBy")}
                />
              </div>
              <TextField
                id={idOf("remindBeforeDays")}
                label="Reminder days before the due date"
                name="remindBeforeDays"
                value={values.remindBeforeDays}
                onChange={set("remindBeforeDays")}
                onBlur={visibility.touch("remindBeforeDays")}
                autoComplete="off"
                helpText="Comma-separated, e.g. 3"
                error={errorOf("remindBeforeDays")}
              />
              <TextField
                id={idOf("remindAfterDays")}
                label="Reminder days after the due date"
                name="remindAfterDays"
                value={values.remindAfterDays}
                onChange={set("remindAfterDays")}
                onBlur={visibility.touch("remindAfterDays")}
                autoComplete="off"
                helpText="Comma-separated; 0 is the due date itself, e.g. 0, 7"
                error={errorOf("remindAfterDays")}
              />
            </FormLayout>
          </Card>
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection
          id="staff-alerts"
          title="Alerts for staff"
          description={`Declined cards, overdue stages, stopped work and emails that could not be sent are listed on the dashboard. A digest of them can also be emailed each morning (from ${DIGEST_HOUR}:00 in the shop's time zone), on days when there is something to do.`}
        >
          <Card>
            <TextField
              id={idOf("alertEmails")}
              label="Email the daily digest to"
              name="alertEmails"
              value={values.alertEmails}
              onChange={set("alertEmails")}
              onBlur={visibility.touch("alertEmails")}
              multiline={3}
              autoComplete="off"
              helpText="One address per line, or separated by commas. Leave empty for no digest."
              error={errorOf("alertEmails")}
            />
          </Card>
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection id="plans" title="Default plan" description="Offered first when a customer has no plan of their own yet.">
          <Card>
            <Select
              id={idOf("defaultPlanId")}
              label="Default plan"
              name="defaultPlanId"
              value={values.defaultPlanId}
              onChange={set("defaultPlanId")}
              options={[{ label: "None", value: "" }, ...plans.map((plan) => ({ label: plan.name, value: plan.id }))]}
              error={errorOf("defaultPlanId")}
            />
          </Card>
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection
          id="formats"
          title="Numbers and dates"
          description="How amounts and dates are written and read on these pages. Times are always the shop's time zone."
        >
          <Card>
            <Select
              id={idOf("adminLocale")}
              label="Numbers and dates"
              name="adminLocale"
              value={values.adminLocale}
              onChange={set("adminLocale")}
              options={[{ label: `As in Shopify (${locale.fromShopify})`, value: "" }, ...ADMIN_LOCALES.map((code) => ({ label: code, value: code }))]}
              helpText={`Written like this: ${localeExample(values.adminLocale || locale.fromShopify, currency)}. "As in Shopify" follows the shop's language and country there.`}
              error={errorOf("adminLocale")}
            />
          </Card>
        </Layout.AnnotatedSection>
        <Layout.Section>
          <BlockStack inlineAlign="end">
            <Button submit variant="primary" loading={submitting}>
              Save settings
            </Button>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Form>
  );
}
