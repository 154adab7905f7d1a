import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PG_URL, scratchPostgres } from '../helpers/databases.ts';

const CLI = join(import.meta.dirname, '..', '..', 'bin', 'pathfinder.mjs');

interface Running {
  child: ChildProcess;
  output: () => string;
  url: string;
}

/** Starts `pathfinder serve` as a real process and waits for its "running" line. */
async function serve(env: Record<string, string>): Promise<Running> {
  const child = spawn(process.execPath, [CLI, 'serve'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: '0',
      LOG_LEVEL: 'warn',
      PATHFINDER_WEB_DIR: '/nonexistent',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 30 s:\n${out}`)), 30_000);
    const check = () => {
      const m = /running: (http:\/\/localhost:\d+)\//.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', check);
    child.on('exit', (code) => reject(new Error(`exited ${code}:\n${out}`)));
  });
  return { child, output: () => out, url };
}

async function stop(r: Running): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) =>
    r.child.on('exit', (code) => resolve(code)),
  );
  r.child.kill('SIGTERM');
  return exited;
}

describe('pathfinder serve', () => {
  it('on a new embedded database: migrates, seeds the demo pack once, prints the logins, shuts down cleanly', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pf-serve-'));
    const first = await serve({
      PATHFINDER_DATA_DIR: dataDir,
      PATHFINDER_DEMO_PASSWORD: 'chosen-demo-pass',
    });
    expect(first.output()).toMatch(/Demo accounts/);
    expect(first.output()).toMatch(/admin\s+roles: admin/);
    expect(first.output()).toMatch(/password for all: chosen-demo-pass/);
    expect(first.output()).toMatch(/400 fictional cases generated/);
    expect((await fetch(`${first.url}/ready`)).status).toBe(200);
    const login = await fetch(`${first.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'chosen-demo-pass' }),
    });
    expect(login.status).toBe(200);
    expect(await stop(first)).toBe(0);

    const second = await serve({ PATHFINDER_DATA_DIR: dataDir });
    expect(second.output()).not.toMatch(/Demo accounts/);
    expect(await stop(second)).toBe(0);
  });

  it('generates and prints a random demo password when none is set', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pf-serve-'));
    const env = { ...process.env };
    delete env.PATHFINDER_DEMO_PASSWORD;
    const r = await serve({ PATHFINDER_DATA_DIR: dataDir });
    expect(r.output()).toMatch(/password for all: \S{12,}\s+\(generated/);
    expect(await stop(r)).toBe(0);
  });

  it.runIf(PG_URL)('never seeds a database named by DATABASE_URL', async () => {
    const pg = await scratchPostgres();
    try {
      const r = await serve({
        DATABASE_URL: pg.url,
        PATHFINDER_DATA_DIR: mkdtempSync(join(tmpdir(), 'pf-serve-')),
      });
      expect(r.output()).not.toMatch(/Demo accounts/);
      expect(r.output()).toMatch(/No accounts yet/);
      const ready = await (await fetch(`${r.url}/ready`)).json();
      expect(ready).toEqual({ status: 'ready', db: 'postgres' });
      expect(await stop(r)).toBe(0);
    } finally {
      await pg.drop();
    }
  });
});
