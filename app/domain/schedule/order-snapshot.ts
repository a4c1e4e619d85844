import type { CalendarDate } from "../dates/calendar-date";
import type { WorkingCalendar } from "../dates/working-calendar";
import type { Currency } from "../money/currency";

/** A tax line of the order (`VAT 19%`), in minor units. */
export interface TaxLine {
  readonly title: string;
  readonly amount: bigint;
}

/** A postal address as the order gives it: a two-letter country code, the rest when known. */
export interface PostalAddress {
  readonly line1: string | null;
  readonly city: string | null;
  /** The state or province code (`WA`, `ON`). */
  readonly region: string | null;
  readonly postalCode: string | null;
  readonly country: string;
}

/** Dates of events that trigger stages, once they have happened. */
export interface OrderEvents {
  readonly fulfillmentCreated?: CalendarDate;
  readonly orderFulfilled?: CalendarDate;
  readonly milestones?: Readonly<Record<string, CalendarDate>>;
}

/**
 * What the schedule builder needs to know about an order, frozen at the moment a plan is applied. All dates
 * are calendar dates in the shop's time zone; `total` is the grand total (lines, discounts, shipping and tax).
 */
export interface OrderSnapshot {
  readonly currency: Currency;
  readonly total: bigint;
  readonly orderDate: CalendarDate;
  /** The invoice's payment due date; JustOn-style periods run from it. Defaults to the order date. */
  readonly paymentDueDate: CalendarDate;
  /** Named dates of the order (draft-order custom attributes or metafields), for date references. */
  readonly dates: Readonly<Record<string, CalendarDate>>;
  readonly taxLines: readonly TaxLine[];
  readonly events: OrderEvents;
  /** The shop's working days, when it moves due dates off weekends and holidays; absent: dates stay as the plan gives them. */
  readonly calendar?: WorkingCalendar;
  /** Where the goods go (the draft's shipping address), for destination-based tax; absent when nothing ships. */
  readonly shipTo?: PostalAddress;
}
