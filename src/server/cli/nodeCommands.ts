import type { Config } from '../config.ts';
import type { Deps } from '../context.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { openDeps, startNode } from '../node.ts';
import { DEMO_PACK_DIR, readPack } from '../packs/loadPack.ts';
import { type SeedResult, seedPack } from '../packs/seedPack.ts';
import { generateCases } from '../synthetic/generate.ts';

function printDemoLogins(result: SeedResult, generated: boolean): void {
  if (!result.demoPassword) return;
  const lines = [
    '',
    'Demo accounts (fictional users of the demo country pack):',
    ...result.demoUsers.map((u) => `  ${u.username.padEnd(14)} roles: ${u.roles.join(', ')}`),
    `  password for all: ${result.demoPassword}${generated ? '   (generated; set PATHFINDER_DEMO_PASSWORD to choose one)' : ''}`,
    'Change these passwords before real data goes in (npx pathfinder user reset-password NAME).',
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** Seeds the demo pack into a brand-new embedded database; never into PostgreSQL. */
const DEMO_CASES = 400;

async function seedIfNew(deps: Deps, config: Config): Promise<void> {
  if (config.databaseUrl) return;
  const anyUser = await deps.db.selectFrom('app_user').select('id').limit(1).executeTakeFirst();
  const anyPack = await deps.db.selectFrom('pack').select('id').limit(1).executeTakeFirst();
  if (anyUser || anyPack) return;
  const result = await seedPack(deps, readPack(DEMO_PACK_DIR), {
    demoPassword: config.demoPassword,
    actor: 'system:first-start',
  });
  // A demonstration needs a caseload to look at: fictional persons and cases across the pack.
  const demo = await generateCases(deps, { cases: DEMO_CASES, duplicateShare: 0.1, seed: 1 });
  printDemoLogins(result, config.demoPassword === undefined);
  process.stdout.write(`${demo.cases} fictional cases generated for the demonstration.\n`);
}

export async function runServe(config: Config): Promise<number> {
  const started = Date.now();
  // Signals are caught from the first moment, so a stop during start-up is still graceful.
  let signalled: string | undefined;
  let onSignal: (signal: string) => void = (signal) => {
    signalled = signal;
  };
  process.once('SIGINT', () => onSignal('SIGINT'));
  process.once('SIGTERM', () => onSignal('SIGTERM'));
  const opened = openDeps(config);
  await migrateToLatest(opened.deps.db);
  await seedIfNew(opened.deps, config);
  const node = await startNode(config, opened);
  const address = await node.app.listen({ host: config.host, port: config.port });
  node.deps.log.info(
    {
      event: 'ready',
      db: node.database.dialect,
      location: node.database.location,
      startupMs: Date.now() - started,
    },
    `Pathfinder is ready on ${address.replace('127.0.0.1', 'localhost')}`,
  );
  const anyUser = await node.deps.db
    .selectFrom('app_user')
    .select('id')
    .limit(1)
    .executeTakeFirst();
  if (!anyUser) {
    process.stdout.write(
      'No accounts yet: create one with `npx pathfinder user create …` or load a pack with `npx pathfinder seed`.\n',
    );
  }
  const port = new URL(address).port;
  process.stdout.write(
    `Pathfinder is running: http://localhost:${port}/  (API docs: /api/v1/docs)\n`,
  );
  await new Promise<void>((resolve) => {
    onSignal = (signal) => {
      node.deps.log.info({ event: 'shutdown', signal }, 'shutting down');
      node.close().then(resolve, resolve);
    };
    if (signalled) onSignal(signalled);
  });
  return 0;
}

export async function runMigrate(config: Config): Promise<number> {
  const { deps, database } = openDeps(config);
  try {
    const results = await migrateToLatest(deps.db);
    process.stdout.write(
      results.length
        ? `${results.map((r) => `applied ${r.migrationName}`).join('\n')}\n`
        : 'schema is up to date\n',
    );
  } finally {
    await database.close();
  }
  return 0;
}

export async function runSeed(config: Config, packDir: string | undefined): Promise<number> {
  const pack = readPack(packDir ?? DEMO_PACK_DIR);
  const { deps, database } = openDeps(config);
  try {
    await migrateToLatest(deps.db);
    const result = await seedPack(deps, pack, {
      demoPassword: config.demoPassword,
      actor: 'system:cli',
    });
    process.stdout.write(
      `loaded pack ${pack.manifest.id} ${pack.manifest.version}: ${result.areas} areas, ${result.agencies} agencies, ${result.roles} roles, ${result.demoUsers.length} new demo accounts\n`,
    );
    printDemoLogins(result, config.demoPassword === undefined);
  } finally {
    await database.close();
  }
  return 0;
}
