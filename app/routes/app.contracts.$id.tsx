import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFetcher, useLoaderData, useRevalidator, useSearchParams } from "@remix-run/react";
import { Banner, BlockStack, Page } from "@shopify/polaris";
import { useEffect, useRef, useState } from "react";

import { BuyerEmailsCard } from "../components/contract/BuyerEmailsCard";
import { CancelContractModal } from "../components/contract/CancelContractModal";
import { ContractSummaryCard } from "../components/contract/ContractSummaryCard";
import { contractActionFetcherKey, type ContractActionResult, type ContractPageIntent, type StageView } from "../components/contract/contract-view";
import { MilestoneModal } from "../components/contract/MilestoneModal";
import { RecordPaymentModal } from "../components/contract/RecordPaymentModal";
import { RefundModal } from "../components/contract/RefundModal";
import { ScheduleCard } from "../components/contract/ScheduleCard";
import type { StageAction } from "../components/contract/StageActionsMenu";
import { TimelineCard } from "../components/contract/TimelineCard";
import { WaiveFeeModal } from "../components/contract/WaiveFeeModal";
import { AvaTaxDocumentsCard } from "../components/contract/AvaTaxDocumentsCard";
import { contractAvaTaxDocuments } from "../services/avatax/avatax-contract-view.server";
import { ContractAttentionBadge } from "../components/StageStatusBadge";
import { contractPageAction } from "../services/contract-page/contract-page-action.server";
import { contractPageData } from "../services/contract-page/contract-page.server";
import { requireStaff } from "../staff-context.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Contract ${data?.contract.draftName ?? ""} · Tranche` }];

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const staff = await requireStaff(request);
  const data = await contractPageData(staff, params.id ?? "");
  if (!data) throw new Response("This contract does not exist in this shop.", { status: 404 });
  return json({ ...data, avataxDocuments: await contractAvaTaxDocuments(staff.deps.db, staff.shop, data.contract.id) });
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const staff = await requireStaff(request);
  const result = await contractPageAction(staff, params.id ?? "", await request.formData());
  return json<ContractActionResult>(result, { status: result.ok ? 200 : 422 });
};

/** The form open over the page, if any; a payment form keeps the key it opened with. */
type Dialog =
  | { readonly kind: "recordPayment"; readonly position: number; readonly paymentKey: string }
  | { readonly kind: "waiveFee"; readonly position: number }
  | { readonly kind: "refund" }
  | { readonly kind: "cancel" }
  | { readonly kind: "milestone" };

/** The action each form sends. */
const DIALOG_INTENTS: Readonly<Record<Dialog["kind"], ContractPageIntent>> = {
  recordPayment: "offlinePayment",
  waiveFee: "waiveFee",
  refund: "refund",
  cancel: "cancel",
  milestone: "milestone",
};

/** While the sync brings Shopify in line with what the page already shows, the page reloads its data this often, for so long. */
const SETTLING_RELOAD_MS = 2_000;
const SETTLING_RELOADS = 30;

export default function ContractPage() {
  const { contract, stages, timeline, emails, today, avataxDocuments } = useLoaderData<typeof loader>();
  // Forms submit through one fetcher (no navigation): its answer stays while the page reloads its data.
  const fetcher = useFetcher<typeof action>({ key: contractActionFetcherKey(contract.id) });
  const result = fetcher.data;
  const busy = fetcher.state !== "idle";
  const send = (form: HTMLFormElement) => fetcher.submit(form, { method: "post" });
  const [searchParams] = useSearchParams();
  const [dialog, setDialog] = useState<{ readonly open: Dialog; readonly resultBefore: ContractActionResult | undefined } | null>(null);
  const [dismissed, setDismissed] = useState<ContractActionResult | undefined>(undefined);

  useSettlingReloads(contract.settling);

  const open = (next: Dialog) => setDialog({ open: next, resultBefore: result });
  const close = () => setDialog(null);
  // What the open form shows: only an answer to its own submit, not one from before it opened.
  const dialogResult = dialog && result !== dialog.resultBefore ? result : undefined;
  // A form that did its work closes; one that was refused stays open with its errors.
  const shown = dialog && (!dialogResult || (!dialogResult.ok && dialogResult.intent === DIALOG_INTENTS[dialog.open.kind])) ? dialog.open : null;
  const onStageAction = (action: StageAction, stage: StageView) => {
    if (action === "recordPayment") open({ kind: "recordPayment", position: stage.position, paymentKey: stage.paymentKey });
    else if (action === "waiveFee") open({ kind: "waiveFee", position: stage.position });
    else fetcher.submit({ intent: action, position: String(stage.position) }, { method: "post" });
  };
  const paymentStage = shown?.kind === "recordPayment" ? stages.find((stage) => stage.position === shown.position) : undefined;
  const feeStage = shown?.kind === "waiveFee" ? stages.find((stage) => stage.position === shown.position) : undefined;
  // Shown once the page's data is fresh too, so that the banner and the schedule never disagree.
  const banner = result && !shown && result !== dismissed && fetcher.state === "idle" ? result : null;

  return (
    <Page
      title={`Contract for ${contract.draftName ?? "a draft order"}`}
      titleMetadata={<ContractAttentionBadge kind={contract.badge} />}
      subtitle={[contract.customer, contract.planName].filter(Boolean).join(" · ")}
      backAction={{ content: "Contracts", url: "/app/contracts" }}
      secondaryActions={[
        ...(contract.milestones.length > 0 ? [{ content: "Mark milestone reached", onAction: () => open({ kind: "milestone" }), disabled: busy }] : []),
        ...(contract.can.refund ? [{ content: "Refund", onAction: () => open({ kind: "refund" }), disabled: busy }] : []),
        ...(contract.can.cancel ? [{ content: "Cancel contract", destructive: true, onAction: () => open({ kind: "cancel" }), disabled: busy }] : []),
      ]}
    >
      <BlockStack gap="400">
        {banner ? (
          <Banner tone={banner.ok ? "success" : "critical"} title={banner.ok ? "Done" : "Not done"} onDismiss={() => setDismissed(banner)}>
            <p>{banner.message}</p>
          </Banner>
        ) : searchParams.has("scheduleRevised") ? (
          <Banner tone="success" title="Schedule saved">
            <p>The changed stages are invoiced as they fall due, and the buyer is told of the new schedule.</p>
          </Banner>
        ) : null}
        <ContractSummaryCard contract={contract} />
        <ScheduleCard
          stages={stages}
          currency={contract.currency}
          editUrl={contract.can.editSchedule ? `/app/contracts/${contract.id}/schedule` : null}
          busy={busy}
          onAction={onStageAction}
        />
        <BuyerEmailsCard emails={emails} busy={busy} fetcherKey={contractActionFetcherKey(contract.id)} />
        {avataxDocuments.length > 0 ? <AvaTaxDocumentsCard documents={avataxDocuments} /> : null}
        <TimelineCard timeline={timeline} />
      </BlockStack>
      {shown?.kind === "recordPayment" && paymentStage ? (
        <RecordPaymentModal
          stage={paymentStage}
          currency={contract.currency}
          today={today}
          paymentKey={shown.paymentKey}
          result={dialogResult}
          busy={busy}
          onClose={close}
          submit={send}
        />
      ) : null}
      {shown?.kind === "waiveFee" && feeStage ? (
        <WaiveFeeModal stage={feeStage} currency={contract.currency} result={dialogResult} busy={busy} onClose={close} submit={send} />
      ) : null}
      {shown?.kind === "refund" ? (
        <RefundModal held={contract.held} currency={contract.currency} result={dialogResult} busy={busy} onClose={close} submit={send} />
      ) : null}
      {shown?.kind === "cancel" ? (
        <CancelContractModal
          held={contract.holdsMoney ? contract.held : null}
          currency={contract.currency}
          result={dialogResult}
          busy={busy}
          onClose={close}
          submit={send}
        />
      ) : null}
      {shown?.kind === "milestone" ? (
        <MilestoneModal milestones={contract.milestones} currency={contract.currency} result={dialogResult} busy={busy} onClose={close} submit={send} />
      ) : null}
    </Page>
  );
}

/** Reloads the page's data every few seconds while `settling`, so that what the sync does shows without a reload. */
function useSettlingReloads(settling: boolean): void {
  const { revalidate, state } = useRevalidator();
  const reloads = useRef(0);
  useEffect(() => {
    if (!settling) {
      reloads.current = 0;
      return;
    }
    if (state !== "idle" || reloads.current >= SETTLING_RELOADS) return;
    const timer = window.setTimeout(() => {
      reloads.current += 1;
      revalidate();
    }, SETTLING_RELOAD_MS);
    return () => window.clearTimeout(timer);
  }, [settling, state, revalidate]);
}
