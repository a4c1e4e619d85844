import { PlanError } from "../plan-error";
import { addDays, addMonths, type CalendarDate } from "./calendar-date";

export type OffsetUnit = "day" | "week" | "month";

/** A distance in the calendar: `30d`, `2w`, `1m`. */
export interface Offset {
  readonly count: number;
  readonly unit: OffsetUnit;
}

const UNIT_BY_LETTER: Readonly<Record<string, OffsetUnit>> = { d: "day", w: "week", m: "month" };
const LETTER_BY_UNIT: Readonly<Record<OffsetUnit, string>> = { day: "d", week: "w", month: "m" };
const MAX_COUNT = 100_000;

/** Parses `30d`, `2w` or `1m` (no sign; zero allowed). */
export function parseOffset(text: string, key: string, column?: number): Offset {
  const match = /^(\d+)([dwm])$/.exec(text.trim());
  if (!match) {
    throw new PlanError(key, `"${text}" is not a distance like 30d, 2w or 1m (d = days, w = weeks, m = months)`, column);
  }
  const count = Number(match[1]);
  if (count > MAX_COUNT) throw new PlanError(key, `"${text}" is too long a distance`, column);
  return { count, unit: UNIT_BY_LETTER[match[2] as string] as OffsetUnit };
}

export function formatOffset(offset: Offset): string {
  return `${offset.count}${LETTER_BY_UNIT[offset.unit]}`;
}

/** Days and weeks count in days; months in months. Offsets of one kind can be summed without changing a date. */
function inDays(offset: Offset): number {
  return offset.unit === "week" ? offset.count * 7 : offset.count;
}

/**
 * Sums consecutive offsets of the same kind so that a chain of monthly steps is applied as one step from its
 * anchor: Jan 31 + [1m, 1m] becomes Jan 31 + 2m = Mar 31, never Feb 28 + 1m = Mar 28.
 */
export function mergeOffsets(offsets: readonly Offset[]): Offset[] {
  const merged: Offset[] = [];
  for (const offset of offsets) {
    const previous = merged[merged.length - 1];
    const isMonths = offset.unit === "month";
    if (previous && (previous.unit === "month") === isMonths) {
      merged[merged.length - 1] = isMonths
        ? { count: previous.count + offset.count, unit: "month" }
        : { count: inDays(previous) + inDays(offset), unit: "day" };
    } else if (offset.count !== 0) {
      merged.push(isMonths ? offset : { count: inDays(offset), unit: "day" });
    }
  }
  return merged.filter((offset) => offset.count !== 0);
}

export function scaleOffset(offset: Offset, times: number): Offset {
  return { count: offset.count * times, unit: offset.unit };
}

/** Applies offsets in order from the anchor, after merging (see mergeOffsets). */
export function applyOffsets(anchor: CalendarDate, offsets: readonly Offset[], key: string): CalendarDate {
  return mergeOffsets(offsets).reduce(
    (date, offset) => (offset.unit === "month" ? addMonths(date, offset.count, key) : addDays(date, inDays(offset), key)),
    anchor,
  );
}
