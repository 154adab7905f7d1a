// Case benchmark (issue #3): creates (person + case + task + audit in one
// transaction), reads of one case, and a caseload page of 50 filtered by area and
// risk over BENCH_CASES generated cases (default 1,000,000), at 32 connections;
// and generation speed. SQLite, and PostgreSQL when PATHFINDER_TEST_PG_URL is set.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';

const CLI = join(import.meta.dirname, '..', 'bin', 'pathfinder.mjs');
const PASSWORD = 'bench-demo-password';
const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 15);

function emit(metric: string, value: number, unit: string, context: Record<string, unknown>): void {
  process.stdout.write(
    `${JSON.stringify({ metric, value: Math.round(value * 100) / 100, unit, ...context })}\n`,
  );
}

function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    PATHFINDER_DEMO_PASSWORD: PASSWORD,
    PATHFINDER_RATE_LIMIT_PER_MINUTE: '100000000',
    PATHFINDER_LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    PORT: '0',
    ...extra,
  };
  if (!extra.DATABASE_URL) delete e.DATABASE_URL;
  return e;
}

function cli(args: string[], e: NodeJS.ProcessEnv): string {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    env: e,
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (r.status !== 0) throw new Error(`pathfinder ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

async function start(e: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [CLI, 'serve'], {
    env: e,
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

async function login(url: string, username: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

function load(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) =>
    autocannon({ connections: 32, duration: DURATION_S, ...opts }, (err, r) =>
      err ? reject(err) : resolve(r),
    ),
  );
}

async function measure(db: 'sqlite' | 'postgres', e: NodeJS.ProcessEnv): Promise<void> {
  cli(['seed'], e);
  const started = performance.now();
  cli(['generate', '--cases', String(CASES), '--seed', '42'], e);
  const seconds = (performance.now() - started) / 1000;
  emit('generate.cases_per_s', CASES / seconds, 'cases/s', {
    db,
    cases: CASES,
    seconds: Math.round(seconds),
  });
  const server = await start(e);
  try {
    const inspector = await login(server.url, 'inspector');
    const ctx = { db, connections: 32, duration_s: DURATION_S, cases: CASES };
    const create = await load({
      url: `${server.url}/api/v1/cases`,
      method: 'POST',
      headers: {
        cookie: inspector.cookie,
        'x-csrf-token': inspector.csrf,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        person: { givenName: 'Sita', familyName: 'Tamang', sex: 'female', estimatedAge: 13 },
        topics: ['child_labour'],
        riskLevel: 'high',
        areaCode: 'NPL-D-BHAKTAPUR',
      }),
    });
    emit('cases.create.rps', create.requests.average, 'req/s', {
      ...ctx,
      p99_ms: create.latency.p99,
      non2xx: create.non2xx,
    });
    const page = (await (
      await fetch(`${server.url}/api/v1/cases?limit=1`, { headers: { cookie: inspector.cookie } })
    ).json()) as { items: { id: string }[] };
    const id = page.items[0]?.id;
    const read = await load({
      url: `${server.url}/api/v1/cases/${id}`,
      headers: { cookie: inspector.cookie },
    });
    emit('cases.read.rps', read.requests.average, 'req/s', {
      ...ctx,
      p99_ms: read.latency.p99,
      non2xx: read.non2xx,
    });
    const list = await load({
      url: `${server.url}/api/v1/cases?area=NPL-P3&risk=high&limit=50`,
      headers: { cookie: inspector.cookie },
    });
    emit('cases.list.p95_ms', list.latency.p97_5 ?? list.latency.p99, 'ms', {
      ...ctx,
      percentile: 'p97.5 (autocannon has no p95)',
      rps: list.requests.average,
      non2xx: list.non2xx,
    });
  } finally {
    const done = new Promise((r) => server.child.on('exit', r));
    server.child.kill('SIGTERM');
    await done;
  }
}

await measure(
  'sqlite',
  env({ PATHFINDER_DATA_DIR: mkdtempSync(join(tmpdir(), 'pf-bench-cases-')) }),
);
const base = process.env.PATHFINDER_TEST_PG_URL;
if (base) {
  const name = `pf_bench_cases_${Date.now()}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  try {
    await measure(
      'postgres',
      env({
        DATABASE_URL: url.toString(),
        PATHFINDER_DATA_DIR: mkdtempSync(join(tmpdir(), 'pf-bench-cases-')),
      }),
    );
  } finally {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  }
} else {
  process.stderr.write('PATHFINDER_TEST_PG_URL is not set: PostgreSQL figures skipped\n');
}
