import { Form, useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Box, Button, Card, FormLayout, InlineStack, Modal, Select, Text, TextField } from "@shopify/polaris";
import { useEffect, useRef, useState } from "react";

import type { BuyerEmailKind } from "../../domain/documents/buyer-email";
import type { EmailPreviewResult } from "../../routes/app.settings.emails.preview";
import type { SettingsActionResult } from "../../services/settings/settings-result";
import { EMAIL_KIND_LABELS } from "../email-kind-labels";
import { asSentence, type FieldTargets } from "../forms/field-problems";
import { UnsavedChangesBar } from "../forms/UnsavedChangesBar";

/** Where the preview and the test send are posted (app/routes/app.settings.emails.preview.tsx). */
export const EMAIL_PREVIEW_ROUTE = "/app/settings/emails/preview";

/** The template form's fields by the name they post under: their input's id and their label. */
export const TEMPLATE_FIELDS: FieldTargets = {
  subject: { fieldId: "template-subject", label: "Subject" },
  intro: { fieldId: "template-intro", label: "Opening paragraph" },
  contractId: { fieldId: "template-preview-contract", label: "Preview with the contract" },
  to: { fieldId: "template-test-to", label: "Send a test to" },
};

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

/**
 * One email at a time: its subject and intro, saved, previewed with a contract's figures, or sent as a test. Switching
 * to another email with unsaved text asks first.
 */
export function EmailTemplatesCard({ templates, contracts, testRecipient, result, submitting }: EmailTemplatesCardProps) {
  const [kind, setKind] = useState<BuyerEmailKind>(templates[0]?.kind ?? "stageInvoice");
  const [dirty, setDirty] = useState(false);
  const [switchingTo, setSwitchingTo] = useState<BuyerEmailKind | null>(null);
  const template = templates.find((candidate) => candidate.kind === kind);
  const label = EMAIL_KIND_LABELS[kind].toLowerCase();
  const show = (next: BuyerEmailKind) => {
    setKind(next);
    setDirty(false);
    setSwitchingTo(null);
  };
  return (
    <Card>
      <BlockStack gap="400">
        <Select
          label="Email"
          options={templates.map((candidate) => ({ label: EMAIL_KIND_LABELS[candidate.kind], value: candidate.kind }))}
          value={kind}
          onChange={(value) => (dirty ? setSwitchingTo(value as BuyerEmailKind) : show(value as BuyerEmailKind))}
        />
        {template ? (
          // A fresh editor per email, and per saved text: switching emails or saving shows the email's saved text.
          <EmailTemplateEditor
            key={`${template.kind}:${template.subject}:${template.intro}`}
            template={template}
            contracts={contracts}
            testRecipient={testRecipient}
            result={result?.kind === template.kind ? result : null}
            submitting={submitting}
            onDirtyChange={setDirty}
          />
        ) : null}
      </BlockStack>
      <Modal
        open={switchingTo !== null}
        onClose={() => setSwitchingTo(null)}
        title={`Discard the changes to the ${label} email?`}
        primaryAction={{ content: "Discard changes", destructive: true, onAction: () => switchingTo && show(switchingTo) }}
        secondaryActions={[{ content: "Keep editing", onAction: () => setSwitchingTo(null) }]}
      >
        <Modal.Section>
          <Text as="p">The subject and opening paragraph you changed are not saved. Save them first to keep them.</Text>
        </Modal.Section>
      </Modal>
    </Card>
  );
}

interface EmailTemplateEditorProps {
  readonly template: EmailTemplateValues;
  readonly contracts: EmailTemplatesCardProps["contracts"];
  readonly testRecipient: string;
  readonly result: SettingsActionResult | null;
  readonly submitting: boolean;
  readonly onDirtyChange: (dirty: boolean) => void;
}

function EmailTemplateEditor({ template, contracts, testRecipient, result, submitting, onDirtyChange }: EmailTemplateEditorProps) {
  const [subject, setSubject] = useState(template.subject);
  const [intro, setIntro] = useState(template.intro);
  const form = useRef<HTMLFormElement>(null);
  const dirty = subject !== template.subject || intro !== template.intro;
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);
  const [contractId, setContractId] = useState(contracts[0]?.id ?? "");
  const [to, setTo] = useState(testRecipient);
  const preview = useFetcher<EmailPreviewResult>();
  const testSend = useFetcher<EmailPreviewResult>();
  const label = EMAIL_KIND_LABELS[template.kind];
  // The latest answer about the text speaks for its fields: a save's, or a preview's that refused a placeholder.
  const answered: Readonly<Record<string, string>> = { ...result?.fieldErrors, ...preview.data?.fieldErrors, ...testSend.data?.fieldErrors };
  const errors = Object.fromEntries(Object.entries(answered).map(([field, message]) => [field, asSentence(message)]));
  const id = (field: string) => TEMPLATE_FIELDS[field]?.fieldId;
  const post = (fetcher: typeof preview, intent: "preview" | "sendTest") =>
    fetcher.submit({ intent, kind: template.kind, subject, intro, contractId, to }, { method: "post", action: EMAIL_PREVIEW_ROUTE });

  return (
    <BlockStack gap="400">
      <Form method="post" ref={form}>
        <input type="hidden" name="intent" value="template" />
        <input type="hidden" name="kind" value={template.kind} />
        <FormLayout>
          <UnsavedChangesBar
            id="email-template-save-bar"
            dirty={dirty}
            saving={submitting}
            onSave={() => form.current?.requestSubmit()}
            onDiscard={() => {
              setSubject(template.subject);
              setIntro(template.intro);
            }}
            message={`Unsaved changes to the ${label.toLowerCase()} email`}
          />
          {result ? (
            <Banner tone={result.ok ? "success" : "critical"}>
              <p>{result.message}</p>
            </Banner>
          ) : null}
          <TextField
            id={id("subject")}
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
            id={id("intro")}
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
              id={id("contractId")}
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
                  id={id("to")}
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
