import { addDays, daysInMonthOf, firstOfMonth, isBefore, withDayOfMonth, type CalendarDate } from "../dates/calendar-date";
import type { ContractStatus } from "./contract-state";
import { UNPAID_STAGE_STATUSES, type StageStatus } from "./stage-status";

export interface PortfolioStage {
  readonly status: StageStatus;
  /** Minor units. */
  readonly amount: bigint;
  readonly paid: bigint;
  readonly dueDate: CalendarDate | null;
}

export interface PortfolioContract {
  readonly status: ContractStatus;
  readonly currency: string;
  readonly stages: readonly PortfolioStage[];
}

/** Money the ledger recorded, dated in the shop's calendar. */
export interface PortfolioPayment {
  readonly currency: string;
  readonly amount: bigint;
  readonly date: CalendarDate;
}

/** Minor units of one currency. */
export interface CurrencyFigures {
  /** Unpaid and due from today to Sunday (weeks start on Monday). */
  readonly dueThisWeek: bigint;
  /** Unpaid and due from today to the month's last day. */
  readonly dueThisMonth: bigint;
  /** Unpaid and due before today. */
  readonly overdue: bigint;
  /** Recorded from the month's first day to today. */
  readonly collectedThisMonth: bigint;
}

export interface PortfolioFigures {
  /** Per currency, in the order first met: money in different currencies is never added up. */
  readonly byCurrency: ReadonlyMap<string, CurrencyFigures>;
  readonly contractsByStatus: Readonly<Record<ContractStatus, number>>;
}

const NO_MONEY: CurrencyFigures = { dueThisWeek: 0n, dueThisMonth: 0n, overdue: 0n, collectedThisMonth: 0n };

/** The dashboard's figures for a shop's contracts on `today` (the shop's calendar). Cancelled contracts owe nothing. */
export function portfolioFigures(contracts: readonly PortfolioContract[], payments: readonly PortfolioPayment[], today: CalendarDate): PortfolioFigures {
  const weekEnd = endOfWeek(today);
  const monthEnd = withDayOfMonth(today, daysInMonthOf(today));
  const monthStart = firstOfMonth(today);
  const byCurrency = new Map<string, CurrencyFigures>();
  const add = (currency: string, changes: Partial<CurrencyFigures>) => {
    const current = byCurrency.get(currency) ?? NO_MONEY;
    byCurrency.set(currency, {
      dueThisWeek: current.dueThisWeek + (changes.dueThisWeek ?? 0n),
      dueThisMonth: current.dueThisMonth + (changes.dueThisMonth ?? 0n),
      overdue: current.overdue + (changes.overdue ?? 0n),
      collectedThisMonth: current.collectedThisMonth + (changes.collectedThisMonth ?? 0n),
    });
  };
  const contractsByStatus: Record<ContractStatus, number> = { pending: 0, awaitingDeposit: 0, active: 0, completed: 0, cancelled: 0 };

  for (const contract of contracts) {
    contractsByStatus[contract.status] += 1;
    if (!byCurrency.has(contract.currency)) add(contract.currency, {});
    if (contract.status === "cancelled") continue;
    for (const stage of contract.stages) {
      const open = stage.amount > stage.paid ? stage.amount - stage.paid : 0n;
      if (open === 0n || stage.dueDate === null || !UNPAID_STAGE_STATUSES.includes(stage.status)) continue;
      if (isBefore(stage.dueDate, today)) add(contract.currency, { overdue: open });
      else {
        if (!isBefore(weekEnd, stage.dueDate)) add(contract.currency, { dueThisWeek: open });
        if (!isBefore(monthEnd, stage.dueDate)) add(contract.currency, { dueThisMonth: open });
      }
    }
  }
  for (const payment of payments) {
    if (!isBefore(payment.date, monthStart) && !isBefore(today, payment.date)) add(payment.currency, { collectedThisMonth: payment.amount });
  }
  return { byCurrency, contractsByStatus };
}

/** The Sunday ending the Monday-first week of `date`. */
export function endOfWeek(date: CalendarDate): CalendarDate {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, (7 - weekday) % 7);
}
