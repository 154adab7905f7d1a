// API throughput and latency (issue #2): an authenticated, audited read of a
// scoped resource and an audited write, at 32 connections, on SQLite and (when
// PATHFINDER_TEST_PG_URL is set) PostgreSQL; and start-up time to /ready.
// The server runs as its own process (`pathfinder serve`); the load comes from
// this one. Prints one JSON object per line (ARCHITECTURE.md §9).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';

const CLI = join(import.meta.dirname, '..', 'bin', 'pathfinder.mjs');
const PASSWORD = 'bench-demo-password';
const CONNECTIONS = 32;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 15);

function emit(
  metric: string,
  value: number,
  unit: string,
  context: Record<string, unknown> = {},
): void {
  process.stdout.write(
    `${JSON.stringify({ metric, value: Math.round(value * 100) / 100, unit, ...context })}\n`,
  );
}

function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    PATHFINDER_DEMO_PASSWORD: PASSWORD,
    PATHFINDER_RATE_LIMIT_PER_MINUTE: '100000000',
    PATHFINDER_LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    PATHFINDER_DB_POOL_SIZE: process.env.PATHFINDER_DB_POOL_SIZE ?? '10',
    PORT: '0',
    ...extra,
  };
  if (!extra.DATABASE_URL) delete env.DATABASE_URL;
  return env;
}

async function start(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [CLI, 'serve'], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (d) => {
      out += d;
      const m = /running: http:\/\/localhost:(\d+)\//.exec(out);
      if (m) resolve(`http://127.0.0.1:${m[1]}`);
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
  return { child, url };
}

async function stop(child: ChildProcess): Promise<void> {
  const done = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  await done;
}

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
        const res = await fetch(`http://127.0.0.1:${port}/ready`);
        if (res.status === 200) return performance.now() - startedAt;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 10));
      if (performance.now() - startedAt > 30_000) throw new Error('no /ready within 30 s');
    }
  } finally {
    await stop(child);
  }
}

async function login(url: string, username: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

async function load(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ connections: CONNECTIONS, duration: DURATION_S, ...opts }, (err, result) =>
      err ? reject(err) : resolve(result),
    );
  });
}

async function measure(db: 'sqlite' | 'postgres', env: NodeJS.ProcessEnv): Promise<void> {
  const server = await start(env);
  try {
    const supervisor = await login(server.url, 'supervisor');
    const users = (await (
      await fetch(`${server.url}/api/v1/users?q=socialworker`, {
        headers: { cookie: supervisor.cookie },
      })
    ).json()) as {
      items: { id: string }[];
    };
    const target = users.items[0]?.id;
    if (!target) throw new Error('no socialworker in the demo pack');
    const readUrl = `${server.url}/api/v1/users/${target}`;
    // Warm up, then measure.
    await load({ url: readUrl, headers: { cookie: supervisor.cookie }, duration: 2 });
    const read = await load({ url: readUrl, headers: { cookie: supervisor.cookie } });
    const ctx = {
      db,
      connections: CONNECTIONS,
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
    });
    const wctx = {
      db,
      connections: CONNECTIONS,
      duration_s: DURATION_S,
      non2xx: write.non2xx,
      errors: write.errors,
    };
    emit('api.write.rps', write.requests.average, 'req/s', wctx);
    emit('api.write.p99_ms', write.latency.p99, 'ms', wctx);
    emit('api.write.mean_ms', write.latency.mean, 'ms', wctx);
  } finally {
    await stop(server.child);
  }
}

async function scratchPg(base: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `pf_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

const sqliteDir = mkdtempSync(join(tmpdir(), 'pf-bench-'));
const sqliteEnv = baseEnv({ PATHFINDER_DATA_DIR: sqliteDir });
await measure('sqlite', sqliteEnv);
// Start-up on an existing, migrated database (a restart), and on a brand-new one (migrate + seed).
emit('startup.ready_ms', await startupMs(sqliteEnv), 'ms', { db: 'sqlite', database: 'existing' });
emit(
  'startup.first_ready_ms',
  await startupMs(baseEnv({ PATHFINDER_DATA_DIR: mkdtempSync(join(tmpdir(), 'pf-bench-')) })),
  'ms',
  {
    db: 'sqlite',
    database: 'new (migrate and seed demo pack)',
  },
);

const pgBase = process.env.PATHFINDER_TEST_PG_URL;
if (pgBase) {
  const scratch = await scratchPg(pgBase);
  try {
    const env = baseEnv({
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
