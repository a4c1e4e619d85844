import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Box, Button, Card, DataTable, InlineStack, Layout, Link, Page, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { z } from "zod";

import { formatMoney } from "../components/money-format";
import { ContractStatusBadge, StageStatusBadge } from "../components/StageStatusBadge";
import { refusalOf } from "../domain/contract/staff-stage-actions";
import { UNPAID_STAGE_STATUSES } from "../domain/contract/stage-status";
import { calendarDateAt, isBefore } from "../domain/dates/calendar-date";
import { currencyFor } from "../domain/money/currency";
import { formatMinorUnits } from "../domain/money/minor-units";
import { describeStageTiming } from "../domain/schedule/stage-timing";
import { listAudit } from "../models/audit-log.server";
import { getContract } from "../models/contracts.server";
import { contractBalance } from "../models/ledger.server";
import { getPlan } from "../models/plans.server";
import { refusalMessage } from "../services/action-errors";
import { recordOfflinePayment, resendStageLink, retryFailedCharge, stageActionSubject } from "../services/collection/contract-actions.server";
import { cancelContract, markMilestone } from "../services/collection/contract-events.server";
import { contractTimeline } from "../services/contract-timeline";
import { requireStaff } from "../staff-context.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Contract ${data?.contract.draftName ?? ""} · Tranche` }];

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop, deps } = await requireStaff(request);
  const contract = await getContract(deps.db, shop, params.id ?? "");
  if (!contract) throw new Response("This contract does not exist in this shop.", { status: 404 });
  const currency = currencyFor(contract.currency);
  const money = (minor: bigint) => formatMinorUnits(minor, currency);
  const [plan, balance, audit] = await Promise.all([
    getPlan(deps.db, shop, contract.planId),
    contractBalance(deps.db, shop, contract.id),
    listAudit(deps.db, shop, { contractId: contract.id, limit: 500 }),
  ]);
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
      paid: money(balance?.netMinor ?? 0n),
      outstanding: money(balance?.outstandingMinor ?? contract.totalMinor),
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
        status: stage.status,
        due: describeStageTiming({ atCheckout: stage.position === 1, dueDate: stage.dueDate, trigger: stage.dueRule.trigger }),
        overdueSince: unpaid && stage.dueDate !== null && isBefore(stage.dueDate, today) ? stage.dueDate : null,
        invoiceNumber: stage.invoiceNumber,
        payUrl: unpaid ? stage.payUrl : null,
        problem: stage.parkedReason ?? stage.lastError,
        canRecordPayment: refusalOf("recordPayment", stageActionSubject(contract, stage)) === null,
        canResend: refusalOf("resendLink", stageActionSubject(contract, stage)) === null,
        canRetry: refusalOf("retryCharge", stageActionSubject(contract, stage)) === null,
      };
    }),
    milestones,
    open,
    timeline: contractTimeline(audit, (minor) => formatMoney(money(minor), contract.currency)).reverse(),
  });
};

const stageAction = z.object({ position: z.coerce.number().int().positive() });
const actionInput = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("milestone"), milestone: z.string().trim().min(1, "choose the milestone that was reached") }),
  stageAction.extend({ intent: z.literal("offlinePayment"), method: z.string().trim().min(1, "say how the buyer paid").max(100) }),
  stageAction.extend({ intent: z.literal("resendLink") }),
  stageAction.extend({ intent: z.literal("retryCharge") }),
  z.object({ intent: z.literal("cancel"), reason: z.string().trim().max(500).optional() }),
]);

const DONE: Readonly<Record<z.infer<typeof actionInput>["intent"], string>> = {
  milestone: "Milestone marked; the stages waiting for it are dated and invoiced.",
  offlinePayment: "Offline payment recorded in Shopify; the stage shows paid once Shopify confirms it.",
  resendLink: "The payment link was emailed again.",
  retryCharge: "The saved card will be charged again in a moment.",
  cancel: "Contract cancelled: nothing more is charged or invoiced.",
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop, deps, actor } = await requireStaff(request);
  const contractId = params.id ?? "";
  try {
    const input = actionInput.parse(Object.fromEntries(await request.formData()));
    switch (input.intent) {
      case "milestone":
        await markMilestone(deps, shop, { contractId, milestone: input.milestone, actor });
        break;
      case "offlinePayment":
        await recordOfflinePayment(deps, shop, { contractId, position: input.position, method: input.method, actor });
        break;
      case "resendLink":
        await resendStageLink(deps, shop, { contractId, position: input.position, actor });
        break;
      case "retryCharge":
        await retryFailedCharge(deps, shop, { contractId, position: input.position, actor });
        break;
      case "cancel":
        await cancelContract(deps, shop, { contractId, ...(input.reason ? { reason: input.reason } : {}), actor });
        break;
    }
    return json({ ok: true as const, message: DONE[input.intent] });
  } catch (error) {
    return json({ ok: false as const, message: refusalMessage(error) }, { status: 422 });
  }
};

export default function ContractPage() {
  const { contract, stages, milestones, open, timeline } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const money = (amount: string) => formatMoney(amount, contract.currency);

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
        ) : null}
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <InlineStack gap="800">
                <Figure label="Total" value={money(contract.total)} />
                <Figure label="Paid" value={money(contract.paid)} />
                <Figure label="Outstanding" value={money(contract.outstanding)} />
              </InlineStack>
              <Text as="p" tone="subdued">
                {contract.mode === "native"
                  ? "Collected on the order itself (Shopify Plus deposit and payment terms)."
                  : "Each stage is paid through its own draft order and mirrored onto the order."}
              </Text>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card padding="0">
            <Box padding="400">
              <Text as="h2" variant="headingMd">
                Schedule
              </Text>
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
                </BlockStack>,
                money(stage.amount),
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
                  <StageStatusBadge status={stage.status} />
                </span>,
                <StageActions key="actions" stage={stage} busy={busy} />,
              ])}
            />
          </Card>
        </Layout.Section>
        {open ? (
          <Layout.Section variant="oneThird">
            <BlockStack gap="400">
              {milestones.length > 0 ? <MilestoneCard milestones={milestones} busy={busy} /> : null}
              <CancelCard busy={busy} />
            </BlockStack>
          </Layout.Section>
        ) : null}
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
  readonly stage: { position: number; payUrl: string | null; canRecordPayment: boolean; canResend: boolean; canRetry: boolean };
  readonly busy: boolean;
}

function StageActions({ stage, busy }: StageActionsProps) {
  const [method, setMethod] = useState("Bank Deposit");
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
        <Form method="post">
          <input type="hidden" name="intent" value="offlinePayment" />
          <input type="hidden" name="position" value={stage.position} />
          <input type="hidden" name="method" value={method} />
          <InlineStack gap="100" blockAlign="end" wrap={false}>
            <Select
              label={`How stage ${stage.position} was paid`}
              labelHidden
              options={["Bank Deposit", "Wire transfer", "Cheque", "Cash"]}
              value={method}
              onChange={setMethod}
            />
            <Button submit disabled={busy} size="slim" accessibilityLabel={`Record payment of stage ${stage.position}`}>
              Record payment
            </Button>
          </InlineStack>
        </Form>
      ) : null}
    </BlockStack>
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

function CancelCard({ busy }: { readonly busy: boolean }) {
  const [reason, setReason] = useState("");
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
          <input type="hidden" name="intent" value="cancel" />
          <TextField label="Reason (for the timeline)" name="reason" value={reason} onChange={setReason} autoComplete="off" />
          <Button submit tone="critical" disabled={busy}>
            Cancel contract
          </Button>
        </BlockStack>
      </Form>
    </Card>
  );
}
