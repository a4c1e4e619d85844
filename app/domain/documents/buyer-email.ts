import type { CalendarDate } from "../dates/calendar-date";
import type { BuyerDocument } from "./buyer-document";

/**
 * The emails the app sends a buyer, each about one contract (app/emails renders them; the outbox in
 * app/services/buyer-email sends each once). `stagePosition` names the stage an email is about.
 */
export type BuyerEmail =
  /** A stage's link is out: which payment of how many, amount, tax, due date, pay link, the whole schedule. */
  | { readonly kind: "stageInvoice"; readonly stagePosition: number }
  /** The link again, before its due date, on it, or after it. */
  | { readonly kind: "reminder"; readonly stagePosition: number; readonly when: "before" | "onDueDate" | "after" }
  /** A stage is past due: every stage's state. */
  | { readonly kind: "overdue"; readonly stagePosition: number }
  /** Money arrived (a checkout payment or an offline one staff recorded), with the updated schedule. */
  | { readonly kind: "paymentReceived"; readonly stagePosition: number; readonly amountMinor: bigint; readonly receivedOn: CalendarDate }
  /** A saved card will be charged for the stage on `chargeOn`. */
  | { readonly kind: "chargeUpcoming"; readonly stagePosition: number; readonly chargeOn: CalendarDate }
  /** The saved card was charged: the receipt. */
  | { readonly kind: "chargeReceipt"; readonly stagePosition: number; readonly amountMinor: bigint; readonly receivedOn: CalendarDate }
  /** The saved card was declined: pay with the link instead (or the charge is tried again on `retryOn`). */
  | { readonly kind: "chargeDeclined"; readonly stagePosition: number; readonly retryOn: CalendarDate | null }
  /** Staff changed the schedule: what changed, stage by stage. */
  | { readonly kind: "scheduleChanged"; readonly changes: readonly ScheduleChange[] }
  /** The contract was cancelled; what happens to the money paid. */
  | { readonly kind: "contractCancelled"; readonly settlement: "refund" | "credit" | "kept"; readonly refundMinor: bigint }
  /** Money was given back. */
  | { readonly kind: "refundIssued"; readonly amountMinor: bigint; readonly refundedOn: CalendarDate };

export type BuyerEmailKind = BuyerEmail["kind"];

export const BUYER_EMAIL_KINDS: readonly BuyerEmailKind[] = [
  "stageInvoice",
  "reminder",
  "overdue",
  "paymentReceived",
  "chargeUpcoming",
  "chargeReceipt",
  "chargeDeclined",
  "scheduleChanged",
  "contractCancelled",
  "refundIssued",
];

/** One stage before and after a schedule change (null: the stage did not exist on that side). */
export interface ScheduleChange {
  readonly position: number;
  readonly title: string;
  readonly before: { readonly amountMinor: bigint; readonly dueDate: CalendarDate | null; readonly waitsFor: string | null } | null;
  readonly after: { readonly amountMinor: bigint; readonly dueDate: CalendarDate | null; readonly waitsFor: string | null } | null;
}

/** What staff may change of a template (Settings → Emails): plain text with {placeholders}, per kind. */
export interface EmailTemplateText {
  readonly subject: string | null;
  readonly intro: string | null;
}

/** Everything one email is rendered from. */
export interface BuyerEmailInput {
  readonly email: BuyerEmail;
  readonly document: BuyerDocument;
  /** The staff's own subject and intro for this kind, if they wrote one. */
  readonly text: EmailTemplateText;
}
