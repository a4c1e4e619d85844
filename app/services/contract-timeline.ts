import type { CalendarDate } from "../domain/dates/calendar-date";
import { stageProblemWords } from "../locale/stage-problem-words";
import { plainReason } from "../locale/staff-alert-words";
import type { AuditEntry } from "../models/audit-log.server";

/** One line of a contract's history, as staff read it on the contract page. */
export interface TimelineEntry {
  readonly id: string;
  /** The instant (ISO): the page shows it on the shop's clock. */
  readonly at: string;
  readonly by: "Staff" | "Shopify" | "Tranche";
  readonly kind: "email" | "payment" | "status" | "staff";
  readonly text: string;
}

/** How the timeline writes the shop's money and days, and finds a stage's position from its id. */
export interface TimelineWords {
  /** Minor units of the contract's currency, in the shop's format ("$2,772.82"). */
  readonly money: (minor: bigint) => string;
  /** A calendar day in the shop's format ("Dec 3, 2026"). */
  readonly date: (date: CalendarDate) => string;
  /** The position of a stage by its id; entries that name a stage by id only (payments, invoice numbers) need it. */
  readonly stagePosition: (stageId: string) => number | null;
}

const CONTRACT_STATUS_LINES: Readonly<Record<string, string>> = {
  pending: "Contract being prepared",
  awaitingDeposit: "Waiting for the deposit",
  active: "Contract active: the deposit is in, later stages are collected as they fall due",
  completed: "Paid in full",
  cancelled: "Contract cancelled",
};

const STAGE_STATUS_WORDS: Readonly<Record<string, string>> = {
  scheduled: "scheduled",
  invoiced: "invoiced: its payment link is out",
  paid: "paid",
  overdue: "overdue",
  failed: "not paid: the saved card was declined",
  refunded: "refunded",
  cancelled: "cancelled",
};

/**
 * The contract's audit trail turned into its timeline, oldest first: emails sent, money recorded, status changes and
 * staff actions, in staff's words (no ids, keys or codes). Bookkeeping rows (links to Shopify objects, retry times)
 * are left out.
 */
export function contractTimeline(entries: readonly AuditEntry[], words: TimelineWords): TimelineEntry[] {
  return [...entries]
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id))
    .flatMap((entry) => {
      const line = describe(entry, words);
      return line ? [{ id: entry.id, at: entry.createdAt.toISOString(), by: byWhom(entry.actor), ...line }] : [];
    });
}

function describe(entry: AuditEntry, words: TimelineWords): Pick<TimelineEntry, "kind" | "text"> | null {
  const details = entry.details;
  const stage = typeof details.position === "number" ? `stage ${details.position}` : "a stage";
  if (entry.action.startsWith("avatax.document.")) return avaTaxDocumentLine(entry.action.slice("avatax.document.".length), stage, details, words);
  switch (entry.action) {
    case "contract.created":
      return {
        kind: "status",
        text: `Plan attached: ${String(details.stages)} stages, ${details.mode === "native" ? "collected on the order itself (deposit and payment terms)" : "each paid through its own order"}`,
      };
    case "contract.updated":
      return contractUpdate(changesOf(details));
    case "stage.updated":
      return stageUpdate(stage, changesOf(details));
    case "stage.dated":
      return { kind: "status", text: `${capitalized(stage)} now due ${words.date(details.dueDate as CalendarDate)}${eventWords(details.event)}` };
    case "stage.linkEmailed":
      if (typeof details.reminder === "string") return { kind: "email", text: `Reminder for ${stage} sent ${reminderWords(details.reminder)}` };
      return { kind: "email", text: `Payment link for ${stage} emailed to the buyer${details.resent ? " again" : ""}` };
    case "stage.reminderFailed":
      return { kind: "email", text: `Reminder for ${stage} not sent: ${plainReason(String(details.reason))}` };
    case "stage.invoiceNumbered": {
      const position = typeof details.stageId === "string" ? words.stagePosition(details.stageId) : null;
      return { kind: "status", text: `Invoice ${String(details.invoiceNumber)} issued${position === null ? "" : ` for stage ${position}`}` };
    }
    case "ledger.recorded":
      return { kind: "payment", text: ledgerLine(details, words) };
    case "contract.refundIssued":
      return { kind: "staff", text: `Refund of ${words.money(BigInt(String(details.amountMinor)))} issued: ${String(details.reason)}` };
    case "stage.lateFeeCharged":
      return { kind: "status", text: `Late fee of ${words.money(BigInt(String(details.amountMinor)))} charged on stage ${String(details.forPosition)}` };
    case "stage.lateFeeWaived":
      return { kind: "staff", text: `Late fee of ${words.money(BigInt(String(details.amountMinor)))} waived: ${String(details.reason)}` };
    case "contract.milestoneMarked":
      return { kind: "staff", text: `Milestone “${String(details.milestone)}” marked` };
    case "contract.scheduleRevised":
      return { kind: "staff", text: `Schedule changed${details.reason ? `: ${String(details.reason)}` : ""}` };
    case "contract.creditLimitOverridden":
      return { kind: "staff", text: creditOverrideLine(details, words) };
    case "contract.cancelled":
      if (!entry.actor.startsWith("staff:")) return { kind: "status", text: "Contract cancelled: its order was cancelled in Shopify" };
      return { kind: "staff", text: `Contract cancelled: ${String(details.reason)}${settlementWords(details.settlement, words)}` };
    default:
      return null;
  }
}

/** Staff attached over the credit limit: whose limit, the figures at the time, and the reason they gave. */
function creditOverrideLine(details: Record<string, unknown>, words: TimelineWords): string {
  const money = (key: string) => words.money(BigInt(String(details[key])));
  const whose = typeof details.subjectName === "string" ? `${details.subjectName}’s` : "the";
  return `Attached over ${whose} credit limit of ${money("limitMinor")} (${money("owedMinor")} owed before this order, ${money("overMinor")} over): ${String(details.reason)}`;
}

function contractUpdate(changes: Changes): Pick<TimelineEntry, "kind" | "text"> | null {
  const status = changes.status?.to;
  if (typeof status === "string") return { kind: "status", text: CONTRACT_STATUS_LINES[status] ?? "Contract status changed" };
  const orderName = changes.mainOrderName?.to;
  if (typeof orderName === "string") return { kind: "status", text: `Order ${orderName} created in Shopify from the draft order` };
  return null;
}

function stageUpdate(stage: string, changes: Changes): Pick<TimelineEntry, "kind" | "text"> | null {
  const status = changes.status?.to;
  if (typeof status === "string") {
    return { kind: status === "paid" ? "payment" : "status", text: `${capitalized(stage)} ${STAGE_STATUS_WORDS[status] ?? "changed"}` };
  }
  const parked = changes.parkedReason?.to;
  if (typeof parked === "string") return { kind: "status", text: `Tranche stopped collecting ${stage}: ${stageProblemWords(parked)}` };
  return null;
}

const LEDGER_WORDS: Readonly<Record<string, string>> = { payment: "Payment", manualPayment: "Offline payment", refund: "Refund" };

function ledgerLine(details: Record<string, unknown>, words: TimelineWords): string {
  const position = typeof details.stageId === "string" ? words.stagePosition(details.stageId) : null;
  const how = [details.method, details.reference ? `ref. ${String(details.reference)}` : null].filter(Boolean).join(", ");
  const kind = String(details.kind);
  const direction = kind === "refund" ? "from" : "for";
  return [
    `${LEDGER_WORDS[kind] ?? "Money"} of ${words.money(BigInt(String(details.amountMinor)))}`,
    position === null ? "" : ` ${direction} stage ${position}`,
    how ? ` (${how})` : "",
    kind === "payment" ? " received through Shopify" : " recorded",
  ].join("");
}

function settlementWords(settlement: unknown, words: TimelineWords): string {
  const chosen = settlement as { settlement?: string; amount?: unknown } | null | undefined;
  switch (chosen?.settlement) {
    case "refund":
      return chosen.amount === "all" ? "; everything paid is refunded" : `; ${words.money(BigInt(String(chosen.amount)))} is refunded`;
    case "keepAsCredit":
      return "; the money paid is kept as the customer's credit";
    case "close":
      return "; the money paid is kept and the order closed";
    default:
      return "";
  }
}

/**
 * A reminder's offsets (`before:3`, `after:1, after:7`) as a person says them: "1 day after the due date". Several at
 * once went out as one email (the worker was down, or the link went out late).
 */
export function reminderWords(offsets: string): string {
  const parsed = offsets
    .split(",")
    .map((offset) => /^(before|after):(\d+)$/.exec(offset.trim()))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ side: match[1] as "before" | "after", days: Number(match[2]) }));
  if (parsed.length === 0) return "";
  const phrases = (["before", "after"] as const).flatMap((side) => {
    const days = parsed.filter((offset) => offset.side === side).map((offset) => offset.days);
    if (days.length === 0) return [];
    if (side === "after" && days.length === 1 && days[0] === 0) return ["on the due date"];
    const last = days[days.length - 1]!;
    const counted = days.length === 1 ? dayCount(last) : `${days.slice(0, -1).join(", ")} and ${dayCount(last)}`;
    return [`${counted} ${side}`];
  });
  const when = phrases.length === 1 && phrases[0] === "on the due date" ? phrases[0] : `${phrases.join(" and ")} the due date`;
  return parsed.length > 1 ? `${when} (one email for all of them)` : when;
}

function dayCount(days: number): string {
  return `${days} day${days === 1 ? "" : "s"}`;
}

/** The planner's name of the event a stage waited for (next-step.ts `eventDate`), as a clause. */
function eventWords(event: unknown): string {
  if (typeof event !== "string") return "";
  const milestone = /^milestone "(.*)"$/.exec(event);
  if (milestone) return `, after “${milestone[1]}” was marked`;
  if (event === "fulfillment created") return ", after the order shipped";
  if (event === "order fulfilled") return ", after the order was fulfilled";
  return "";
}

type Changes = Readonly<Record<string, { readonly to?: unknown } | undefined>>;

function changesOf(details: Record<string, unknown>): Changes {
  return (details.changes as Changes | undefined) ?? {};
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function byWhom(actor: AuditEntry["actor"]): TimelineEntry["by"] {
  if (actor.startsWith("staff:")) return "Staff";
  if (actor.startsWith("webhook:")) return "Shopify";
  return "Tranche";
}

/** An AvaTax document's change of state (app/models/avatax-documents.server.ts), with the tax AvaTax recorded. */
function avaTaxDocumentLine(status: string, stage: string, details: Record<string, unknown>, words: TimelineWords): Pick<TimelineEntry, "kind" | "text"> {
  const document = details.type === "ReturnInvoice" ? `AvaTax return invoice for ${stage}` : `AvaTax sales invoice for ${stage}`;
  const tax = typeof details.taxMinor === "string" ? ` (tax ${words.money(BigInt(details.taxMinor))})` : "";
  if (status === "pending") return { kind: "status", text: `${document} not recorded yet: ${String(details.error ?? "AvaTax did not answer")}` };
  if (status === "voided") return { kind: "status", text: `${document} voided` };
  return { kind: "status", text: `${document} ${status === "committed" ? "committed" : "saved uncommitted"}${tax}` };
}
