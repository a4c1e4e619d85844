import type { CalendarDate } from "../dates/calendar-date";

/**
 * What Shopify says about a contract's orders right now, mapped from Admin API answers. The planner compares it
 * with the database; being read fresh each time is what makes a rerun job, a duplicate webhook or a lost one
 * harmless.
 */
export interface ObservedTransaction {
  readonly id: string;
  /** OrderTransactionKind: SALE, CAPTURE, AUTHORIZATION, REFUND… */
  readonly kind: string;
  /** OrderTransactionStatus: SUCCESS, FAILURE, PENDING… */
  readonly status: string;
  readonly amount: bigint;
  /** The gateway that moved it: a refund of it must name the same one. */
  readonly gateway: string;
  /** Recorded with orderCreateManualPayment: a mirror of money collected elsewhere, not money itself. */
  readonly manual: boolean;
  /** The payment reference of a saved-card charge (`paymentId`). */
  readonly paymentReferenceId: string | null;
  readonly processedAt: Date;
  readonly errorCode: string | null;
  /** The payment a refund gives money back from (or a capture captures). */
  readonly parentId: string | null;
  /** A refund the app recorded on the main order to mirror one made on a stage order: not money of its own. */
  readonly mirrorRefund: boolean;
  /** The card that paid it, as Shopify shows it; absent for other ways of paying. */
  readonly card?: PaymentCard;
}

/** A card as Shopify names it on a transaction: its brand ("Visa") and its last digits, never more. */
export interface PaymentCard {
  readonly brand: string;
  readonly lastDigits: string;
}

export interface ObservedHold {
  readonly id: string;
  readonly reason: string;
  readonly handle: string | null;
}

export interface ObservedFulfillmentOrder {
  readonly id: string;
  /** FulfillmentOrderStatus: OPEN, ON_HOLD, IN_PROGRESS, CLOSED… */
  readonly status: string;
  readonly holds: readonly ObservedHold[];
}

export interface ObservedPaymentTerms {
  readonly id: string;
  readonly type: string;
  /** The open schedule's due date in the contract's time zone; null when it has none or is completed. */
  readonly dueDate: CalendarDate | null;
}

export interface ObservedOrder {
  readonly id: string;
  readonly cancelled: boolean;
  /** Closed (archived) by staff or by the app when a contract ended with the money kept. */
  readonly closed: boolean;
  /** OrderDisplayFinancialStatus: PENDING, PARTIALLY_PAID, PAID… */
  readonly financialStatus: string;
  readonly outstanding: bigint;
  readonly transactions: readonly ObservedTransaction[];
  readonly mandateIds: readonly string[];
  /** Where the buyer pays what the order still owes (the link its invoice email carries); stage orders only. */
  readonly paymentUrl: string | null;
  readonly fulfillmentOrders: readonly ObservedFulfillmentOrder[];
  /** The first fulfillment's date; the date the order became fully fulfilled. */
  readonly fulfillmentCreatedDate: CalendarDate | null;
  readonly fulfilledDate: CalendarDate | null;
  readonly paymentTerms: ObservedPaymentTerms | null;
}

export interface ObservedDraft {
  readonly id: string;
  readonly completed: boolean;
  readonly invoiceSent: boolean;
  readonly orderId: string | null;
  /** The order's name (#1002): what the buyer's emails call it. */
  readonly orderName: string | null;
  /** Whether it carries the app's early-payment discount (a stage draft asking for the discounted amount). */
  readonly earlyPaymentDiscount: boolean;
}

export interface Observation {
  /** Null when the source draft is gone (deleted by staff). */
  readonly sourceDraft: ObservedDraft | null;
  readonly mainOrder: ObservedOrder | null;
  /** Stage draft orders by stage position (found by their tag, so one made by a crashed run is found too). */
  readonly stageDrafts: ReadonlyMap<number, ObservedDraft>;
  readonly stageOrders: ReadonlyMap<number, ObservedOrder>;
  /** Plus: `amount` is accepted on manual and saved-card payments; elsewhere only the whole balance. */
  readonly partialPaymentsAllowed: boolean;
}

/** Money that moved on the main order: a successful sale or capture that was not a manual mirror. */
export function isMoneyIn(transaction: ObservedTransaction): boolean {
  return transaction.status === "SUCCESS" && !transaction.manual && (transaction.kind === "SALE" || transaction.kind === "CAPTURE");
}

/**
 * Money that moved on a stage order: the app never records manual payments there, so a manual one is the
 * buyer's offline payment (a bank deposit staff marked as paid), and counts.
 */
export function isStageOrderMoneyIn(transaction: ObservedTransaction): boolean {
  return transaction.status === "SUCCESS" && (transaction.kind === "SALE" || transaction.kind === "CAPTURE");
}

/**
 * The note the app gives the refunds it records on the main order to mirror refunds made on stage orders: how the
 * observation tells them from refunds staff made there, which give money back.
 */
export const MIRROR_REFUND_NOTE = "Tranche: mirrors a refund of a stage order";

/** Every transaction Shopify shows on the contract's orders: the main order's and each stage order's. */
export function observedTransactions(observation: Observation): ObservedTransaction[] {
  return [observation.mainOrder, ...observation.stageOrders.values()].flatMap((order) => order?.transactions ?? []);
}

/** Refunds Shopify is still processing (card refunds start so), the app's mirrors aside: money already on its way back. */
export function pendingRefunds(observation: Observation): ObservedTransaction[] {
  return observedTransactions(observation).filter(
    (transaction) => transaction.kind === "REFUND" && transaction.status === "PENDING" && !transaction.mirrorRefund,
  );
}

/** Money given back: a successful refund that is not the app's mirror of another. */
export function isMoneyBack(transaction: ObservedTransaction): boolean {
  return transaction.status === "SUCCESS" && transaction.kind === "REFUND" && !transaction.mirrorRefund;
}

/** A manual payment the app recorded on the main order to mirror money collected on a stage order. */
export function isMirror(transaction: ObservedTransaction): boolean {
  return transaction.status === "SUCCESS" && transaction.manual && (transaction.kind === "SALE" || transaction.kind === "CAPTURE");
}

/** Oldest first; equal times by id, so that every run sees one order. */
export function chronological<T extends { readonly transaction: ObservedTransaction }>(entries: readonly T[]): T[] {
  return [...entries].sort(
    (a, b) => a.transaction.processedAt.getTime() - b.transaction.processedAt.getTime() || a.transaction.id.localeCompare(b.transaction.id),
  );
}
