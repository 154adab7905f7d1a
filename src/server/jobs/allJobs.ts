import { auditSealJob } from './auditSeal.ts';
import { housekeepingJob } from './housekeeping.ts';
import type { Job } from './job.ts';

/** Every background job of the node. */
export const JOBS: readonly Job[] = [auditSealJob, housekeepingJob];
