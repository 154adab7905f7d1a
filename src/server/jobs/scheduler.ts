import type { Deps } from '../context.ts';
import type { Job } from './job.ts';

const LEASE = 'scheduler';

/**
 * Runs due jobs on one replica at a time: the leader holds a lease row in the
 * database and renews it every tick; if it dies, another takes over once the
 * lease expires. "Due" reads the injectable clock, so tests can move time.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly holder = `${process.pid}-${crypto.randomUUID()}`;

  constructor(
    private readonly deps: Deps,
    private readonly jobs: readonly Job[],
    private readonly tickMs = 1000,
    private readonly leaseMs = 15_000,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.tickMs);
    this.timer.unref();
  }

  /** Stops ticking and waits for a job that is running to finish. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
    await this.deps.db
      .deleteFrom('job_lease')
      .where('name', '=', LEASE)
      .where('holder', '=', this.holder)
      .execute()
      .catch(() => {});
  }

  /** One pass: take or renew the lease, then run every job that is due. Never throws. */
  tick(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.pass().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Runs one job now, on this replica, whatever its schedule (CLI, tests). */
  async runNow(name: string): Promise<void> {
    const job = this.jobs.find((j) => j.name === name);
    if (!job) throw new Error(`no job named ${name}`);
    await this.runJob(job);
  }

  private async pass(): Promise<void> {
    try {
      if (!(await this.acquireLease())) return;
      const states = await this.deps.db
        .selectFrom('job_state')
        .select(['name', 'last_run_at'])
        .execute();
      const now = this.deps.clock.now().getTime();
      for (const job of this.jobs) {
        const last = states.find((s) => s.name === job.name)?.last_run_at;
        if (last && now - Date.parse(last) < job.intervalMs) continue;
        if (job.shouldRun && !(await job.shouldRun(this.deps))) continue;
        await this.runJob(job);
      }
    } catch (error) {
      this.deps.log.error({ err: error, event: 'scheduler_error' }, 'scheduler pass failed');
    }
  }

  private async acquireLease(): Promise<boolean> {
    const { db, clock } = this.deps;
    const now = clock.now();
    const expires = new Date(now.getTime() + this.leaseMs).toISOString();
    await db
      .insertInto('job_lease')
      .values({ name: LEASE, holder: this.holder, expires_at: expires })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const result = await db
      .updateTable('job_lease')
      .set({ holder: this.holder, expires_at: expires })
      .where('name', '=', LEASE)
      .where((eb) =>
        eb.or([eb('holder', '=', this.holder), eb('expires_at', '<', now.toISOString())]),
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  private async runJob(job: Job): Promise<void> {
    const { db, clock, log } = this.deps;
    let status = 'ok';
    let error: string | null = null;
    try {
      await job.run(this.deps);
    } catch (err) {
      status = 'failed';
      error = err instanceof Error ? err.message.slice(0, 2000) : String(err).slice(0, 2000);
      log.error({ event: 'job_failed', job: job.name, err }, 'job failed');
    }
    const at = clock.now().toISOString();
    await db
      .insertInto('job_state')
      .values({ name: job.name, last_run_at: at, last_status: status, last_error: error })
      .onConflict((oc) =>
        oc.column('name').doUpdateSet({ last_run_at: at, last_status: status, last_error: error }),
      )
      .execute();
  }
}
