/**
 * The one source of "now" for everything time-based on the server: sessions,
 * lockouts, timers, jobs, audit. Tests move it; production reads the system clock.
 */
export interface Clock {
  now(): Date;
}

/** ISO-8601 UTC text, the form every timestamp takes in the database. */
export function iso(clock: Clock, plusMs = 0): string {
  return new Date(clock.now().getTime() + plusMs).toISOString();
}

/** The system clock, optionally shifted: tests advance it; production never does. */
export class AdjustableClock implements Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Moves "now" forward (or back, with a negative value). */
  advance(ms: number): void {
    this.offsetMs += ms;
  }

  /** Sets "now" to a given instant; time keeps flowing from there. */
  set(at: Date): void {
    this.offsetMs = at.getTime() - Date.now();
  }

  reset(): void {
    this.offsetMs = 0;
  }
}
