import { Badge } from "@shopify/polaris";

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
