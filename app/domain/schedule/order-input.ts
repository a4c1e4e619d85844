import { assertTimeZone, calendarDateAt, parseCalendarDate, type CalendarDate } from "../dates/calendar-date";
import { validateWorkingCalendar, type WorkingCalendar } from "../dates/working-calendar";
import { currencyFor } from "../money/currency";
import { toMinorUnits } from "../money/minor-units";
import { PlanError } from "../plan-error";
import type { OrderEvents, OrderSnapshot, PostalAddress, TaxLine } from "./order-snapshot";

/** An order as people and Shopify write it: decimal strings, date strings, instants. */
export interface OrderInput {
  readonly total: string;
  readonly currency: string;
  /** IANA zone of the shop; instants become calendar dates in it. */
  readonly timeZone: string;
  /** `YYYY-MM-DD`, or an ISO instant converted to the shop's date; defaults to the date at `now`. */
  readonly orderDate?: string;
  /** Defaults to the order date. */
  readonly paymentDueDate?: string;
  readonly dates?: Readonly<Record<string, string>>;
  readonly taxLines?: readonly { readonly title: string; readonly amount: string }[];
  readonly events?: {
    readonly fulfillmentCreated?: string;
    readonly orderFulfilled?: string;
    readonly milestones?: Readonly<Record<string, string>>;
  };
  /** The shop's working days, when it moves due dates off closed days; holidays as `YYYY-MM-DD`. */
  readonly calendar?: {
    readonly closedWeekdays: readonly number[];
    readonly holidays: readonly string[];
    readonly move: WorkingCalendar["move"];
  };
  /** The shipping address; absent or null when nothing ships. */
  readonly shipTo?: {
    readonly line1?: string | null;
    readonly city?: string | null;
    readonly region?: string | null;
    readonly postalCode?: string | null;
    readonly country: string;
  } | null;
  readonly now: Date;
}

/** Converts and checks an order input at the boundary: money into minor units, dates into the shop's calendar. */
export function orderSnapshotFromInput(input: OrderInput): OrderSnapshot {
  assertTimeZone(input.timeZone, "tz");
  const currency = currencyFor(input.currency);
  const total = toMinorUnits(input.total, currency, "total");
  const orderDate = input.orderDate === undefined ? calendarDateAt(input.now, input.timeZone) : shopDate(input.orderDate, input.timeZone, "orderDate");
  const taxLines: TaxLine[] = (input.taxLines ?? []).map((line, index) => {
    if (typeof line.title !== "string" || line.title.trim() === "") throw new PlanError(`tax[${index}].title`, "a tax line needs a title");
    return { title: line.title, amount: toMinorUnits(String(line.amount), currency, `tax[${index}].amount`) };
  });
  const dates = Object.fromEntries(Object.entries(input.dates ?? {}).map(([field, text]) => [field, shopDate(text, input.timeZone, `date ${field}`)]));
  const milestones = Object.fromEntries(
    Object.entries(input.events?.milestones ?? {}).map(([name, text]) => [name, shopDate(text, input.timeZone, `milestone ${name}`)]),
  );
  const events: OrderEvents = {
    ...(input.events?.fulfillmentCreated ? { fulfillmentCreated: shopDate(input.events.fulfillmentCreated, input.timeZone, "fulfillmentCreated") } : {}),
    ...(input.events?.orderFulfilled ? { orderFulfilled: shopDate(input.events.orderFulfilled, input.timeZone, "orderFulfilled") } : {}),
    ...(Object.keys(milestones).length ? { milestones } : {}),
  };
  return {
    currency,
    total,
    orderDate,
    paymentDueDate: input.paymentDueDate === undefined ? orderDate : shopDate(input.paymentDueDate, input.timeZone, "due"),
    dates,
    taxLines,
    events,
    ...(input.calendar ? { calendar: workingCalendarOf(input.calendar) } : {}),
    ...(input.shipTo ? { shipTo: postalAddressOf(input.shipTo) } : {}),
  };
}

function postalAddressOf(input: NonNullable<OrderInput["shipTo"]>): PostalAddress {
  const country = input.country.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) throw new PlanError("shipTo.country", `"${input.country}" is not a two-letter country code`);
  const text = (value: string | null | undefined) => value?.trim() || null;
  return { line1: text(input.line1), city: text(input.city), region: text(input.region), postalCode: text(input.postalCode), country };
}

function workingCalendarOf(input: NonNullable<OrderInput["calendar"]>): WorkingCalendar {
  const calendar: WorkingCalendar = {
    closedWeekdays: input.closedWeekdays,
    holidays: input.holidays.map((text, index) => parseCalendarDate(text, `calendar.holidays[${index}]`)),
    move: input.move,
  };
  validateWorkingCalendar(calendar);
  return calendar;
}

/** A calendar date as given, or the shop's date at an ISO instant (`2027-01-31T23:30:00Z`). */
function shopDate(text: string, timeZone: string, key: string): CalendarDate {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text.trim())) return parseCalendarDate(text, key);
  const instant = /^\d{4}-\d{2}-\d{2}T/.test(text) ? new Date(text) : undefined;
  if (!instant || Number.isNaN(instant.getTime())) {
    throw new PlanError(key, `"${text}" is not a date (YYYY-MM-DD) or an ISO 8601 instant`);
  }
  return calendarDateAt(instant, timeZone);
}
