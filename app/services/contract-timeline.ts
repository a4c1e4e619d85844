import type { AuditEntry } from "../models/audit-log.server";

/** One line of a contract's history, as staff read it on the contract page. */
export interface TimelineEntry {
  readonly id: string;
  readonly at: string;
  readonly by: "Staff" | "Shopify" | "Tranche";
  readonly kind: "email" | "payment" | "status" | "staff";
  readonly text: string;
}

const STATUS_WORDS: Readonly<Record<string, string>> = {
  pending: "being prepared",
  awaitingDeposit: "waiting for the deposit",
  active: "active",
  completed: "completed: paid in full",
  cancelled: "cancelled",
  scheduled: "scheduled",
  invoiced: "invoiced",
  paid: "paid",
  overdue: "overdue",
  failed: "failed (card declined)",
  refunded: "refunded",
};

/**
 * The contract's audit trail turned into its timeline, oldest first: emails sent, money recorded, status
 * changes and staff actions. Bookkeeping rows (links to Shopify objects, retry times) are left out.
 */
export function contractTimeline(entries: readonly AuditEntry[], formatAmount: (minor: bigint) => string): TimelineEntry[] {
  return [...entries]
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id))
    .flatMap((entry) => {
      const line = describe(entry, formatAmount);
      return line ? [{ id: entry.id, at: entry.createdAt.toISOString(), by: byWhom(entry.actor), ...line }] : [];
    });
}

function describe(entry: AuditEntry, formatAmount: (minor: bigint) => string): Pick<TimelineEntry, "kind" | "text"> | null {
  const details = entry.details;
  const position = typeof details.position === "number" ? details.position : null;
  switch (entry.action) {
    case "contract.created":
      return {
        kind: "status",
        text: `Plan attached: ${String(details.stages)} stages, collected by ${details.mode === "native" ? "the order's own deposit and terms" : "a draft order per stage"}`,
      };
    case "contract.updated": {
      const status = statusChange(details);
      return status ? { kind: "status", text: `Contract ${STATUS_WORDS[status] ?? status}` } : null;
    }
    case "stage.updated": {
      const status = statusChange(details);
      return status ? { kind: status === "paid" ? "payment" : "status", text: `Stage ${String(details.position)} ${STATUS_WORDS[status] ?? status}` } : null;
    }
    case "stage.dated":
      return { kind: "status", text: `Stage ${String(position)} now due ${String(details.dueDate)}` };
    case "stage.linkEmailed":
      if (details.reminder) return { kind: "email", text: `Reminder: payment link for stage ${String(position)} emailed again (${String(details.reminder)})` };
      return { kind: "email", text: `Payment link for stage ${String(position)} emailed to the buyer${details.resent ? " again" : ""}` };
    case "stage.reminderFailed":
      return { kind: "email", text: `Reminder for stage ${String(position)} not sent: ${String(details.reason)}` };
    case "ledger.recorded":
      return { kind: "payment", text: ledgerLine(details, formatAmount) };
    case "contract.refundIssued":
      return { kind: "staff", text: `Refund of ${formatAmount(BigInt(String(details.amountMinor)))} issued: ${String(details.reason)}` };
    case "contract.milestoneMarked":
      return { kind: "staff", text: `Milestone “${String(details.milestone)}” marked` };
    case "contract.cancelled":
      return { kind: "staff", text: `Contract cancelled: ${String(details.reason)}${settlementWords(details.settlement, formatAmount)}` };
    default:
      return null;
  }
}

const LEDGER_WORDS: Readonly<Record<string, string>> = { payment: "Payment", manualPayment: "Offline payment", refund: "Refund" };

function ledgerLine(details: Record<string, unknown>, formatAmount: (minor: bigint) => string): string {
  const how = [details.method, details.reference ? `ref. ${String(details.reference)}` : null].filter(Boolean).join(", ");
  return `${LEDGER_WORDS[String(details.kind)] ?? "Money"} of ${formatAmount(BigInt(String(details.amountMinor)))}${how ? ` (${how})` : ""} recorded`;
}

function settlementWords(settlement: unknown, formatAmount: (minor: bigint) => string): string {
  const chosen = settlement as { settlement?: string; amount?: unknown } | null | undefined;
  switch (chosen?.settlement) {
    case "refund":
      return chosen.amount === "all" ? "; everything paid is refunded" : `; ${formatAmount(BigInt(String(chosen.amount)))} is refunded`;
    case "keepAsCredit":
      return "; the money paid is kept as the customer's credit";
    case "close":
      return "; the money paid is kept and the order closed";
    default:
      return "";
  }
}

function statusChange(details: Record<string, unknown>): string | null {
  const changes = details.changes as Record<string, { to?: unknown }> | undefined;
  const to = changes?.status?.to;
  return typeof to === "string" ? to : null;
}

function byWhom(actor: AuditEntry["actor"]): TimelineEntry["by"] {
  if (actor.startsWith("staff:")) return "Staff";
  if (actor.startsWith("webhook:")) return "Shopify";
  return "Tranche";
}
