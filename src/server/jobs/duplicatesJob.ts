import {
  duplicatePassDue,
  processLinkageQueue,
  runDuplicatePass,
} from '../services/duplicatesDetect.ts';
import type { Job } from './job.ts';

/** The after-write job's share of each second, in milliseconds. */
const AFTER_WRITE_BUDGET_MS = 250;

/** A full pass runs at least this often (and sooner after a bulk load). */
export const DUPLICATE_PASS_EVERY_MS = 24 * 3_600_000;

/**
 * Right after a person is written: the trigger queued the person in the
 * writing transaction; this job (every second, after commit, never inside
 * the request) compares them with the node's persons and stores the pairs.
 */
export const duplicatesAfterWriteJob: Job = {
  name: 'duplicates-after-write',
  intervalMs: 1_000,
  async shouldRun(deps) {
    const next = await deps.db
      .selectFrom('linkage_queue')
      .select('seq')
      .limit(1)
      .executeTakeFirst();
    return next !== undefined;
  },
  async run(deps) {
    // Small batches, for at most a quarter of a second per run: the comparisons share the
    // event loop with requests (on SQLite every query too), so a burst of writes must not
    // make the node stop answering. A backlog waits for the background pass.
    const started = performance.now();
    while (performance.now() - started < AFTER_WRITE_BUDGET_MS) {
      if ((await processLinkageQueue(deps)) <= 0) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
  },
};

/** Whether `at` (the server's local time) falls in [from, to) hours. */
export function inQuietHours(at: Date, hours: { from: number; to: number }): boolean {
  const hour = at.getHours();
  return hour >= hours.from && hour < hours.to;
}

/** The background pass over every agency's persons: EM, clustering, explanations, the stored model. */
export const duplicatesPassJob: Job = {
  name: 'duplicates-pass',
  intervalMs: 60_000,
  // Only in the node's quiet hours: over a large node the pass takes minutes of CPU and
  // gigabytes of memory, and the node answers slowly meanwhile (bench: reads halved).
  shouldRun: (deps) =>
    inQuietHours(deps.clock.now(), deps.config.duplicatePassHours) &&
    duplicatePassDue(deps, DUPLICATE_PASS_EVERY_MS),
  async run(deps) {
    const summary = await runDuplicatePass(deps, { worker: true });
    deps.log.info(summary, 'duplicate pass');
  },
};
