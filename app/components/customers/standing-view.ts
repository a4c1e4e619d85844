import type { ReliabilityBand, ReliabilityScore } from "../../domain/customers/reliability-score";
import { currencyFor } from "../../domain/money/currency";
import { formatMinorUnits } from "../../domain/money/minor-units";

/** A customer's standing as a page's data carries it (JSON: amounts as decimal strings in major units). */
export type StandingView =
  | { readonly kind: "noHistory"; readonly notYetDue: number }
  | {
      readonly kind: "scored";
      readonly score: number;
      readonly band: ReliabilityBand;
      readonly counted: number;
      readonly onTime: number;
      readonly late: number;
      readonly overdue: number;
      /** 0 to 100, whole. */
      readonly onTimePercent: number;
      /** Rounded to one decimal; null when no stage was late. */
      readonly averageDaysLate: number | null;
      readonly worstDaysLate: number;
      readonly overdueNow: readonly { readonly currency: string; readonly amount: string }[];
    };

export function standingView(score: ReliabilityScore): StandingView {
  if (score.kind === "noHistory") return score;
  const { parts } = score;
  return {
    kind: "scored",
    score: score.score,
    band: score.band,
    counted: parts.counted,
    onTime: parts.onTime,
    late: parts.late,
    overdue: parts.overdue,
    onTimePercent: Math.round(parts.onTimeShare * 100),
    averageDaysLate: parts.averageDaysLate === null ? null : Math.round(parts.averageDaysLate * 10) / 10,
    worstDaysLate: parts.worstDaysLate,
    overdueNow: parts.overdueNow.map((line) => ({ currency: line.currency, amount: formatMinorUnits(line.amountMinor, currencyFor(line.currency)) })),
  };
}

export const BAND_LABELS: Readonly<Record<ReliabilityBand, string>> = { reliable: "Reliable", watch: "Watch", risky: "Risky" };

/** "1 day", "12 days". */
export function daysText(days: number, count: (n: number) => string): string {
  return `${count(days)} ${days === 1 ? "day" : "days"}`;
}
