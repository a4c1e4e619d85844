import type { AuditStage, AuditStageChange } from "../contract/describe-revision";
import type { CalendarDate } from "../dates/calendar-date";
import type { Trigger } from "../plan/plan";
import type { ScheduleChange } from "./buyer-email";

/** A trigger as an email's payload keeps it ("fulfillmentCreated", "milestone:Frame built"): words are chosen at render. */
export function triggerOfKey(key: string): Trigger | null {
  if (key === "fulfillmentCreated" || key === "orderFulfilled") return { event: key };
  return key.startsWith("milestone:") ? { event: "milestone", milestone: key.slice("milestone:".length) } : null;
}

/** What the buyer is told of a schedule revision: each changed stage's amount and date before and after. */
export function scheduleChangesOf(changes: readonly AuditStageChange[]): ScheduleChange[] {
  return changes.map((change) => ({
    position: change.position,
    title: (change.after ?? change.before)?.title ?? `Payment ${change.position}`,
    before: sideOf(change.before),
    after: sideOf(change.after),
  }));
}

function sideOf(stage: AuditStage | null): ScheduleChange["before"] {
  if (!stage) return null;
  const trigger = stage.trigger;
  return {
    amountMinor: BigInt(stage.amountMinor),
    dueDate: stage.dueDate as CalendarDate | null,
    waitsFor: trigger ? (trigger.event === "milestone" ? `milestone:${trigger.milestone ?? ""}` : trigger.event) : null,
  };
}
