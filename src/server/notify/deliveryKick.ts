import type { Logger } from 'pino';

/**
 * Starts a delivery pass as soon as notifications are committed, instead of
 * waiting for the job's next tick: a referral's email leaves within moments.
 * One pass at a time; a wake during a pass runs one more after it.
 */
export class DeliveryKick {
  private running = false;
  private again = false;

  constructor(
    private readonly pass: (() => Promise<unknown>) | null,
    private readonly log: Logger,
  ) {}

  private stopped = false;
  private current: Promise<void> = Promise.resolve();

  /** No new passes; resolves when the running one is over (before the database closes). */
  stop(): Promise<void> {
    this.stopped = true;
    return this.current;
  }

  wake(): void {
    if (!this.pass || this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    this.current = new Promise((resolve) => setImmediate(() => void this.loop().then(resolve)));
  }

  private async loop(): Promise<void> {
    try {
      do {
        this.again = false;
        await this.pass?.();
      } while (this.again && !this.stopped);
    } catch (error) {
      this.log.warn({ err: (error as Error).message }, 'delivery pass failed');
    } finally {
      this.running = false;
    }
  }
}
