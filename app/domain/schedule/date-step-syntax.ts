import { formatOffset, parseOffset } from "../dates/offset";
import { PlanError } from "../plan-error";
import type { DateStep } from "./due-dates";

const DAY = /^day\s+(\d{1,2})$/i;
const END_OF_MONTH = /^(eom|end of (the )?month)$/i;
const NEXT_DAYS = /^next\s+day\s+(\d{1,2}(?:\s*\/\s*\d{1,2})*)$/i;

/**
 * Reads one step as plans and schedule forms write it: `30d`, `2w`, `1m`; `day 15` (day 15 of that month);
 * `end of month` (or `eom`); `next day 5/20` (the next 5th or 20th on or after the date).
 */
export function parseDateStep(text: string, key: string, column?: number): DateStep {
  const trimmed = text.trim();
  if (END_OF_MONTH.test(trimmed)) return { onDay: 31 };
  const day = DAY.exec(trimmed);
  if (day) return { onDay: dayOfMonth(day[1] as string, text, key, column) };
  const next = NEXT_DAYS.exec(trimmed);
  if (next) {
    const days = (next[1] as string).split("/").map((part) => dayOfMonth(part.trim(), text, key, column));
    return { nextDays: [...new Set(days)].sort((a, b) => a - b) };
  }
  if (/^\d+[dwm]$/i.test(trimmed)) return parseOffset(trimmed.toLowerCase(), key, column);
  throw new PlanError(key, `"${text}" is not a step like 30d, 2w, 1m, day 15, end of month or next day 5/20`, column);
}

function dayOfMonth(digits: string, text: string, key: string, column: number | undefined): number {
  const day = Number(digits);
  if (day < 1 || day > 31) throw new PlanError(key, `"${text}": a day of the month is from 1 to 31`, column);
  return day;
}

export function formatDateStep(step: DateStep): string {
  if ("onDay" in step) return step.onDay === 31 ? "end of month" : `day ${step.onDay}`;
  if ("nextDays" in step) return `next day ${step.nextDays.join("/")}`;
  return formatOffset(step);
}

/** Whether a step read from stored or submitted JSON is one the engine can apply. */
export function isValidDateStep(step: DateStep, maxCount: number): boolean {
  const validDay = (day: number) => Number.isInteger(day) && day >= 1 && day <= 31;
  if ("onDay" in step) return validDay(step.onDay);
  if ("nextDays" in step) return Array.isArray(step.nextDays) && step.nextDays.length > 0 && step.nextDays.every(validDay);
  return Number.isInteger(step.count) && step.count >= 0 && step.count <= maxCount;
}
