import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { AdjustableClock, type Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Deps } from './context.ts';
import { type Db, openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { JOBS } from './jobs/allJobs.ts';
import { deliverDue } from './jobs/deliveryJob.ts';
import { Scheduler } from './jobs/scheduler.ts';
import { createLogger } from './logger.ts';
import { DeliveryKick } from './notify/deliveryKick.ts';
import { InboxEvents } from './notify/events.ts';

/** A running node: its dependencies, HTTP app and scheduler. */
export interface Node {
  deps: Deps;
  database: Db;
  app: FastifyInstance;
  scheduler: Scheduler;
  close(): Promise<void>;
}

/** Opens the database and its dependencies, with the clock tests can move. */
export function openDeps(
  config: Config,
  clock: Clock = new AdjustableClock(),
): { deps: Deps; database: Db } {
  const database = openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.dbPoolSize,
  });
  const log = createLogger(config.logLevel);
  const deps: Deps = {
    db: database.db,
    dialect: database.dialect,
    clock,
    config,
    log,
    inbox: new InboxEvents(),
    // Only where jobs run: other processes leave delivery to the job's leader.
    deliveries: new DeliveryKick(config.jobsEnabled ? () => deliverDue(deps) : null, log),
  };
  return { deps, database };
}

/** Migrates, builds the app and (unless disabled) starts background jobs. Does not listen. */
export async function startNode(config: Config, opened = openDeps(config)): Promise<Node> {
  const { deps, database } = opened;
  await migrateToLatest(deps.db);
  const app = await buildApp(deps);
  const scheduler = new Scheduler(deps, JOBS);
  if (config.jobsEnabled) scheduler.start();
  let closed: Promise<void> | undefined;
  return {
    deps,
    database,
    app,
    scheduler,
    close() {
      closed ??= (async () => {
        await app.close();
        await scheduler.stop();
        await deps.deliveries.stop();
        // Seal what the last requests appended, so the chain is whole at rest.
        await scheduler.runNow('audit-seal').catch(() => {});
        await database.close();
      })();
      return closed;
    },
  };
}
