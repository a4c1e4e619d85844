import { Badge } from "@shopify/polaris";

import type { ContractBadgeKind, StageBadgeKind } from "../domain/contract/contract-attention";

type Tone = "success" | "info" | "attention" | "warning" | "critical" | undefined;

const STAGE_BADGES: Readonly<Record<string, { readonly label: string; readonly tone: Tone }>> = {
  scheduled: { label: "Scheduled", tone: undefined },
  invoiced: { label: "Due", tone: "attention" },
  paid: { label: "Paid", tone: "success" },
  overdue: { label: "Overdue", tone: "critical" },
  failed: { label: "Failed", tone: "critical" },
  cancelled: { label: "Cancelled", tone: undefined },
  refunded: { label: "Refunded", tone: "info" },
};

const CONTRACT_BADGES: Readonly<Record<string, { readonly label: string; readonly tone: Tone }>> = {
  pending: { label: "Preparing", tone: undefined },
  awaitingDeposit: { label: "Awaiting deposit", tone: "attention" },
  active: { label: "Active", tone: "info" },
  completed: { label: "Paid in full", tone: "success" },
  cancelled: { label: "Cancelled", tone: undefined },
};

/** A paid stage that gave part of its money back shows it: "Partly refunded". */
export function StageStatusBadge({ status, partlyRefunded = false }: { readonly status: string; readonly partlyRefunded?: boolean }) {
  const badge =
    partlyRefunded && status === "paid" ? { label: "Partly refunded", tone: "info" as const } : (STAGE_BADGES[status] ?? { label: status, tone: undefined });
  return <Badge tone={badge.tone}>{badge.label}</Badge>;
}

export function ContractStatusBadge({ status }: { readonly status: string }) {
  const badge = CONTRACT_BADGES[status] ?? { label: status, tone: undefined };
  return <Badge tone={badge.tone}>{badge.label}</Badge>;
}

export const CONTRACT_STATUS_LABELS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(CONTRACT_BADGES).map(([status, badge]) => [status, badge.label]),
);

export const STAGE_STATUS_LABELS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(STAGE_BADGES).map(([status, badge]) => [status, badge.label]),
);

const STAGE_ATTENTION_BADGES: Readonly<Record<StageBadgeKind, { readonly label: string; readonly tone: Tone }>> = {
  scheduled: { label: "Scheduled", tone: undefined },
  due: { label: "Due", tone: "attention" },
  partlyPaid: { label: "Partly paid", tone: "attention" },
  overdue: { label: "Overdue", tone: "critical" },
  paymentFailed: { label: "Payment failed", tone: "critical" },
  needsAttention: { label: "Needs attention", tone: "critical" },
  paymentRecorded: { label: "Payment recorded", tone: "success" },
  paid: { label: "Paid", tone: "success" },
  partlyRefunded: { label: "Partly refunded", tone: "info" },
  refunded: { label: "Refunded", tone: "info" },
  cancelled: { label: "Cancelled", tone: undefined },
};

const CONTRACT_ATTENTION_BADGES: Readonly<Record<ContractBadgeKind, { readonly label: string; readonly tone: Tone }>> = {
  preparing: { label: "Preparing", tone: undefined },
  awaitingDeposit: { label: "Awaiting deposit", tone: "attention" },
  active: { label: "Active", tone: "info" },
  needsAttention: { label: "Needs attention", tone: "critical" },
  paymentFailed: { label: "Payment failed", tone: "critical" },
  overdue: { label: "Overdue", tone: "critical" },
  onHold: { label: "On hold", tone: "warning" },
  paidInFull: { label: "Paid in full", tone: "success" },
  cancelled: { label: "Cancelled", tone: undefined },
};

/** A stage as contract-attention.ts judges it: "Payment recorded" while Shopify catches up, "Needs attention" when parked. */
export function StageAttentionBadge({ kind }: { readonly kind: StageBadgeKind }) {
  const badge = STAGE_ATTENTION_BADGES[kind];
  return <Badge tone={badge.tone}>{badge.label}</Badge>;
}

/** A contract as contract-attention.ts judges it: "Overdue", "Payment failed", "On hold"… rather than its stored status. */
export function ContractAttentionBadge({ kind }: { readonly kind: ContractBadgeKind }) {
  const badge = CONTRACT_ATTENTION_BADGES[kind];
  return <Badge tone={badge.tone}>{badge.label}</Badge>;
}

export const CONTRACT_ATTENTION_LABELS: Readonly<Record<ContractBadgeKind, string>> = Object.fromEntries(
  Object.entries(CONTRACT_ATTENTION_BADGES).map(([kind, badge]) => [kind, badge.label]),
) as Record<ContractBadgeKind, string>;
