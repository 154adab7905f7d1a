// Helpers shared by the benchmarks: JSON-line output, a server process, sign-in, load.
// To see inside a benchmarked server: BENCH_LOG_LEVEL=info with BENCH_SERVER_LOG=FILE keeps its
// request log (response times); BENCH_SERVER_PROF=DIR writes its CPU profile there on exit.
import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';

export const CLI = join(import.meta.dirname, '..', 'bin', 'pathfinder.mjs');
export const PASSWORD = 'bench-demo-password';

/** Prints one measurement as a JSON line (ARCHITECTURE.md §9). */
export function emit(
  metric: string,
  value: number,
  unit: string,
  context: Record<string, unknown> = {},
): void {
  process.stdout.write(
    `${JSON.stringify({ metric, value: Math.round(value * 100) / 100, unit, ...context })}\n`,
  );
}

/** The environment of a benchmarked server: production mode, limits out of the way. */
export function benchEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    PATHFINDER_DEMO_PASSWORD: PASSWORD,
    PATHFINDER_RATE_LIMIT_PER_MINUTE: '100000000',
    PATHFINDER_LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    PORT: '0',
    ...extra,
  };
  if (!extra.DATABASE_URL) delete env.DATABASE_URL;
  return env;
}

/** Starts `pathfinder serve` and waits for its address. */
export async function startServer(
  env: NodeJS.ProcessEnv,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_SERVER_PROF
        ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_SERVER_PROF]
        : []),
      CLI,
      'serve',
    ],
    {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (d) => {
      if (process.env.BENCH_SERVER_LOG) appendFileSync(process.env.BENCH_SERVER_LOG, d);
      out += d;
      const m = /running: http:\/\/localhost:(\d+)\//.exec(out);
      if (m) resolve(`http://127.0.0.1:${m[1]}`);
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
  return { child, url };
}

export async function stopServer(child: ChildProcess): Promise<void> {
  const done = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  await done;
}

/** Signs a demo user in; returns the cookie header value and the CSRF token. */
export async function login(
  url: string,
  username: string,
): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

/** 32 connections for `duration` seconds. */
export function load(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ connections: 32, ...opts }, (err, result) =>
      err ? reject(err) : resolve(result),
    );
  });
}

/** A scratch PostgreSQL database next to PATHFINDER_TEST_PG_URL, dropped afterwards. */
export async function scratchPostgres(
  base: string,
  prefix: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${Date.now()}`;
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
