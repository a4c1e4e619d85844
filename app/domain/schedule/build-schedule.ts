import type { CalendarDate } from "../dates/calendar-date";
import type { Currency } from "../money/currency";
import { formatMinorUnits } from "../money/minor-units";
import { PlanError } from "../plan-error";
import type { Plan, StageKind, StageSpec, Trigger } from "../plan/plan";
import { parsePercent } from "../plan/percent";
import { validatePlan } from "../plan/validate-plan";
import { resolveAmounts } from "./amounts";
import { resolveDueDates, type DateStep } from "./due-dates";
import { pinFirstAmount } from "./pin-first-amount";
import type { OrderSnapshot, TaxLine } from "./order-snapshot";
import { servicePeriodStages } from "./service-periods";
import { allocateTaxLines } from "./tax";
import { titleFor } from "./titles";

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
  validatePlan(plan);
  validateOrder(order);
  const stages: readonly StageSpec[] = plan.servicePeriods ? servicePeriodStages(plan.servicePeriods, order) : plan.stages;

  const resolved = resolveAmounts(stages, order.total, order.currency);
  const amounts = options.firstAmount === undefined ? resolved : pinFirstAmount(resolved, options.firstAmount, order.currency);
  const dates = resolveDueDates(stages, order);
  const taxRows = allocateTaxLines(amounts, order.taxLines);

  const installments = stages.map((stage, index): ScheduledInstallment => {
    const amount = amounts[index] as bigint;
    const stageDates = dates[index] as (typeof dates)[number];
    const rate = stage.amount.kind === "percent" ? parsePercent(stage.amount.percent, stage.amountSource).toString() : undefined;
    const title = titleFor(plan, {
      position: index + 1,
      count: stages.length,
      stage,
      amount,
      total: order.total,
      rate,
      dates: stageDates,
      currency: order.currency,
    });
    return {
      position: index + 1,
      kind: stage.kind,
      title,
      amount,
      ...(rate === undefined ? {} : { rate }),
      issueDate: stageDates.issueDate,
      dueDate: stageDates.dueDate,
      netDays: stage.netDays,
      ...(stageDates.pending ? { trigger: stageDates.pending } : {}),
      tax: order.taxLines.map((line, lineIndex) => ({ title: line.title, amount: taxRows[index]?.[lineIndex] ?? 0n })),
    };
  });
  return { currency: order.currency, total: order.total, installments };
}

function validateOrder(order: OrderSnapshot): void {
  if (order.total <= 0n) throw new PlanError("total", "the order total must be above zero");
  let taxTotal = 0n;
  order.taxLines.forEach((line, index) => {
    if (line.amount < 0n) throw new PlanError(`tax[${index}].amount`, "a tax amount must not be negative");
    taxTotal += line.amount;
  });
  if (taxTotal > order.total) {
    throw new PlanError(
      "tax",
      `the tax lines add up to ${formatMinorUnits(taxTotal, order.currency)}, more than the total ${formatMinorUnits(order.total, order.currency)}`,
    );
  }
}
