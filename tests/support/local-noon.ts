import { addDays, calendarDateAt, startOfDayIn } from "../../app/domain/dates/calendar-date";
import type { EmulatorClock } from "../../emulator/state/clock";

const HOUR_MS = 3_600_000;

/**
 * Moves the emulator's clock to the next noon in a shop's zone, so that a test which marks a milestone and then reads
 * the stage it made due runs on one local day, whenever CI happens to start it (midnight in Berlin is 23:00 UTC).
 */
export function advanceToLocalNoon(clock: EmulatorClock, timeZone: string): Date {
  const today = calendarDateAt(clock.now(), timeZone);
  const noonToday = new Date(startOfDayIn(today, timeZone).getTime() + 12 * HOUR_MS);
  const noon = noonToday > clock.now() ? noonToday : new Date(startOfDayIn(addDays(today, 1), timeZone).getTime() + 12 * HOUR_MS);
  return clock.advanceTo(noon);
}
