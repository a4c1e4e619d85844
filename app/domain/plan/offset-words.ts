import type { Offset } from "../dates/offset";
import type { DateStep } from "../schedule/due-dates";

/** A distance in words for people: `30 days`, `1 month`. */
export function describeOffset(offset: Offset): string {
  return `${offset.count} ${offset.unit}${offset.count === 1 ? "" : "s"}`;
}

/** Steps from an anchor in words: `1 month + 5 days`, `1 month + on day 15`, `30 days + on the next 5th or 20th`. */
export function describeSteps(steps: readonly DateStep[]): string {
  return steps.map(describeStep).join(" + ");
}

function describeStep(step: DateStep): string {
  if ("onDay" in step) return step.onDay === 31 ? "at the end of the month" : `on day ${step.onDay}`;
  if ("nextDays" in step) return `on the next ${step.nextDays.map(ordinal).join(" or ")}`;
  return describeOffset(step);
}

/** 1st, 2nd, 3rd, 4th … 21st, 22nd, 23rd, 31st. */
export function ordinal(day: number): string {
  const teen = day % 100 >= 11 && day % 100 <= 13;
  const suffix = teen ? "th" : (["th", "st", "nd", "rd"][day % 10] ?? "th");
  return `${day}${suffix}`;
}
