import { useFetcher } from "@remix-run/react";
import { Badge, BlockStack, Box, Button, Card, InlineStack, Text } from "@shopify/polaris";

import type { BuyerEmailKind } from "../../domain/documents/buyer-email";
import { emailProblemWords } from "../../locale/email-problem-words";
import type { OutgoingEmailStatus } from "../../models/outgoing-emails.server";
import { EMAIL_KIND_LABELS } from "../email-kind-labels";
import { useShopFormat } from "../shop-format-context";

/** One email to the contract's buyer as its page lists it. */
export interface BuyerEmailRow {
  readonly id: string;
  readonly kind: BuyerEmailKind;
  /** The stage it is about; null for a contract-wide email. */
  readonly stagePosition: number | null;
  /** Null until the first attempt renders it. */
  readonly subject: string | null;
  readonly recipient: string | null;
  readonly status: OutgoingEmailStatus;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly queuedAt: string;
  readonly sentAt: string | null;
  readonly nextAttemptAt: string | null;
}

type Tone = "success" | "info" | "attention" | "critical" | undefined;

const STATUS_BADGES: Readonly<Record<OutgoingEmailStatus, { readonly label: string; readonly tone: Tone }>> = {
  pending: { label: "Queued", tone: undefined },
  sending: { label: "Sending", tone: "info" },
  sent: { label: "Sent", tone: "success" },
  failed: { label: "Failed", tone: "critical" },
  skipped: { label: "Skipped", tone: "attention" },
};

/** Every email the buyer was sent or is about to be, newest first; a failed or skipped one can be sent again. */
interface BuyerEmailsCardProps {
  readonly emails: readonly BuyerEmailRow[];
  readonly busy: boolean;
  /** The fetcher "Send again" submits through, whose answer the page shows. */
  readonly fetcherKey: string;
}

export function BuyerEmailsCard({ emails, busy, fetcherKey }: BuyerEmailsCardProps) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Emails to the buyer
        </Text>
        {emails.length === 0 ? (
          <Text as="p" tone="subdued">
            No email from Tranche yet.
          </Text>
        ) : (
          <ul aria-label="Emails to the buyer" style={{ margin: 0, padding: 0, listStyle: "none", display: "grid", gap: "var(--p-space-300)" }}>
            {emails.map((email) => (
              <li key={email.id}>
                <BuyerEmailItem email={email} busy={busy} fetcherKey={fetcherKey} />
              </li>
            ))}
          </ul>
        )}
      </BlockStack>
    </Card>
  );
}

function BuyerEmailItem({ email, busy, fetcherKey }: { readonly email: BuyerEmailRow; readonly busy: boolean; readonly fetcherKey: string }) {
  const { dateTime } = useShopFormat();
  const fetcher = useFetcher({ key: fetcherKey });
  const badge = STATUS_BADGES[email.status];
  const about = email.stagePosition === null ? "" : ` · stage ${email.stagePosition}`;
  return (
    <Box borderBlockEndWidth="025" borderColor="border-secondary" paddingBlockEnd="300">
      <InlineStack align="space-between" blockAlign="start" gap="300">
        <BlockStack gap="100">
          {/* align is set: an InlineStack inherits its parent InlineStack's alignment otherwise (a CSS custom property). */}
          <InlineStack gap="200" blockAlign="center" align="start">
            <Badge tone={badge.tone}>{badge.label}</Badge>
            <Text as="span" fontWeight="semibold">
              {EMAIL_KIND_LABELS[email.kind]}
              {about}
            </Text>
          </InlineStack>
          <Text as="p">{email.subject ?? "Its subject is written when it is first sent."}</Text>
          <Text as="p" tone={email.status === "failed" || email.status === "skipped" ? "critical" : "subdued"}>
            {statusText(email, dateTime)}
          </Text>
        </BlockStack>
        {email.status === "failed" || email.status === "skipped" ? (
          <fetcher.Form method="post">
            <input type="hidden" name="intent" value="sendEmailAgain" />
            <input type="hidden" name="emailId" value={email.id} />
            <Button submit size="slim" disabled={busy} accessibilityLabel={`Send the ${EMAIL_KIND_LABELS[email.kind].toLowerCase()} email again`}>
              Send again
            </Button>
          </fetcher.Form>
        ) : null}
      </InlineStack>
    </Box>
  );
}

/**
 * What became of the email, in a line: when it went (on the shop's clock) and to whom, or why not in words (never the
 * mail server's own text), and after how many attempts.
 */
function statusText(email: BuyerEmailRow, at: (instant: string) => string): string {
  const attempts = `${email.attempts} attempt${email.attempts === 1 ? "" : "s"}`;
  switch (email.status) {
    case "pending":
      return email.lastError
        ? `Queued ${at(email.queuedAt)}; ${attempts} so far, the last failed because ${emailProblemWords(email.lastError)}; next try ${email.nextAttemptAt ? at(email.nextAttemptAt) : "soon"}.`
        : `Queued ${at(email.queuedAt)}.`;
    case "sending":
      return `Sending (attempt ${email.attempts}).`;
    case "sent":
      return `${["Sent", email.sentAt ? at(email.sentAt) : null, email.recipient ? `to ${email.recipient}` : null].filter(Boolean).join(" ")}, after ${attempts}.`;
    case "failed":
      return `Failed after ${attempts}: ${email.lastError ? emailProblemWords(email.lastError) : "the mail server refused it"}.`;
    case "skipped":
      return `Skipped: ${email.lastError ? emailProblemWords(email.lastError) : "there was nothing to send it to"}.`;
  }
}
