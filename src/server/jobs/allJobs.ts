import { alertsJob } from './alertsJob.ts';
import { auditSealJob } from './auditSeal.ts';
import { deliveryJob } from './deliveryJob.ts';
import { duplicatesAfterWriteJob, duplicatesPassJob } from './duplicatesJob.ts';
import { housekeepingJob } from './housekeeping.ts';
import type { Job } from './job.ts';
import { referralTimersJob } from './referralTimers.ts';

/** Every background job of the node. */
export const JOBS: readonly Job[] = [
  auditSealJob,
  housekeepingJob,
  deliveryJob,
  referralTimersJob,
  alertsJob,
  duplicatesAfterWriteJob,
  duplicatesPassJob,
];
