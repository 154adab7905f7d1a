import { sealAudit } from '../audit/auditLog.ts';
import type { Job } from './job.ts';

/** Seals committed audit rows into the hash chain, moments after they commit. */
export const auditSealJob: Job = {
  name: 'audit-seal',
  intervalMs: 0,
  async run(deps) {
    while ((await sealAudit(deps.db, deps.clock, deps.dialect)) > 0) {
      // keep sealing until the backlog is empty
    }
  },
};
