import type { Cancellation } from "../domain/contract/contract-state";
import type { CalendarDate } from "../domain/dates/calendar-date";
import type { Currency } from "../domain/money/currency";
import type { Trigger } from "../domain/plan/plan";
import type { ScheduledInstallment } from "../domain/schedule/build-schedule";
import type { DateStep } from "../domain/schedule/due-dates";
import type { OrderEvents, OrderSnapshot, TaxLine } from "../domain/schedule/order-snapshot";
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
