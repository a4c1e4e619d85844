import type { Offset } from "../dates/offset";
import type { DateStep } from "../schedule/due-dates";

/** A distance in words for people: `30 days`, `1 month`. */
export function describeOffset(offset: Offset): string {
  return `${offset.count} ${offset.unit}${offset.count === 1 ? "" : "s"}`;
}

/** Steps from an anchor in words: `1 month + 5 days`, `1 month + on day 15`. */
export function describeSteps(steps: readonly DateStep[]): string {
  return steps.map((step) => ("onDay" in step ? `on day ${step.onDay}` : describeOffset(step))).join(" + ");
}
