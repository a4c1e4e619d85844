import type { CalendarDate } from "../dates/calendar-date";
import type { Currency } from "../money/currency";
import { formatMinorUnits } from "../money/minor-units";
import { roundInstallmentsToCashUnit, type CashRounding } from "../payment-rules/cash-rounding";
import { datedStageTerms } from "../documents/stage-payment-terms";
import type { EarlyPaymentOffer } from "../payment-rules/early-payment-discount";
import type { LateFeeNotice } from "../payment-rules/late-fee";
import { paymentRulesInCurrency } from "../payment-rules/payment-rules-config";
import { PlanError } from "../plan-error";
import type { Plan, StageKind, StageSpec, Trigger } from "../plan/plan";
import type { TitlePart } from "../plan/title-template";
import { resolveAmounts } from "./amounts";
import { compiledStagesOf } from "./compiled-plan";
import { resolveDueDates, type DateStep, type StageDates } from "./due-dates";
import { pinFirstAmount } from "./pin-first-amount";
import type { OrderSnapshot, TaxLine } from "./order-snapshot";
import { servicePeriodStages } from "./service-periods";
import { taxLinesByInstallment } from "./tax";
import { TitleRenderer } from "./titles";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface ScheduledInstallment {
  /** 1-based. */
  readonly position: number;
  readonly kind: StageKind;
  readonly title: string;
  /** Minor units, tax included. */
  readonly amount: bigint;
  /** The percentage as written, for percent stages only. */
  readonly rate?: string;
  readonly issueDate: CalendarDate | null;
  readonly dueDate: CalendarDate | null;
  readonly netDays: number;
  /** The event a stage waits for, and the steps from it to the due date (net days included). */
  readonly trigger?: { readonly trigger: Trigger; readonly steps: readonly DateStep[] };
  /** This installment's share of each of the order's tax lines, in the order's tax-line order. */
  readonly tax: readonly TaxLine[];
  /** The plan's early-payment discount on this installment, once it has an issue date (not on a checkout payment). */
  readonly earlyPayment?: EarlyPaymentOffer;
  /** The plan's late fee or interest, as the buyer is told of it before it applies (dated installments only). */
  readonly lateFee?: LateFeeNotice;
}

export interface Schedule {
  readonly currency: Currency;
  readonly total: bigint;
  readonly installments: readonly ScheduledInstallment[];
}

export interface BuildScheduleOptions {
  /**
   * What the first installment must be, whatever the plan says (what Shopify charges at checkout for a native
   * deposit); the last installment absorbs the difference, and tax shares and titles follow the final amounts.
   */
  readonly firstAmount?: bigint;
}

/**
 * Turns a plan and an order into an exact schedule: amounts that sum to the total, every tax line split so its
 * shares sum to it, dates from their anchors in the shop's calendar. Throws PlanError when the plan cannot
 * produce a valid schedule for this order.
 */
export function buildSchedule(plan: Plan, order: OrderSnapshot, options: BuildScheduleOptions = {}): Schedule {
  validateOrder(order);
  const servicePeriods = plan.servicePeriods;
  const compiled = compiledStagesOf(plan, servicePeriods ? () => servicePeriodStages(servicePeriods, order) : undefined);
  const { stages } = compiled;

  const rules = plan.paymentRules ? paymentRulesInCurrency(plan.paymentRules, order.currency, "paymentRules") : undefined;
  const resolved = resolveAmounts(compiled.amounts, order.total, order.currency);
  const pinned = options.firstAmount === undefined ? resolved : pinFirstAmount(resolved, options.firstAmount, order.currency);
  const amounts = rules?.cashRounding ? cashRounded(pinned, rules.cashRounding, order, options.firstAmount !== undefined) : pinned;
  const dates = resolveDueDates(compiled.dates, order);
  const taxes = taxLinesByInstallment(amounts, order.taxLines);

  const titles = new TitleRenderer(order.currency, order.total);
  const installments = new Array<ScheduledInstallment>(stages.length);
  for (let index = 0; index < stages.length; index++) {
    const stage = stages[index] as StageSpec;
    const amount = amounts[index] as bigint;
    const stageDates = dates[index] as StageDates;
    const rate = compiled.rates[index];
    const title = titles.render(compiled.titles[index] as readonly TitlePart[], amount, rate, stageDates);
    const tax = taxes[index] as TaxLine[];
    // Literal objects of one shape, not spreads: this runs for every installment of every schedule.
    const installment: Mutable<ScheduledInstallment> = {
      position: index + 1,
      kind: stage.kind,
      title,
      amount,
      issueDate: stageDates.issueDate,
      dueDate: stageDates.dueDate,
      netDays: stage.netDays,
      tax,
    };
    if (rate !== undefined) installment.rate = rate;
    if (stageDates.pending) installment.trigger = stageDates.pending;
    const paidAtCheckout = index === 0 && stageDates.dueDate === order.orderDate;
    if (rules && stageDates.issueDate !== null && stageDates.dueDate !== null && !paidAtCheckout) {
      const { earlyPayment, lateFee } = datedStageTerms(
        rules,
        { amount, taxLines: tax, owed: amount },
        { issueDate: stageDates.issueDate, dueDate: stageDates.dueDate },
      );
      if (earlyPayment) installment.earlyPayment = earlyPayment;
      if (lateFee) installment.lateFee = lateFee;
    }
    installments[index] = installment;
  }
  return { currency: order.currency, total: order.total, installments };
}

/**
 * Rounds the installments to the smallest coin; a first amount Shopify charges at checkout (native mode) stays as it
 * is, and the last installment holds what rounding leaves, so the amounts still sum to the order's total.
 */
function cashRounded(amounts: readonly bigint[], rounding: CashRounding, order: OrderSnapshot, firstIsPinned: boolean): bigint[] {
  if (!firstIsPinned) return roundInstallmentsToCashUnit(amounts, rounding, order.currency);
  const [first, ...rest] = amounts;
  return rest.length === 0 ? [...amounts] : [first as bigint, ...roundInstallmentsToCashUnit(rest, rounding, order.currency)];
}

function validateOrder(order: OrderSnapshot): void {
  if (order.total <= 0n) throw new PlanError("total", "the order total must be above zero");
  let taxTotal = 0n;
  for (let index = 0; index < order.taxLines.length; index++) {
    const line = order.taxLines[index] as TaxLine;
    if (line.amount < 0n) throw new PlanError(`tax[${index}].amount`, "a tax amount must not be negative");
    taxTotal += line.amount;
  }
  if (taxTotal > order.total) {
    throw new PlanError(
      "tax",
      `the tax lines add up to ${formatMinorUnits(taxTotal, order.currency)}, more than the total ${formatMinorUnits(order.total, order.currency)}`,
    );
  }
}
