import type { CalendarDate } from "../dates/calendar-date";

/** Money received on a stage, on the shop's calendar day it arrived. */
export interface DatedPayment {
  readonly paidOn: CalendarDate;
  readonly amount: bigint;
}

/** What the stage had received by the end of `day` (payments on that day count). */
export function paidBy(payments: readonly DatedPayment[], day: CalendarDate): bigint {
  return payments.reduce((sum, payment) => (payment.paidOn <= day ? sum + payment.amount : sum), 0n);
}
