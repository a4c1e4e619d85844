import { Form, useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Box, Button, Card, FormLayout, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";

import type { BuyerEmailKind } from "../../domain/documents/buyer-email";
import type { EmailPreviewResult } from "../../routes/app.settings.emails.preview";
import type { SettingsActionResult } from "../../services/settings/settings-result";
import { EMAIL_KIND_LABELS } from "../email-kind-labels";

/** Where the preview and the test send are posted (app/routes/app.settings.emails.preview.tsx). */
export const EMAIL_PREVIEW_ROUTE = "/app/settings/emails/preview";

export interface EmailTemplateValues {
  readonly kind: BuyerEmailKind;
  /** The shop's own text, "" where it uses the default. */
  readonly subject: string;
  readonly intro: string;
  readonly defaults: { readonly subject: string; readonly intro: string };
  readonly placeholders: readonly string[];
}

interface EmailTemplatesCardProps {
  readonly templates: readonly EmailTemplateValues[];
  /** The shop's recent contracts, newest first: the preview fills the email with one of them. */
  readonly contracts: readonly { readonly id: string; readonly label: string }[];
  /** Where "Send me a test" goes unless staff type another address. */
  readonly testRecipient: string;
  /** The template form's last answer, if the last post was this form's. */
  readonly result: SettingsActionResult | null;
  readonly submitting: boolean;
}

/** One email at a time: its subject and intro, saved, previewed with a contract's figures, or sent as a test. */
export function EmailTemplatesCard({ templates, contracts, testRecipient, result, submitting }: EmailTemplatesCardProps) {
  const [kind, setKind] = useState<BuyerEmailKind>(templates[0]?.kind ?? "stageInvoice");
  const template = templates.find((candidate) => candidate.kind === kind);
  return (
    <Card>
      <BlockStack gap="400">
        <Select
          label="Email"
          options={templates.map((candidate) => ({ label: EMAIL_KIND_LABELS[candidate.kind], value: candidate.kind }))}
          value={kind}
          onChange={(value) => setKind(value as BuyerEmailKind)}
        />
        {template ? (
          // A fresh editor per email: switching emails shows that email's saved text.
          <EmailTemplateEditor
            key={template.kind}
            template={template}
            contracts={contracts}
            testRecipient={testRecipient}
            result={result?.kind === template.kind ? result : null}
            submitting={submitting}
          />
        ) : null}
      </BlockStack>
    </Card>
  );
}

interface EmailTemplateEditorProps {
  readonly template: EmailTemplateValues;
  readonly contracts: EmailTemplatesCardProps["contracts"];
  readonly testRecipient: string;
  readonly result: SettingsActionResult | null;
  readonly submitting: boolean;
}

function EmailTemplateEditor({ template, contracts, testRecipient, result, submitting }: EmailTemplateEditorProps) {
  const [subject, setSubject] = useState(template.subject);
  const [intro, setIntro] = useState(template.intro);
  const [contractId, setContractId] = useState(contracts[0]?.id ?? "");
  const [to, setTo] = useState(testRecipient);
  const preview = useFetcher<EmailPreviewResult>();
  const testSend = useFetcher<EmailPreviewResult>();
  const label = EMAIL_KIND_LABELS[template.kind];
  // The latest answer about the text speaks for its fields: a save's, or a preview's that refused a placeholder.
  const errors = { ...result?.fieldErrors, ...preview.data?.fieldErrors, ...testSend.data?.fieldErrors };
  const post = (fetcher: typeof preview, intent: "preview" | "sendTest") =>
    fetcher.submit({ intent, kind: template.kind, subject, intro, contractId, to }, { method: "post", action: EMAIL_PREVIEW_ROUTE });

  return (
    <BlockStack gap="400">
      <Form method="post">
        <input type="hidden" name="intent" value="template" />
        <input type="hidden" name="kind" value={template.kind} />
        <FormLayout>
          {result ? (
            <Banner tone={result.ok ? "success" : "critical"}>
              <p>{result.message}</p>
            </Banner>
          ) : null}
          <TextField
            label={`Subject of the ${label.toLowerCase()} email`}
            name="subject"
            value={subject}
            onChange={setSubject}
            placeholder={template.defaults.subject}
            autoComplete="off"
            helpText={`Empty: the default shown${template.kind === "reminder" ? " (reminders on and after the due date have their own)" : ""}, in the buyer's language.`}
            error={errors.subject}
          />
          <TextField
            label={`Opening paragraph of the ${label.toLowerCase()} email`}
            name="intro"
            value={intro}
            onChange={setIntro}
            placeholder={template.defaults.intro}
            multiline={3}
            autoComplete="off"
            helpText="Empty: the default shown. Your own text goes to every buyer as written, whatever their language."
            error={errors.intro}
          />
          <Text as="p" tone="subdued">
            Placeholders this email fills: {template.placeholders.map((name) => `{${name}}`).join(" ")}
          </Text>
          <InlineStack align="end">
            <Button submit variant="primary" loading={submitting}>
              Save template
            </Button>
          </InlineStack>
        </FormLayout>
      </Form>
      <Box borderBlockStartWidth="025" borderColor="border" paddingBlockStart="400">
        {contracts.length === 0 ? (
          <Text as="p" tone="subdued">
            The preview shows the email with one of the shop&apos;s contracts: attach a plan to a draft order first.
          </Text>
        ) : (
          <FormLayout>
            <Select
              label="Preview with the contract"
              options={contracts.map((contract) => ({ label: contract.label, value: contract.id }))}
              value={contractId}
              onChange={setContractId}
              error={errors.contractId}
            />
            <InlineStack gap="300" blockAlign="end">
              <Button onClick={() => post(preview, "preview")} loading={preview.state !== "idle"}>
                Preview
              </Button>
              <Box minWidth="280px">
                <TextField
                  label="Send a test to"
                  type="email"
                  value={to}
                  onChange={setTo}
                  autoComplete="email"
                  helpText="The shop's email (Branding) or another address at its domain."
                  error={errors.to}
                />
              </Box>
              <Button onClick={() => post(testSend, "sendTest")} loading={testSend.state !== "idle"}>
                Send me a test
              </Button>
            </InlineStack>
            {testSend.data?.message ? (
              <Banner tone={testSend.data.ok ? "success" : "critical"}>
                <p>{testSend.data.message}</p>
              </Banner>
            ) : null}
            {preview.data && !preview.data.ok ? (
              <Banner tone="critical">
                <p>{preview.data.message}</p>
              </Banner>
            ) : null}
            {preview.data?.html ? <EmailPreviewFrame label={label} subject={preview.data.subject ?? ""} html={preview.data.html} /> : null}
          </FormLayout>
        )}
      </Box>
    </BlockStack>
  );
}

/** The rendered email, sandboxed: no scripts, no forms, no navigation of the admin from inside the email. */
function EmailPreviewFrame({ label, subject, html }: { readonly label: string; readonly subject: string; readonly html: string }) {
  return (
    <BlockStack gap="200">
      <Text as="p">
        <Text as="span" fontWeight="semibold">
          Subject:
        </Text>{" "}
        {subject}
      </Text>
      <iframe
        title={`Preview of the ${label.toLowerCase()} email`}
        sandbox=""
        srcDoc={html}
        style={{ width: "100%", height: 640, border: "1px solid var(--p-color-border)", borderRadius: "var(--p-border-radius-200)", background: "#ffffff" }}
      />
    </BlockStack>
  );
}
