import type { EmulatorClock } from "../state/clock";

const DAY_MS = 86_400_000;

/** How far to move the emulator's clock: by days and seconds, or to an instant (ISO 8601). */
export interface ClockAdvanceRequest {
  readonly days?: number;
  readonly seconds?: number;
  readonly to?: string;
}

export type ClockAdvanceResult = { readonly ok: true; readonly now: Date } | { readonly ok: false; readonly error: string };

/** Moves the clock as asked, forward only; the JSON API and the control page's forms share it. */
export function advanceClock(clock: EmulatorClock, request: ClockAdvanceRequest): ClockAdvanceResult {
  if (request.to !== undefined) {
    const instant = new Date(request.to);
    if (Number.isNaN(instant.getTime())) return { ok: false, error: `"to" is not an ISO 8601 instant: ${request.to}` };
    if (instant.getTime() < clock.now().getTime()) return { ok: false, error: "the clock only moves forward" };
    return { ok: true, now: clock.advanceTo(instant) };
  }
  const ms = (request.days ?? 0) * DAY_MS + (request.seconds ?? 0) * 1000;
  if (!Number.isFinite(ms) || ms < 0) return { ok: false, error: "give days or seconds, not negative" };
  return { ok: true, now: clock.advance(ms) };
}
