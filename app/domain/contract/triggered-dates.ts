import type { CalendarDate } from "../dates/calendar-date";
import type { WorkingCalendar } from "../dates/working-calendar";
import { evaluate, onWorkingDay, stepsToIssue, type DateStep } from "../schedule/due-dates";

export interface TriggeredDates {
  readonly issueDate: CalendarDate;
  readonly dueDate: CalendarDate;
}

/**
 * The dates of a stage that waited for an event, once the event happened: the steps frozen with the stage run
 * from the event's date. The net days and then the customer's payment days are the last steps (schedule/due-dates.ts
 * appends them), so the issue date is the same walk without them. The shop's working calendar, when it has one,
 * moves the due date as at attach.
 */
export function datesFromEvent(eventDate: CalendarDate, steps: readonly DateStep[], netDays: number, calendar?: WorkingCalendar): TriggeredDates {
  const dueDate = evaluate(eventDate, steps, "due");
  const issueDate = evaluate(eventDate, stepsToIssue(steps, netDays), "due");
  if (!calendar) return { issueDate, dueDate };
  const moved = onWorkingDay(issueDate, dueDate, calendar, eventDate);
  return { issueDate: moved.issueDate as CalendarDate, dueDate: moved.dueDate as CalendarDate };
}
