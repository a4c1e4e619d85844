import { Form } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Checkbox, ChoiceList, FormLayout, Layout, Select, TextField } from "@shopify/polaris";
import { useState } from "react";

import type { SettingsActionResult } from "../../services/settings/settings-result";

const MODE_LABELS = { native: "native (the order's own deposit and payment terms)", stageOrder: "stage orders (a draft order per stage)" } as const;

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
  };
  readonly shopifyPlus: boolean;
  readonly detectedMode: keyof typeof MODE_LABELS;
  readonly plans: readonly { readonly id: string; readonly name: string }[];
  /** This form's last answer, if the last post was this form's. */
  readonly result: SettingsActionResult | null;
  readonly submitting: boolean;
}

/** How the shop collects: the collection mode, who emails the stage links and when again, the default plan. */
export function GeneralSettingsForm({ settings, shopifyPlus, detectedMode, plans, result, submitting }: GeneralSettingsFormProps) {
  const [mode, setMode] = useState(settings.collectionMode);
  const [linkEmailsBy, setLinkEmailsBy] = useState([settings.linkEmailsBy]);
  const [before, setBefore] = useState(settings.remindBeforeDays.join(", "));
  const [after, setAfter] = useState(settings.remindAfterDays.join(", "));
  const [defaultPlanId, setDefaultPlanId] = useState(settings.defaultPlanId ?? "");
  const [acceptance, setAcceptance] = useState(settings.requireAcceptance);
  const errors = result?.fieldErrors ?? {};

  return (
    <Form method="post">
      <input type="hidden" name="intent" value="settings" />
      <input type="hidden" name="linkEmailsBy" value={linkEmailsBy[0]} />
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
                label="Collection mode"
                name="collectionMode"
                value={mode}
                onChange={setMode}
                options={[
                  { label: `Detected: ${MODE_LABELS[detectedMode]}`, value: "auto" },
                  { label: "Stage orders", value: "stageOrder" },
                  { label: shopifyPlus ? "Native" : "Native (needs Shopify Plus)", value: "native", disabled: !shopifyPlus },
                ]}
                helpText="Applies to plans attached from now on; contracts keep the mode they started with."
                error={errors.collectionMode}
              />
              <Checkbox
                label="Ask buyers to accept the payment schedule at checkout"
                name="requireAcceptance"
                checked={acceptance}
                onChange={setAcceptance}
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
              <ChoiceList
                title="Stage links are emailed by"
                choices={LINK_EMAIL_CHOICES}
                selected={linkEmailsBy}
                onChange={setLinkEmailsBy}
                error={errors.linkEmailsBy}
              />
              <TextField
                label="Reminder days before the due date"
                name="remindBeforeDays"
                value={before}
                onChange={setBefore}
                autoComplete="off"
                helpText="Comma-separated, e.g. 3"
                error={errors.remindBeforeDays}
              />
              <TextField
                label="Reminder days after the due date"
                name="remindAfterDays"
                value={after}
                onChange={setAfter}
                autoComplete="off"
                helpText="Comma-separated; 0 is the due date itself, e.g. 0, 7"
                error={errors.remindAfterDays}
              />
            </FormLayout>
          </Card>
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection id="plans" title="Default plan" description="Offered first when a customer has no plan of their own yet.">
          <Card>
            <Select
              label="Default plan"
              name="defaultPlanId"
              value={defaultPlanId}
              onChange={setDefaultPlanId}
              options={[{ label: "None", value: "" }, ...plans.map((plan) => ({ label: plan.name, value: plan.id }))]}
              error={errors.defaultPlanId}
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
