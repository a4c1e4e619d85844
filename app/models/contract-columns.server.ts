import type { Cancellation } from "../domain/contract/contract-state";
import type { CalendarDate } from "../domain/dates/calendar-date";
import type { WorkingCalendar } from "../domain/dates/working-calendar";
import type { PendingPaymentRules, StagePaymentTerms } from "../domain/documents/stage-payment-terms";
import type { Currency } from "../domain/money/currency";
import type { CashRoundingMethod } from "../domain/payment-rules/cash-rounding";
import type { EarlyPaymentOffer } from "../domain/payment-rules/early-payment-discount";
import type { LateFee, LateFeeNotice } from "../domain/payment-rules/late-fee";
import type { Trigger } from "../domain/plan/plan";
import type { ScheduledInstallment } from "../domain/schedule/build-schedule";
import type { DateStep } from "../domain/schedule/due-dates";
import type { OrderEvents, OrderSnapshot, PostalAddress, TaxLine } from "../domain/schedule/order-snapshot";
import { toJsonColumn } from "./database.server";

/**
 * The JSON text columns of Contract and Stage, written and read in one place. Money inside them is minor units
 * as decimal strings (JSON numbers would lose precision past 2^53), read back into bigint.
 */

interface StoredOrderSnapshot {
  currency: Currency;
  total: string;
  orderDate: string;
  paymentDueDate: string;
  dates: Record<string, string>;
  taxLines: { title: string; amount: string }[];
  events: OrderEvents;
  /** Frozen at attach when the shop moved due dates; snapshots stored before the working calendar have none. */
  calendar?: { closedWeekdays: number[]; holidays: string[]; move: WorkingCalendar["move"] };
  /** The shipping address at attach; snapshots stored before it, and orders that ship nothing, have none. */
  shipTo?: PostalAddress;
}

export function orderSnapshotToColumn(snapshot: OrderSnapshot): string {
  return toJsonColumn(snapshot);
}

export function orderSnapshotFromColumn(text: string): OrderSnapshot {
  const stored = JSON.parse(text) as StoredOrderSnapshot;
  return {
    currency: stored.currency,
    total: BigInt(stored.total),
    orderDate: stored.orderDate as CalendarDate,
    paymentDueDate: stored.paymentDueDate as CalendarDate,
    dates: stored.dates as Record<string, CalendarDate>,
    taxLines: stored.taxLines.map((line) => ({ title: line.title, amount: BigInt(line.amount) })),
    events: stored.events,
    ...(stored.calendar
      ? { calendar: { closedWeekdays: stored.calendar.closedWeekdays, holidays: stored.calendar.holidays as CalendarDate[], move: stored.calendar.move } }
      : {}),
    ...(stored.shipTo ? { shipTo: stored.shipTo } : {}),
  };
}

export function taxSharesToColumn(shares: readonly TaxLine[]): string {
  return toJsonColumn(shares.map((share) => ({ title: share.title, amountMinor: share.amount })));
}

export function taxSharesFromColumn(text: string): TaxLine[] {
  return (JSON.parse(text) as { title: string; amountMinor: string }[]).map((share) => ({ title: share.title, amount: BigInt(share.amountMinor) }));
}

/**
 * How a stage's dates follow from its rule once frozen: net days, and for a stage still waiting for an event
 * (a milestone, a fulfillment) the trigger and the steps from it to the due date, so a job can date the stage
 * when the event arrives without rebuilding the schedule.
 */
export interface StageDueRule {
  readonly netDays: number;
  readonly trigger?: { readonly trigger: Trigger; readonly steps: readonly DateStep[] };
}

export function dueRuleToColumn(installment: Pick<ScheduledInstallment, "netDays" | "trigger">): string {
  const rule: StageDueRule = { netDays: installment.netDays, ...(installment.trigger ? { trigger: installment.trigger } : {}) };
  return toJsonColumn(rule);
}

export function dueRuleFromColumn(text: string): StageDueRule {
  return JSON.parse(text) as StageDueRule;
}

type StoredCancellation = { settlement: "refund"; amount: string; refundedBefore: string } | { settlement: "keepAsCredit" } | { settlement: "close" };

export function cancellationToColumn(cancellation: Cancellation): string {
  return toJsonColumn(cancellation);
}

export function cancellationFromColumn(text: string | null): Cancellation | null {
  if (text === null) return null;
  const stored = JSON.parse(text) as StoredCancellation;
  if (stored.settlement !== "refund") return stored;
  return { settlement: "refund", amount: stored.amount === "all" ? "all" : BigInt(stored.amount), refundedBefore: BigInt(stored.refundedBefore) };
}

interface StoredPaymentTerms {
  earlyPayment?: { percent: string; until: string; discount: string; payable: string; taxReduction: { title: string; amount: string }[] };
  lateFee?:
    | { kind: "fixedFee"; appliesFrom: string; fee: string }
    | { kind: "interest"; appliesFrom: string; percentPerMonth: string; compound: boolean; onAmount: string; perMonth: string; max?: string };
  pending?: {
    earlyPayment?: { percent: string; withinDays: number };
    lateFee?:
      { kind: "fixed"; fee: string; graceDays: number } | { kind: "interest"; percentPerMonth: string; compound: boolean; graceDays: number; max?: string };
    cashRounding?: { unit: string; method: CashRoundingMethod };
  };
}

/** A stage's early-payment offer and late-fee notice, or the rules that will make them once it is dated; null when none. */
export function paymentTermsToColumn(terms: StagePaymentTerms): string | null {
  const { earlyPayment, lateFee, pending } = terms;
  if (!earlyPayment && !lateFee && !pending) return null;
  return toJsonColumn({ ...(earlyPayment ? { earlyPayment } : {}), ...(lateFee ? { lateFee } : {}), ...(pending ? { pending } : {}) });
}

export function paymentTermsFromColumn(text: string | null): StagePaymentTerms {
  if (text === null) return {};
  const stored = JSON.parse(text) as StoredPaymentTerms;
  return {
    ...(stored.earlyPayment ? { earlyPayment: earlyPaymentFromStored(stored.earlyPayment) } : {}),
    ...(stored.lateFee ? { lateFee: lateFeeFromStored(stored.lateFee) } : {}),
    ...(stored.pending ? { pending: pendingFromStored(stored.pending) } : {}),
  };
}

function pendingFromStored(stored: NonNullable<StoredPaymentTerms["pending"]>): PendingPaymentRules {
  const { earlyPayment, lateFee, cashRounding } = stored;
  const rounding = cashRounding ? { cashRounding: { unit: BigInt(cashRounding.unit), method: cashRounding.method } } : {};
  if (!lateFee) return { ...(earlyPayment ? { earlyPayment } : {}), ...rounding };
  const rule: LateFee =
    lateFee.kind === "fixed"
      ? { kind: "fixed", fee: BigInt(lateFee.fee), graceDays: lateFee.graceDays }
      : {
          kind: "interest",
          percentPerMonth: lateFee.percentPerMonth,
          compound: lateFee.compound,
          graceDays: lateFee.graceDays,
          ...(lateFee.max === undefined ? {} : { max: BigInt(lateFee.max) }),
        };
  return { ...(earlyPayment ? { earlyPayment } : {}), lateFee: rule, ...rounding };
}

function earlyPaymentFromStored(stored: NonNullable<StoredPaymentTerms["earlyPayment"]>): EarlyPaymentOffer {
  return {
    percent: stored.percent,
    until: stored.until as CalendarDate,
    discount: BigInt(stored.discount),
    payable: BigInt(stored.payable),
    taxReduction: stored.taxReduction.map((line) => ({ title: line.title, amount: BigInt(line.amount) })),
  };
}

function lateFeeFromStored(stored: NonNullable<StoredPaymentTerms["lateFee"]>): LateFeeNotice {
  const appliesFrom = stored.appliesFrom as CalendarDate;
  if (stored.kind === "fixedFee") return { kind: "fixedFee", appliesFrom, fee: BigInt(stored.fee) };
  return {
    kind: "interest",
    appliesFrom,
    percentPerMonth: stored.percentPerMonth,
    compound: stored.compound,
    onAmount: BigInt(stored.onAmount),
    perMonth: BigInt(stored.perMonth),
    ...(stored.max === undefined ? {} : { max: BigInt(stored.max) }),
  };
}
