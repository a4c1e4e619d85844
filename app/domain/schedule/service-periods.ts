import { addDays, addMonths, daysBetween, firstOfMonth, isBefore, type CalendarDate } from "../dates/calendar-date";
import { allocateByRatios } from "../money/allocate";
import { formatMinorUnits } from "../money/minor-units";
import { PlanError } from "../plan-error";
import { MAX_INSTALLMENTS, type ServicePeriodRule, type StageSpec } from "../plan/plan";
import type { OrderSnapshot } from "./order-snapshot";

/**
 * Stages for a service-period plan: one per calendar month (or calendar quarter, starting January, April,
 * July, October) that the service period touches, due on its first service day, with a fixed amount that is the
 * period's share of the total by service days (largest-remainder rounding).
 */
export function servicePeriodStages(rule: ServicePeriodRule, order: OrderSnapshot): StageSpec[] {
  const start = namedDate(order, rule.startField, rule);
  const end = namedDate(order, rule.endField, rule);
  if (isBefore(end, start)) {
    throw new PlanError(rule.source.key, `the service period ends (${end}) before it starts (${start})`, rule.source.column);
  }
  const periods: { from: CalendarDate; days: number }[] = [];
  for (let from = start; !isBefore(end, from);) {
    const next = nextPeriodStart(from, rule.unit);
    const last = isBefore(end, addDays(next, -1)) ? end : addDays(next, -1);
    periods.push({ from, days: daysBetween(from, last) + 1 });
    if (periods.length > MAX_INSTALLMENTS) {
      throw new PlanError(rule.source.key, `the service period spans more than ${MAX_INSTALLMENTS} ${rule.unit}s`, rule.source.column);
    }
    from = next;
  }
  const amounts = allocateByRatios(
    order.total,
    periods.map((period) => BigInt(period.days)),
  );
  return periods.map((period, index) => ({
    kind: "installment",
    amount: { kind: "fixed", amount: formatMinorUnits(amounts[index] as bigint, order.currency) },
    due: { kind: "fixedDate", date: period.from },
    netDays: 0,
    amountSource: rule.source,
    dueSource: rule.source,
  }));
}

function namedDate(order: OrderSnapshot, field: string, rule: ServicePeriodRule): CalendarDate {
  const date = order.dates[field];
  if (date === undefined) {
    throw new PlanError(rule.source.key, `service-period plans need the order date "${field}"`, rule.source.column);
  }
  return date;
}

function nextPeriodStart(date: CalendarDate, unit: "month" | "quarter"): CalendarDate {
  const month = Number(date.slice(5, 7));
  const monthsToNext = unit === "month" ? 1 : 3 - ((month - 1) % 3);
  return addMonths(firstOfMonth(date), monthsToNext);
}
