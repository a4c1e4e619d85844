import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Banner, BlockStack, Box, Button, Card, ChoiceList, DataTable, InlineStack, Layout, Link, Page, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { z } from "zod";

import { BuyerEmailsCard } from "../components/contract/BuyerEmailsCard";
import { InvoicePdfButton } from "../components/contract/InvoicePdfButton";
import { formatMoney } from "../components/money-format";
import { ContractStatusBadge, StageStatusBadge } from "../components/StageStatusBadge";
import { refusalOf } from "../domain/contract/staff-stage-actions";
import { UNPAID_STAGE_STATUSES } from "../domain/contract/stage-status";
import type { Cancellation } from "../domain/contract/contract-state";
import { calendarDateAt, isBefore, parseCalendarDate } from "../domain/dates/calendar-date";
import { currencyFor } from "../domain/money/currency";
import { formatMinorUnits, toMinorUnits } from "../domain/money/minor-units";
import { describeStageTiming } from "../domain/schedule/stage-timing";
import { listAudit } from "../models/audit-log.server";
import { getContract } from "../models/contracts.server";
import { contractBalance } from "../models/ledger.server";
import { NotFoundError } from "../models/model-errors.server";
import { listContractEmails } from "../models/outgoing-emails.server";
import { getPlan } from "../models/plans.server";
import { refusalMessage } from "../services/action-errors";
import {
  ContractActionError,
  recordOfflinePayment,
  resendStageLink,
  retryFailedCharge,
  stageActionSubject,
} from "../services/collection/contract-actions.server";
import { cancelContract, markMilestone, type CancelSettlement } from "../services/collection/contract-events.server";
import { refundContract } from "../services/collection/contract-refunds.server";
import { sendEmailAgain } from "../services/buyer-email/send-email-again.server";
import type { ServiceDeps } from "../services/service-deps.server";
import { shopQuery } from "../shopify/operations/shop-query";
import { contractTimeline } from "../services/contract-timeline";
import { requireStaff } from "../staff-context.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Contract ${data?.contract.draftName ?? ""} · Tranche` }];

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop, deps } = await requireStaff(request);
  const contract = await getContract(deps.db, shop, params.id ?? "");
  if (!contract) throw new Response("This contract does not exist in this shop.", { status: 404 });
  const currency = currencyFor(contract.currency);
  const money = (minor: bigint) => formatMinorUnits(minor, currency);
  const [plan, balance, audit, partialPaymentsAllowed, emails] = await Promise.all([
    getPlan(deps.db, shop, contract.planId),
    contractBalance(deps.db, shop, contract.id),
    listAudit(deps.db, shop, { contractId: contract.id, limit: 500 }),
    shopTakesPartialPayments(deps, shop),
    listContractEmails(deps.db, shop, contract.id),
  ]);
  const received = balance?.receivedMinor ?? 0n;
  const refunded = balance?.refundedMinor ?? 0n;
  const today = calendarDateAt(deps.now(), contract.timeZone);
  const open = contract.status !== "cancelled" && contract.status !== "completed";
  const milestones = [
    ...new Set(
      contract.stages.flatMap((stage) => {
        const trigger = stage.dueRule.trigger?.trigger;
        return open && stage.dueDate === null && trigger?.event === "milestone" ? [trigger.milestone] : [];
      }),
    ),
  ];
  return json({
    contract: {
      id: contract.id,
      status: contract.status,
      mode: contract.mode,
      currency: contract.currency,
      total: money(contract.totalMinor),
      paid: money(received),
      refunded: refunded > 0n ? money(refunded) : null,
      held: money(received - refunded),
      heldMinor: (received - refunded).toString(),
      outstanding: money(balance?.outstandingMinor ?? contract.totalMinor),
      receivedOnCancelled: balance && balance.receivedOnCancelledMinor > 0n ? money(balance.receivedOnCancelledMinor) : null,
      settlement: contract.cancellation ? settlementText(contract.cancellation, money) : null,
      shopifyShows: mainOrderText(contract.mode, partialPaymentsAllowed),
      draftName: contract.sourceDraftName,
      customer: contract.customerName ?? contract.customerEmail,
      planName: plan?.name ?? null,
      createdAt: contract.createdAt.toISOString(),
    },
    stages: contract.stages.map((stage) => {
      const unpaid = open && UNPAID_STAGE_STATUSES.includes(stage.status);
      return {
        position: stage.position,
        title: stage.title,
        amount: money(stage.amountMinor),
        paid: money(stage.paidMinor),
        owed: money(stage.amountMinor - stage.paidMinor),
        // A fresh id per page load: the offline payment form sends it, so submitting it twice records the payment once.
        paymentKey: crypto.randomUUID(),
        refunded: stage.refundedMinor > 0n ? money(stage.refundedMinor) : null,
        status: stage.status,
        due: describeStageTiming({ atCheckout: stage.position === 1, dueDate: stage.dueDate, trigger: stage.dueRule.trigger }),
        overdueSince: unpaid && stage.dueDate !== null && isBefore(stage.dueDate, today) ? stage.dueDate : null,
        invoiceNumber: stage.invoiceNumber,
        invoicePdfUrl: stage.invoiceNumber ? `/app/contracts/${contract.id}/invoices/${stage.position}.pdf` : null,
        payUrl: unpaid ? stage.payUrl : null,
        problem: stage.parkedReason ?? stage.lastError,
        canRecordPayment: refusalOf("recordPayment", stageActionSubject(contract, stage)) === null,
        canResend: refusalOf("resendLink", stageActionSubject(contract, stage)) === null,
        canRetry: refusalOf("retryCharge", stageActionSubject(contract, stage)) === null,
      };
    }),
    milestones,
    open,
    today,
    timeline: contractTimeline(audit, (minor) => formatMoney(money(minor), contract.currency)).reverse(),
    emails: emails.map((email) => ({
      id: email.id,
      kind: email.kind,
      stagePosition: "stagePosition" in email.email ? email.email.stagePosition : null,
      subject: email.subject,
      recipient: email.recipient,
      status: email.status,
      attempts: email.attempts,
      lastError: email.lastError,
      queuedAt: email.createdAt.toISOString(),
      sentAt: email.sentAt?.toISOString() ?? null,
      nextAttemptAt: email.nextAttemptAt?.toISOString() ?? null,
    })),
  });
};

const stageAction = z.object({ position: z.coerce.number().int().positive() });
const actionInput = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("milestone"), milestone: z.string().trim().min(1, "choose the milestone that was reached") }),
  stageAction.extend({
    intent: z.literal("offlinePayment"),
    method: z.string().trim().min(1, "say how the buyer paid").max(100),
    reference: z.string().trim().max(100).optional(),
    paymentKey: z.string().uuid().optional(),
    receivedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "give the day the money arrived (YYYY-MM-DD)"),
    amount: z.string().trim().min(1, "give the amount received"),
  }),
  z.object({
    intent: z.literal("refund"),
    amount: z.string().trim().min(1, "give the amount to refund"),
    reason: z.string().trim().min(1, "say why (it goes on the refund in Shopify)").max(255),
  }),
  stageAction.extend({ intent: z.literal("resendLink") }),
  stageAction.extend({ intent: z.literal("retryCharge") }),
  z.object({ intent: z.literal("sendEmailAgain"), emailId: z.string().min(1, "choose the email to send again") }),
  z.object({
    intent: z.literal("cancel"),
    reason: z.string().trim().max(500).optional(),
    settlement: z.enum(["refundAll", "refundPart", "keepAsCredit", "close"], { message: "choose what happens to the money paid" }),
    refundAmount: z.string().trim().optional(),
  }),
]);

const DONE: Readonly<Record<z.infer<typeof actionInput>["intent"], string>> = {
  milestone: "Milestone marked; the stages waiting for it are dated and invoiced.",
  offlinePayment: "Offline payment recorded; Shopify's order is brought in line in a moment.",
  refund: "Refund sent to Shopify; it shows on the stages once Shopify confirms it.",
  resendLink: "The payment link was emailed again.",
  retryCharge: "The saved card will be charged again in a moment.",
  sendEmailAgain: "The email is queued again and goes out in a moment.",
  cancel: "Contract cancelled: nothing more is charged or invoiced, and the money is settled as chosen in a moment.",
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop, deps, actor } = await requireStaff(request);
  const contractId = params.id ?? "";
  try {
    const contract = await getContract(deps.db, shop, contractId);
    if (!contract) throw new NotFoundError("contract", contractId);
    const minor = (amount: string, key: string) => toMinorUnits(amount, currencyFor(contract.currency), key);
    const input = actionInput.parse(Object.fromEntries(await request.formData()));
    switch (input.intent) {
      case "milestone":
        await markMilestone(deps, shop, { contractId, milestone: input.milestone, actor });
        break;
      case "offlinePayment":
        await recordOfflinePayment(deps, shop, {
          contractId,
          position: input.position,
          method: input.method,
          ...(input.reference ? { reference: input.reference } : {}),
          receivedOn: parseCalendarDate(input.receivedOn, "receivedOn"),
          amount: minor(input.amount, "amount"),
          ...(input.paymentKey ? { key: input.paymentKey } : {}),
          actor,
        });
        break;
      case "refund":
        await refundContract(deps, shop, { contractId, amount: minor(input.amount, "amount"), reason: input.reason, actor });
        break;
      case "resendLink":
        await resendStageLink(deps, shop, { contractId, position: input.position, actor });
        break;
      case "retryCharge":
        await retryFailedCharge(deps, shop, { contractId, position: input.position, actor });
        break;
      case "sendEmailAgain":
        await sendEmailAgain(deps, shop, { contractId, emailId: input.emailId, actor });
        break;
      case "cancel":
        await cancelContract(deps, shop, {
          contractId,
          ...(input.reason ? { reason: input.reason } : {}),
          settlement: cancelSettlement(input.settlement, input.refundAmount, (amount) => minor(amount, "refundAmount")),
          actor,
        });
        break;
    }
    return json({ ok: true as const, message: DONE[input.intent] });
  } catch (error) {
    return json({ ok: false as const, message: refusalMessage(error) }, { status: 422 });
  }
};

function cancelSettlement(
  choice: "refundAll" | "refundPart" | "keepAsCredit" | "close",
  amount: string | undefined,
  minor: (amount: string) => bigint,
): CancelSettlement {
  switch (choice) {
    case "refundAll":
      return { settlement: "refund", amount: "all" };
    case "refundPart":
      if (!amount) throw new ContractActionError("give the amount to refund");
      return { settlement: "refund", amount: minor(amount) };
    case "keepAsCredit":
    case "close":
      return { settlement: choice };
  }
}

/** What was chosen for a cancelled contract's money, in words. */
function settlementText(cancellation: Cancellation, money: (minor: bigint) => string): string {
  switch (cancellation.settlement) {
    case "refund":
      return cancellation.amount === "all" ? "Everything paid is refunded." : `${money(cancellation.amount)} is refunded; the rest is kept.`;
    case "keepAsCredit":
      return "The money paid is kept as the customer's credit; the order is cancelled without a refund.";
    case "close":
      return "The money paid is kept as earned; the order is closed as it stands.";
  }
}

/** Whether the shop is on Shopify Plus (manual payments of part of a balance); null when Shopify did not answer. */
async function shopTakesPartialPayments(deps: ServiceDeps, shop: string): Promise<boolean | null> {
  try {
    const { shop: info } = await (await deps.adminFor(shop)).request(shopQuery);
    return info.plan.shopifyPlus;
  } catch {
    return null;
  }
}

/** Exactly what staff see on the Shopify order, so the two pages never seem to disagree (README: "The main order on every plan"). */
function mainOrderText(mode: string, partialPaymentsAllowed: boolean | null): string {
  if (mode === "native")
    return "Collected on the order itself: Shopify shows each payment on the order and its balance as it goes (Shopify Plus deposit and payment terms).";
  if (partialPaymentsAllowed === true) {
    return "Each stage is paid through its own order; as each is paid Tranche records it on the main order, whose balance Shopify shows going down stage by stage.";
  }
  return (
    "Each stage is paid through its own order. On this Shopify plan a payment recorded on an order must settle its whole balance, so Shopify shows the main " +
    "order as payment pending for its full total (with the next stage's due date) until the last stage is paid, then paid in one step; this page and the " +
    "stage orders show each payment as it arrives."
  );
}

export default function ContractPage() {
  const { contract, stages, milestones, open, today, timeline, emails } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const money = (amount: string) => formatMoney(amount, contract.currency);
  const [searchParams] = useSearchParams();
  const scheduleEditable = contract.status === "active" || contract.status === "awaitingDeposit";

  return (
    <Page
      title={`Contract for ${contract.draftName ?? "a draft order"}`}
      titleMetadata={<ContractStatusBadge status={contract.status} />}
      subtitle={[contract.customer, contract.planName].filter(Boolean).join(" · ")}
      backAction={{ content: "Contracts", url: "/app/contracts" }}
    >
      <Layout>
        {result ? (
          <Layout.Section>
            <Banner tone={result.ok ? "success" : "critical"} title={result.ok ? "Done" : "Not done"}>
              <p>{result.message}</p>
            </Banner>
          </Layout.Section>
        ) : searchParams.has("scheduleRevised") ? (
          <Layout.Section>
            <Banner tone="success" title="Schedule saved">
              <p>The changed stages are invoiced as they fall due, and the buyer is told of the new schedule.</p>
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <InlineStack gap="800">
                <Figure label="Total" value={money(contract.total)} />
                <Figure label="Paid" value={money(contract.paid)} />
                {contract.refunded ? <Figure label="Refunded" value={money(contract.refunded)} /> : null}
                <Figure label="Outstanding" value={money(contract.outstanding)} />
              </InlineStack>
              {contract.settlement ? (
                <Banner tone="info" title="Cancelled">
                  <p>
                    {contract.settlement} Paid and not refunded: {money(contract.held)}.
                  </p>
                </Banner>
              ) : null}
              {contract.receivedOnCancelled ? (
                <Text as="p" tone="caution">
                  {money(contract.receivedOnCancelled)} arrived on cancelled stages.
                </Text>
              ) : null}
              <Text as="p" tone="subdued">
                {contract.shopifyShows}
              </Text>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card padding="0">
            <Box padding="400">
              <InlineStack align="space-between" blockAlign="center">
                <Text as="h2" variant="headingMd">
                  Schedule
                </Text>
                {scheduleEditable ? <Button url={`/app/contracts/${contract.id}/schedule`}>Edit schedule</Button> : null}
              </InlineStack>
            </Box>
            <DataTable
              columnContentTypes={["numeric", "text", "numeric", "text", "text", "text"]}
              headings={["#", "Stage", "Amount", "Due", "Status", "Actions"]}
              rows={stages.map((stage) => [
                stage.position,
                <BlockStack key="title" gap="100">
                  <Text as="span">{stage.title}</Text>
                  {stage.invoiceNumber ? (
                    <Text as="span" tone="subdued">
                      {stage.invoiceNumber}
                    </Text>
                  ) : null}
                  {stage.invoiceNumber && stage.invoicePdfUrl ? <InvoicePdfButton url={stage.invoicePdfUrl} invoiceNumber={stage.invoiceNumber} /> : null}
                </BlockStack>,
                <BlockStack key="amount" gap="100">
                  <Text as="span">{money(stage.amount)}</Text>
                  {stage.refunded ? (
                    <Text as="span" tone="subdued">
                      {money(stage.refunded)} refunded
                    </Text>
                  ) : null}
                </BlockStack>,
                <BlockStack key="due" gap="100">
                  <Text as="span">{stage.due}</Text>
                  {stage.overdueSince ? (
                    <Text as="span" tone="critical">
                      overdue since {stage.overdueSince}
                    </Text>
                  ) : null}
                  {stage.problem ? (
                    <Text as="span" tone="critical">
                      {stage.problem}
                    </Text>
                  ) : null}
                </BlockStack>,
                <span key="status" data-stage-status={stage.status} aria-label={`Stage ${stage.position} status`}>
                  <StageStatusBadge status={stage.status} partlyRefunded={stage.refunded !== null} />
                </span>,
                <StageActions key="actions" stage={stage} today={today} busy={busy} />,
              ])}
            />
          </Card>
        </Layout.Section>
        {open ? (
          <Layout.Section variant="oneThird">
            <BlockStack gap="400">
              {milestones.length > 0 ? <MilestoneCard milestones={milestones} busy={busy} /> : null}
              {contract.heldMinor !== "0" ? <RefundCard held={money(contract.held)} busy={busy} /> : null}
              <CancelCard held={contract.heldMinor === "0" ? null : money(contract.held)} busy={busy} />
            </BlockStack>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <BuyerEmailsCard emails={emails} busy={busy} />
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Timeline
              </Text>
              {timeline.length === 0 ? (
                <Text as="p" tone="subdued">
                  Nothing has happened yet.
                </Text>
              ) : (
                <ol aria-label="Timeline" style={{ margin: 0, paddingInlineStart: "1.25rem" }}>
                  {timeline.map((entry) => (
                    <li key={entry.id}>
                      <Text as="span">
                        {entry.text}
                        <Text as="span" tone="subdued">
                          {" "}
                          · {entry.by}, {entry.at.slice(0, 16).replace("T", " ")} UTC
                        </Text>
                      </Text>
                    </li>
                  ))}
                </ol>
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function Figure({ label, value }: { readonly label: string; readonly value: string }) {
  return (
    <BlockStack gap="100">
      <Text as="p" tone="subdued">
        {label}
      </Text>
      <Text as="p" variant="headingLg">
        {value}
      </Text>
    </BlockStack>
  );
}

interface StageActionsProps {
  readonly stage: {
    position: number;
    owed: string;
    paymentKey: string;
    payUrl: string | null;
    canRecordPayment: boolean;
    canResend: boolean;
    canRetry: boolean;
  };
  readonly today: string;
  readonly busy: boolean;
}

function StageActions({ stage, today, busy }: StageActionsProps) {
  return (
    <BlockStack gap="200">
      {stage.payUrl ? (
        <Link url={stage.payUrl} target="_blank" accessibilityLabel={`Payment page of stage ${stage.position}`}>
          Payment page
        </Link>
      ) : null}
      {stage.canResend ? (
        <StageIntentButton
          intent="resendLink"
          position={stage.position}
          busy={busy}
          label="Resend link"
          accessibilityLabel={`Resend link of stage ${stage.position}`}
        />
      ) : null}
      {stage.canRetry ? (
        <StageIntentButton
          intent="retryCharge"
          position={stage.position}
          busy={busy}
          label="Retry charge"
          accessibilityLabel={`Retry charge of stage ${stage.position}`}
        />
      ) : null}
      {stage.canRecordPayment ? (
        <OfflinePaymentForm position={stage.position} owed={stage.owed} paymentKey={stage.paymentKey} today={today} busy={busy} />
      ) : null}
    </BlockStack>
  );
}

/** Money the buyer paid outside Shopify: how, their reference, the day it arrived and how much (part of the stage allowed). */
function OfflinePaymentForm({
  position,
  owed,
  paymentKey,
  today,
  busy,
}: {
  readonly position: number;
  readonly owed: string;
  readonly paymentKey: string;
  readonly today: string;
  readonly busy: boolean;
}) {
  const [method, setMethod] = useState("Wire transfer");
  const [reference, setReference] = useState("");
  const [receivedOn, setReceivedOn] = useState(today);
  const [amount, setAmount] = useState(owed);
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="offlinePayment" />
      <input type="hidden" name="paymentKey" value={paymentKey} />
      <input type="hidden" name="position" value={position} />
      <input type="hidden" name="method" value={method} />
      <BlockStack gap="100">
        <Select
          label={`How stage ${position} was paid`}
          labelHidden
          options={["Wire transfer", "Bank Deposit", "Cheque", "Cash"]}
          value={method}
          onChange={setMethod}
        />
        <TextField label={`Amount received for stage ${position}`} labelHidden name="amount" value={amount} onChange={setAmount} autoComplete="off" />
        <TextField
          label={`Day stage ${position}'s payment arrived`}
          labelHidden
          type="date"
          name="receivedOn"
          value={receivedOn}
          onChange={setReceivedOn}
          autoComplete="off"
        />
        <TextField
          label={`Reference of stage ${position}'s payment`}
          labelHidden
          placeholder="Reference (optional)"
          name="reference"
          value={reference}
          onChange={setReference}
          autoComplete="off"
        />
        <Button submit disabled={busy} size="slim" accessibilityLabel={`Record payment of stage ${position}`}>
          Record payment
        </Button>
      </BlockStack>
    </Form>
  );
}

interface StageIntentButtonProps {
  readonly intent: "resendLink" | "retryCharge";
  readonly position: number;
  readonly busy: boolean;
  readonly label: string;
  readonly accessibilityLabel: string;
}

function StageIntentButton({ intent, position, busy, label, accessibilityLabel }: StageIntentButtonProps) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="position" value={position} />
      <Button submit disabled={busy} size="slim" accessibilityLabel={accessibilityLabel}>
        {label}
      </Button>
    </Form>
  );
}

function MilestoneCard({ milestones, busy }: { readonly milestones: readonly string[]; readonly busy: boolean }) {
  const [milestone, setMilestone] = useState(milestones[0] ?? "");
  return (
    <Card>
      <Form method="post">
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Milestone
          </Text>
          <input type="hidden" name="intent" value="milestone" />
          <input type="hidden" name="milestone" value={milestone} />
          <Select label="Milestone reached" options={milestones.map((name) => ({ label: name, value: name }))} value={milestone} onChange={setMilestone} />
          <Button submit disabled={busy}>
            Mark milestone reached
          </Button>
        </BlockStack>
      </Form>
    </Card>
  );
}

function RefundCard({ held, busy }: { readonly held: string; readonly busy: boolean }) {
  const [amount, setAmount] = useState("");
  const [reason, setReason] = useState("");
  return (
    <Card>
      <Form method="post">
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Refund
          </Text>
          <Text as="p" tone="subdued">
            Up to {held} can be refunded, from the latest stages first, through the payments that paid them.
          </Text>
          <input type="hidden" name="intent" value="refund" />
          <TextField label="Amount to refund" name="amount" value={amount} onChange={setAmount} autoComplete="off" />
          <TextField label="Why" name="reason" value={reason} onChange={setReason} autoComplete="off" />
          <Button submit disabled={busy}>
            Refund
          </Button>
        </BlockStack>
      </Form>
    </Card>
  );
}

/** Cancelling asks what happens to the money paid: refund all or part, keep as credit, or keep it and close the order. */
function CancelCard({ held, busy }: { readonly held: string | null; readonly busy: boolean }) {
  const [reason, setReason] = useState("");
  const [settlement, setSettlement] = useState<string[]>([held ? "refundAll" : "close"]);
  const [refundAmount, setRefundAmount] = useState("");
  const choices = held
    ? [
        { label: `Refund everything paid (${held})`, value: "refundAll" },
        { label: "Refund part of it", value: "refundPart" },
        { label: "Keep it as the customer's credit (the order is cancelled without a refund)", value: "keepAsCredit" },
        { label: "Keep it and close the order as it stands", value: "close" },
      ]
    : [
        { label: "Cancel the order in Shopify", value: "keepAsCredit" },
        { label: "Close the order as it stands", value: "close" },
      ];
  return (
    <Card>
      <Form
        method="post"
        onSubmit={(event) => (window.confirm("Cancel this contract? Nothing more will be charged or invoiced.") ? undefined : event.preventDefault())}
      >
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Cancel
          </Text>
          <Text as="p" tone="subdued">
            {held ? `${held} has been paid. What happens to it?` : "Nothing has been paid."}
          </Text>
          <input type="hidden" name="intent" value="cancel" />
          <input type="hidden" name="settlement" value={settlement[0]} />
          <ChoiceList title="The money paid" titleHidden choices={choices} selected={settlement} onChange={setSettlement} />
          {settlement[0] === "refundPart" ? (
            <TextField label="Amount to refund" name="refundAmount" value={refundAmount} onChange={setRefundAmount} autoComplete="off" />
          ) : null}
          <TextField label="Reason (for the timeline)" name="reason" value={reason} onChange={setReason} autoComplete="off" />
          <Button submit tone="critical" disabled={busy}>
            Cancel contract
          </Button>
        </BlockStack>
      </Form>
    </Card>
  );
}
