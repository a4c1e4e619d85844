import type { CalendarDate } from "../dates/calendar-date";
import type { WorkingCalendar } from "../dates/working-calendar";
import type { EarlyPaymentOffer } from "../payment-rules/early-payment-discount";
import type { LateFeeNotice } from "../payment-rules/late-fee";
import type { DatedPayment } from "../payment-rules/stage-payments";
import type { StageKind, Trigger } from "../plan/plan";
import type { DateStep } from "../schedule/due-dates";
import type { StageStatus } from "./stage-status";

/** "native": Plus, the draft's own deposit and payment terms; "stageOrder": a draft order per stage (DESIGN §3). */
export type ContractMode = "native" | "stageOrder";

export type ContractStatus = "pending" | "awaitingDeposit" | "active" | "completed" | "cancelled";

/** A plan's stage kinds, and the late fee charged on an overdue stage (late-fee-stage.ts). */
export type ContractStageKind = StageKind | "lateFee";

export interface StagePayment extends DatedPayment {
  readonly at: Date;
}

/** What the collection planner knows of one stage from the database. Money in minor units. */
export interface StageState {
  readonly position: number;
  readonly kind: ContractStageKind;
  readonly amount: bigint;
  /**
   * What settled the stage: money received (payments and offline payments) and an early-payment discount granted,
   * refunds not taken off.
   */
  readonly paid: bigint;
  /** The early-payment discount granted on the stage (part of `paid`, but no money: it is never refunded). */
  readonly discount: bigint;
  /**
   * The money received on the stage, each at its moment and on the shop's calendar day it arrived: what earns an
   * early-payment discount.
   */
  readonly payments: readonly StagePayment[];
  /** The early-payment offer on the stage's invoice, if the plan makes one. */
  readonly earlyPayment?: EarlyPaymentOffer;
  /** The late fee the buyer was told of on the stage's invoice, if the plan charges one. */
  readonly lateFee?: LateFeeNotice;
  /** Money given back from the stage. */
  readonly refunded: bigint;
  readonly status: StageStatus;
  readonly issueDate: CalendarDate | null;
  readonly dueDate: CalendarDate | null;
  readonly netDays: number;
  /** The event a stage still waits for, and the steps from it to the due date. */
  readonly trigger?: { readonly trigger: Trigger; readonly steps: readonly DateStep[] };
  readonly stageDraftOrderId: string | null;
  /** The draft order whose link the app's own email carried (Shopify's invoiceSentAt knows only of its own emails). */
  readonly linkEmailedVia: string | null;
  /** The due date whose saved-card charge the buyer was told of (a new date is told again). */
  readonly chargeNoticeFor: CalendarDate | null;
  readonly stageOrderId: string | null;
  /** A saved-card charge asked for (its idempotency key) and, once Shopify answered, its payment reference. */
  readonly chargeKey: string | null;
  readonly chargeRef: string | null;
  /** Saved-card charges tried so far. */
  readonly attempts: number;
  readonly nextAttemptAt: Date | null;
  /** Shopify refused a step for this stage in a way retrying will not fix: staff must look before it moves on. */
  readonly parked: boolean;
}

export interface ContractState {
  readonly id: string;
  readonly mode: ContractMode;
  readonly status: ContractStatus;
  readonly total: bigint;
  readonly sourceDraftOrderId: string;
  /**
   * Whether stage 1 is paid at checkout (a deposit: the main order follows it). False (net terms): the source draft
   * was completed into the main order at attach, on payment terms, and stage 1 is collected like every later stage.
   */
  readonly firstStageAtCheckout: boolean;
  readonly mainOrderId: string | null;
  /** By position. */
  readonly stages: readonly StageState[];
  /**
   * The ledger's payments by Shopify reference, with the stage each was recorded on: a payment already
   * recorded is never recorded again, nor moved to another stage.
   */
  readonly recordedPayments: ReadonlyMap<string, { readonly position: number; readonly amount: bigint }>;
  /** The ledger's refunds by Shopify reference, with the stage each came off (null: none held it). */
  readonly recordedRefunds: ReadonlyMap<string, { readonly position: number | null; readonly amount: bigint }>;
  /**
   * Offline payments staff recorded (in the ledger only, not on any Shopify order), less the refunds of them recorded
   * the same way: mirrored onto the main order like stage-order money.
   */
  readonly offlineHeld: bigint;
  /** Early-payment discounts granted: mirrored onto the main order with the money, as they settle its balance too. */
  readonly discountsGranted: bigint;
  /** How a cancelled contract settles the money paid on it; null while it is not cancelled. */
  readonly cancellation: Cancellation | null;
  /** The day the main order was recorded fully fulfilled (revenue is recognised then); null until it is. */
  readonly fulfilledOn: CalendarDate | null;
  /** Milestones staff marked, by name, with the date they were marked. */
  readonly milestones: Readonly<Record<string, CalendarDate>>;
  /** The shop's working calendar frozen at attach: a stage dated by its event moves off closed days as the others did. */
  readonly calendar?: WorkingCalendar;
}

/**
 * What staff chose to do with the money paid on a contract they cancelled:
 * - `refund`: give back `amount` (or everything received, also what arrives later, for "all") and cancel the main order;
 * - `keepAsCredit`: keep the money as the customer's credit and cancel the main order without a refund;
 * - `close`: keep the money as earned (work done, a cancellation fee) and close the main order as it stands.
 */
export type Cancellation =
  | { readonly settlement: "refund"; readonly amount: bigint | "all"; readonly refundedBefore: bigint }
  | { readonly settlement: "keepAsCredit" }
  | { readonly settlement: "close" };
