import { addDays, addMonths, daysBetween, firstOfMonth, type CalendarDate } from "../dates/calendar-date";
import type { JournalEntry, JournalEntryKind } from "./journal-types";

export type BooksPeriod = "month" | "week";

export interface RollForwardRow {
  readonly periodStart: CalendarDate;
  readonly periodEnd: CalendarDate;
  readonly currency: string;
  readonly openingMinor: bigint;
  readonly invoicedBeforeShippingMinor: bigint;
  readonly recognisedOnShippingMinor: bigint;
  readonly recognisedOnCancellationMinor: bigint;
  readonly refundsAndCreditsMinor: bigint;
  readonly movedToCustomerCreditMinor: bigint;
  readonly closingMinor: bigint;
  readonly revenueRecognisedMinor: bigint;
}

export interface Period {
  readonly start: CalendarDate;
  readonly end: CalendarDate;
}

/** A known Monday: weeks run Monday to Sunday (ISO 8601). */
const A_MONDAY = "1900-01-01" as CalendarDate;

/** Calendar months or ISO weeks covering [from, to]; the first and last are cut to the range. */
export function periodsOf(from: CalendarDate, to: CalendarDate, period: BooksPeriod): Period[] {
  if (to < from) throw new RangeError(`the range ends (${to}) before it starts (${from})`);
  const periods: Period[] = [];
  let start = period === "month" ? firstOfMonth(from) : addDays(from, -(((daysBetween(A_MONDAY, from) % 7) + 7) % 7));
  while (start <= to) {
    const next = period === "month" ? addMonths(start, 1) : addDays(start, 7);
    const end = addDays(next, -1);
    periods.push({ start: start < from ? from : start, end: end > to ? to : end });
    start = next;
  }
  return periods;
}

type Movement = "invoicedBeforeShipping" | "recognisedOnShipping" | "recognisedOnCancellation" | "refundsAndCredits" | "movedToCustomerCredit";

/** Which roll-forward column a movement of the contract liability belongs to, by the event that made it. */
const MOVEMENT_OF: Record<JournalEntryKind, Movement | null> = {
  invoice: "invoicedBeforeShipping",
  payment: null,
  // A discount granted before shipping lowers the liability like a credit note.
  earlyPaymentDiscount: "refundsAndCredits",
  recognition: "recognisedOnShipping",
  refund: "refundsAndCredits",
  cancellationCredit: "refundsAndCredits",
  cancellationEarned: "recognisedOnCancellation",
  cancellationToCredit: "movedToCustomerCredit",
  // A late fee is income of its own, never in the contract liability.
  lateFeeWaived: null,
};

interface Totals {
  invoicedBeforeShipping: bigint;
  recognisedOnShipping: bigint;
  recognisedOnCancellation: bigint;
  refundsAndCredits: bigint;
  movedToCustomerCredit: bigint;
  revenue: bigint;
}

const emptyTotals = (): Totals => ({
  invoicedBeforeShipping: 0n,
  recognisedOnShipping: 0n,
  recognisedOnCancellation: 0n,
  refundsAndCredits: 0n,
  movedToCustomerCredit: 0n,
  revenue: 0n,
});

/**
 * The deferred revenue roll-forward, fed journal entries one at a time in any order (so a caller can stream them):
 * entries before the range make the opening balance, entries after it are ignored. The contract liability is a
 * credit balance; each column is the movement its events made (increases for invoices, decreases for the others),
 * so opening + invoiced − recognised − refunds − moved to credit = closing, exactly.
 */
export class RollForward {
  private readonly periods: Period[];
  private readonly opening = new Map<string, bigint>();
  private readonly totals = new Map<string, Totals[]>();

  constructor(
    private readonly from: CalendarDate,
    private readonly to: CalendarDate,
    period: BooksPeriod,
  ) {
    this.periods = periodsOf(from, to, period);
  }

  add(entry: JournalEntry): void {
    if (entry.date > this.to) return;
    const liability = entry.lines.filter((line) => line.account === "contractLiability").reduce((sum, line) => sum + line.creditMinor - line.debitMinor, 0n);
    if (entry.date < this.from) {
      this.opening.set(entry.currency, (this.opening.get(entry.currency) ?? 0n) + liability);
      return;
    }
    const index = this.periods.findIndex((period) => entry.date <= period.end);
    const totals = this.totalsOf(entry.currency)[index];
    if (!totals) return;
    const movement = MOVEMENT_OF[entry.kind];
    if (movement === "invoicedBeforeShipping") totals.invoicedBeforeShipping += liability;
    else if (movement !== null) totals[movement] -= liability;
    totals.revenue += entry.lines.filter((line) => line.account === "revenue").reduce((sum, line) => sum + line.creditMinor - line.debitMinor, 0n);
  }

  /** One row per period and currency, currencies in alphabetical order, for every currency with a balance or a movement. */
  rows(): RollForwardRow[] {
    const currencies = [...new Set([...this.opening.keys(), ...this.totals.keys()])].sort();
    return currencies.flatMap((currency) => {
      let balance = this.opening.get(currency) ?? 0n;
      const totals = this.totalsOf(currency);
      return this.periods.map((period, index) => {
        const t = totals[index] ?? emptyTotals();
        const opening = balance;
        balance = opening + t.invoicedBeforeShipping - t.recognisedOnShipping - t.recognisedOnCancellation - t.refundsAndCredits - t.movedToCustomerCredit;
        return {
          periodStart: period.start,
          periodEnd: period.end,
          currency,
          openingMinor: opening,
          invoicedBeforeShippingMinor: t.invoicedBeforeShipping,
          recognisedOnShippingMinor: t.recognisedOnShipping,
          recognisedOnCancellationMinor: t.recognisedOnCancellation,
          refundsAndCreditsMinor: t.refundsAndCredits,
          movedToCustomerCreditMinor: t.movedToCustomerCredit,
          closingMinor: balance,
          revenueRecognisedMinor: t.revenue,
        };
      });
    });
  }

  private totalsOf(currency: string): Totals[] {
    let totals = this.totals.get(currency);
    if (!totals) {
      totals = this.periods.map(emptyTotals);
      this.totals.set(currency, totals);
    }
    return totals;
  }
}
