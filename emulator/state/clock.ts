/**
 * The emulator's clock: real time plus an offset the tests and the demo move forward to make stages fall due.
 * Everything in the emulator reads time from here, never from `Date.now()` directly.
 */
export class EmulatorClock {
  private offsetMs = 0;
  private readonly listeners = new Set<() => void>();

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  nowIso(): string {
    return this.now().toISOString();
  }

  /** Moves time forward (never back) and lets listeners run what fell due. */
  advance(milliseconds: number): Date {
    if (!Number.isFinite(milliseconds) || milliseconds < 0) throw new RangeError("the clock only moves forward");
    this.offsetMs += milliseconds;
    for (const listener of this.listeners) listener();
    return this.now();
  }

  /** Moves time forward to an instant; an instant already past leaves the clock where it is. */
  advanceTo(instant: Date): Date {
    return this.advance(Math.max(0, instant.getTime() - this.now().getTime()));
  }

  onAdvance(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get offsetMilliseconds(): number {
    return this.offsetMs;
  }

  restoreOffset(offsetMs: number): void {
    this.offsetMs = offsetMs;
  }
}
