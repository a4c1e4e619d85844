import type { FieldTargets } from "../forms/field-problems";

/** The working-days form's fields by the name they post under: the id of their input and what the page calls them. */
export const WORKING_DAYS_FIELDS: FieldTargets = {
  closedWeekdays: { fieldId: "working-days-closed", label: "Closed on" },
  holidays: { fieldId: "working-days-holidays", label: "Holidays" },
  moveDueDates: { fieldId: "working-days-move", label: "Due dates on a closed day" },
};

/** The form's intent: the settings page's action hands it to the working-days action. */
export const WORKING_DAYS_INTENT = "workingDays";

/** ISO weekdays, as the checkboxes post them. */
export const WEEKDAY_CHOICES = [
  { label: "Monday", value: "1" },
  { label: "Tuesday", value: "2" },
  { label: "Wednesday", value: "3" },
  { label: "Thursday", value: "4" },
  { label: "Friday", value: "5" },
  { label: "Saturday", value: "6" },
  { label: "Sunday", value: "7" },
];

/** "2027-12-25\n2027-12-26, 2028-01-01" → each date typed; one per line, or separated by commas (semicolons and spaces too). */
export function holidayWords(text: string): string[] {
  return text.split(/[\s,;]+/).filter(Boolean);
}

/** What the browser can tell before a save (the server checks all again): a holiday not written as a date, all days closed. */
export function workingDaysInputErrors(values: { readonly closedWeekdays: readonly string[]; readonly holidays: string }): Record<string, string> {
  const errors: Record<string, string> = {};
  if (new Set(values.closedWeekdays).size >= WEEKDAY_CHOICES.length) errors.closedWeekdays = "at least one weekday must be a working day";
  const notDate = holidayWords(values.holidays).find((word) => !/^\d{4}-\d{2}-\d{2}$/.test(word));
  if (notDate !== undefined) errors.holidays = `“${notDate}” is not a date: type dates as YYYY-MM-DD, like 2027-12-25`;
  return errors;
}

/**
 * Whether the form differs from what is stored, for its save bar: weekdays ticked in another order, or the same
 * holidays laid out another way (one line with commas), are no change.
 */
export function workingDaysChanged(
  values: { readonly closedWeekdays: readonly string[]; readonly holidays: string; readonly moveDueDates: string },
  saved: { readonly closedWeekdays: readonly string[]; readonly holidays: string; readonly moveDueDates: string },
): boolean {
  const weekdays = (days: readonly string[]) => [...new Set(days)].sort().join(",");
  return (
    weekdays(values.closedWeekdays) !== weekdays(saved.closedWeekdays) ||
    holidayWords(values.holidays).join(",") !== holidayWords(saved.holidays).join(",") ||
    values.moveDueDates !== saved.moveDueDates
  );
}
