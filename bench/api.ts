// API throughput and latency (issue #2): an authenticated, audited read of a
// scoped resource and an audited write, at 32 connections, on SQLite and (when
// PATHFINDER_TEST_PG_URL is set) PostgreSQL; and start-up time to /ready.
// The server runs as its own process (`pathfinder serve`); the load comes from this one.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  benchEnv,
  CLI,
  emit,
  load,
  login,
  scratchPostgres,
  startServer,
  stopServer,
} from './lib.ts';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 15);

/** Process start to the first 200 from /ready. */
async function startupMs(env: NodeJS.ProcessEnv): Promise<number> {
  const port = String(20_000 + Math.floor(Math.random() * 20_000));
  const startedAt = performance.now();
  const child = spawn(process.execPath, [CLI, 'serve'], {
    env: { ...env, PORT: port },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/ready`)).status === 200)
          return performance.now() - startedAt;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 10));
      if (performance.now() - startedAt > 30_000) throw new Error('no /ready within 30 s');
    }
  } finally {
    await stopServer(child);
  }
}

async function measure(db: 'sqlite' | 'postgres', env: NodeJS.ProcessEnv): Promise<void> {
  const server = await startServer(env);
  try {
    const supervisor = await login(server.url, 'supervisor');
    const found = (await (
      await fetch(`${server.url}/api/v1/users?q=socialworker`, {
        headers: { cookie: supervisor.cookie },
      })
    ).json()) as {
      items: { id: string }[];
    };
    const target = found.items[0]?.id;
    if (!target) throw new Error('no socialworker in the demo pack');
    const readUrl = `${server.url}/api/v1/users/${target}`;
    await load({ url: readUrl, headers: { cookie: supervisor.cookie }, duration: 2 }); // warm-up
    const read = await load({
      url: readUrl,
      headers: { cookie: supervisor.cookie },
      duration: DURATION_S,
    });
    const ctx = {
      db,
      connections: 32,
      duration_s: DURATION_S,
      non2xx: read.non2xx,
      errors: read.errors,
    };
    emit('api.read.rps', read.requests.average, 'req/s', ctx);
    emit('api.read.p99_ms', read.latency.p99, 'ms', ctx);
    emit('api.read.mean_ms', read.latency.mean, 'ms', ctx);

    const writer = await login(server.url, 'inspector');
    const write = await load({
      url: `${server.url}/api/v1/me`,
      method: 'PATCH',
      headers: {
        cookie: writer.cookie,
        'x-csrf-token': writer.csrf,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ language: 'fr' }),
      duration: DURATION_S,
    });
    const wctx = {
      db,
      connections: 32,
      duration_s: DURATION_S,
      non2xx: write.non2xx,
      errors: write.errors,
    };
    emit('api.write.rps', write.requests.average, 'req/s', wctx);
    emit('api.write.p99_ms', write.latency.p99, 'ms', wctx);
    emit('api.write.mean_ms', write.latency.mean, 'ms', wctx);
  } finally {
    await stopServer(server.child);
  }
}

const sqliteEnv = benchEnv({ PATHFINDER_DATA_DIR: mkdtempSync(join(tmpdir(), 'pf-bench-')) });
await measure('sqlite', sqliteEnv);
// Start-up on an existing, migrated database (a restart), and on a brand-new one (migrate + seed).
emit('startup.ready_ms', await startupMs(sqliteEnv), 'ms', { db: 'sqlite', database: 'existing' });
emit(
  'startup.first_ready_ms',
  await startupMs(benchEnv({ PATHFINDER_DATA_DIR: mkdtempSync(join(tmpdir(), 'pf-bench-')) })),
  'ms',
  {
    db: 'sqlite',
    database: 'new (migrate and seed demo pack)',
  },
);

const pgBase = process.env.PATHFINDER_TEST_PG_URL;
if (pgBase) {
  const scratch = await scratchPostgres(pgBase, 'pf_bench');
  try {
    const env = benchEnv({
      DATABASE_URL: scratch.url,
      PATHFINDER_DATA_DIR: mkdtempSync(join(tmpdir(), 'pf-bench-')),
    });
    const seeded = spawnSync(process.execPath, [CLI, 'seed'], { env, encoding: 'utf8' });
    if (seeded.status !== 0) throw new Error(`seed failed: ${seeded.stderr}`);
    await measure('postgres', env);
  } finally {
    await scratch.drop();
  }
} else {
  process.stderr.write('PATHFINDER_TEST_PG_URL is not set: PostgreSQL figures skipped\n');
}
