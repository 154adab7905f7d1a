import type { Deps } from '../context.ts';
import { runAlertWeek, weekPending } from '../services/alertsRun.ts';
import { lastCompleteWeek } from '../services/seriesWeeks.ts';
import type { Job } from './job.ts';

/**
 * The weekly alert job (docs/alerts.md): once the last ISO week has ended and
 * not been evaluated yet, evaluates it. Checked hourly; a run cut off is run
 * again and stores no alert twice.
 */
export const alertsJob: Job = {
  name: 'alerts',
  intervalMs: 3_600_000,
  shouldRun(deps: Deps) {
    return weekPending(deps, lastCompleteWeek(deps.clock.now()));
  },
  async run(deps) {
    const summary = await runAlertWeek(deps);
    deps.log.info({ event: 'alerts_run', ...summary }, 'weekly alerts evaluated');
  },
};
