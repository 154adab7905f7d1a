import { purgeStaleUploads } from '../services/uploads.ts';
import type { Job } from './job.ts';

/** Deletes expired sessions, forgotten sign-in failure counters and abandoned uploads. */
export const housekeepingJob: Job = {
  name: 'housekeeping',
  intervalMs: 60 * 60_000,
  async run({ db, clock }) {
    const now = clock.now();
    await db
      .deleteFrom('session')
      .where((eb) =>
        eb.or([
          eb('idle_expires_at', '<=', now.toISOString()),
          eb('absolute_expires_at', '<=', now.toISOString()),
        ]),
      )
      .execute();
    const dayAgo = new Date(now.getTime() - 86_400_000).toISOString();
    await db
      .deleteFrom('login_throttle')
      .where('first_failure_at', '<', dayAgo)
      .where((eb) =>
        eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now.toISOString())]),
      )
      .execute();
    await purgeStaleUploads(db, now);
  },
};
