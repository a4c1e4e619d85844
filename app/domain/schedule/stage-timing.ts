import type { CalendarDate } from "../dates/calendar-date";
import type { Offset } from "../dates/offset";
import type { Trigger } from "../plan/plan";
import { ordinal } from "../plan/offset-words";
import type { DateStep } from "./due-dates";

/** What a person needs to know of when a stage is due: its date, or the event it waits for. */
export interface StageTiming {
  /** Paid at checkout (the first stage, due on the order date). */
  readonly atCheckout: boolean;
  readonly dueDate: CalendarDate | null;
  readonly trigger?: { readonly trigger: Trigger; readonly steps: readonly DateStep[] } | undefined;
}

/**
 * A short phrase for staff and buyers: "at checkout", "on 2027-01-20", "when “Ready to ship” is marked",
 * "30 days after the order is fulfilled". A stage whose event came has a date and is described by it.
 */
export function describeStageTiming(timing: StageTiming): string {
  if (timing.atCheckout) return "at checkout";
  if (timing.dueDate) return `on ${timing.dueDate}`;
  if (!timing.trigger) return "later";
  const event = describeEvent(timing.trigger.trigger);
  const steps = timing.trigger.steps;
  if (steps.length === 0) return `when ${event}`;
  return `${steps.map(describeStep).join(", then ")} after ${event}`;
}

function describeEvent(trigger: Trigger): string {
  switch (trigger.event) {
    case "milestone":
      return `“${trigger.milestone}” is marked`;
    case "fulfillmentCreated":
      return "the order ships";
    case "orderFulfilled":
      return "the order is fulfilled";
  }
}

function describeStep(step: DateStep): string {
  if ("onDay" in step) return step.onDay === 31 ? "at the end of that month" : `on day ${step.onDay} of that month`;
  if ("nextDays" in step) return `on the next ${step.nextDays.map(ordinal).join(" or ")} of a month`;
  return describeOffset(step);
}

function describeOffset(offset: Offset): string {
  return `${offset.count} ${offset.unit}${offset.count === 1 ? "" : "s"}`;
}
