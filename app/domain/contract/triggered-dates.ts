import type { CalendarDate } from "../dates/calendar-date";
import { evaluate, type DateStep } from "../schedule/due-dates";

export interface TriggeredDates {
  readonly issueDate: CalendarDate;
  readonly dueDate: CalendarDate;
}

/**
 * The dates of a stage that waited for an event, once the event happened: the steps frozen with the stage run
 * from the event's date. The net days are the last step (schedule/due-dates.ts appends them), so the issue date
 * is the same walk without them.
 */
export function datesFromEvent(eventDate: CalendarDate, steps: readonly DateStep[], netDays: number): TriggeredDates {
  const dueDate = evaluate({ anchor: { date: eventDate }, steps }, "due");
  const issueSteps = netDays > 0 ? steps.slice(0, -1) : steps;
  return { issueDate: evaluate({ anchor: { date: eventDate }, steps: issueSteps }, "due"), dueDate };
}
