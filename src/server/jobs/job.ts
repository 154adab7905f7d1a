import type { Deps } from '../context.ts';

/**
 * One contract for background work (STYLE.md): a name, how often it is due,
 * an optional cheap test, and the work. Jobs must be idempotent: a job cut off
 * mid-run is simply run again.
 */
export interface Job {
  name: string;
  intervalMs: number;
  shouldRun?(deps: Deps): Promise<boolean> | boolean;
  run(deps: Deps): Promise<void>;
}
