import { addDays, calendarDateAt, daysInMonthOf, firstOfMonth, startOfDayIn, withDayOfMonth, type CalendarDate } from "../dates/calendar-date";
import type { ContractStatus } from "./contract-state";

/**
 * Where the dashboard's figures are cut, in the shop's calendar. The figures themselves are summed by the database
 * (app/models/portfolio.server.ts) over every contract; the dates are decided here, once.
 *
 * A stage counts while its status still expects money (UNPAID_STAGE_STATUSES), it has a due date and some of it is
 * unpaid, and its contract is not cancelled: its open amount (amount − paid) is overdue when due before `today`,
 * due this week when due from `today` to `weekEnd`, due this month when due from `today` to `monthEnd`.
 */
export interface PortfolioPeriod {
  readonly today: CalendarDate;
  /** The Sunday ending today's week (weeks start on Monday): it may fall in the next month. */
  readonly weekEnd: CalendarDate;
  readonly monthEnd: CalendarDate;
  /** "Collected this month" is the ledger's money (refunds aside) recorded from this instant, the month's first day's start… */
  readonly monthStartsAt: Date;
  /** …to this one, the start of tomorrow (excluded): a payment dated after today is not collected yet. */
  readonly todayEndsAt: Date;
}

/** Minor units of one currency. */
export interface CurrencyFigures {
  readonly dueThisWeek: bigint;
  readonly dueThisMonth: bigint;
  readonly overdue: bigint;
  readonly collectedThisMonth: bigint;
}

export interface PortfolioFigures {
  /** Per currency, the one of the newest contract first: money in different currencies is never added up. */
  readonly byCurrency: ReadonlyMap<string, CurrencyFigures>;
  /** Every contract of the shop, cancelled ones included. */
  readonly contractsByStatus: Readonly<Record<ContractStatus, number>>;
}

/** The period of the dashboard at `now` for a shop whose calendar is `timeZone`. */
export function portfolioPeriod(now: Date, timeZone: string): PortfolioPeriod {
  const today = calendarDateAt(now, timeZone);
  return {
    today,
    weekEnd: endOfWeek(today),
    monthEnd: withDayOfMonth(today, daysInMonthOf(today)),
    monthStartsAt: startOfDayIn(firstOfMonth(today), timeZone),
    todayEndsAt: startOfDayIn(addDays(today, 1), timeZone),
  };
}

/** The Sunday ending the Monday-first week of `date`. */
export function endOfWeek(date: CalendarDate): CalendarDate {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, (7 - weekday) % 7);
}
