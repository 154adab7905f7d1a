import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AdjustableClock } from '../../src/server/clock.ts';
import { loadConfig } from '../../src/server/config.ts';
import type { Job } from '../../src/server/jobs/job.ts';
import { Scheduler } from '../../src/server/jobs/scheduler.ts';
import { createLogger } from '../../src/server/logger.ts';
import { openDeps, startNode } from '../../src/server/node.ts';
import { DEMO_PACK_DIR, readPack } from '../../src/server/packs/loadPack.ts';
import { seedPack } from '../../src/server/packs/seedPack.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { createTestNode, DEMO_PASSWORD } from '../helpers/testNode.ts';

describe('logs', () => {
  it('carry no personal data: no bodies, no query strings, no concrete ids, no credentials', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const config = loadConfig({
      NODE_ENV: 'test',
      PATHFINDER_DATA_DIR: mkdtempSync(join(tmpdir(), 'pf-log-')),
      PATHFINDER_JOBS: 'false',
      PATHFINDER_WEB_DIR: '/none',
    });
    const opened = openDeps(config, new AdjustableClock());
    opened.deps.log = createLogger('info', sink);
    const node = await startNode(config, opened);
    try {
      await seedPack(node.deps, readPack(DEMO_PACK_DIR), { demoPassword: DEMO_PASSWORD });
      const login = await node.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
      });
      const cookie = `pf_session=${login.cookies.find((c) => c.name === 'pf_session')?.value}`;
      const users = await node.app.inject({
        url: '/api/v1/users?q=Sita%20Sharma',
        headers: { cookie },
      });
      const someone = (users.json() as { items: unknown[] }).items;
      expect(Array.isArray(someone)).toBe(true);
      const anyId = (
        await node.deps.db.selectFrom('app_user').select('id').executeTakeFirstOrThrow()
      ).id;
      await node.app.inject({ url: `/api/v1/users/${anyId}`, headers: { cookie } });
      const text = lines.join('');
      expect(text).toContain('/api/v1/users/:id');
      expect(text).not.toContain('Sita');
      expect(text).not.toContain(anyId);
      expect(text).not.toContain(DEMO_PASSWORD);
      expect(text).not.toMatch(/pf_session=/);
    } finally {
      await node.close();
    }
  });
});

describe.each(DIALECTS)('job scheduler on %s', (dialect) => {
  it('runs due jobs on one replica only, and another takes over when the lease expires', async () => {
    const node = await createTestNode(dialect, {}, { seed: false });
    try {
      const runs: string[] = [];
      const job = (name: string): Job => ({
        name: 'count',
        intervalMs: 60_000,
        run: async () => void runs.push(name),
      });
      const a = new Scheduler(node.deps, [job('a')], 1000, 15_000);
      const b = new Scheduler(node.deps, [job('b')], 1000, 15_000);
      await a.tick();
      await b.tick();
      expect(runs).toEqual(['a']);
      node.clock.advance(61_000); // due again, but a's lease expired too (15 s): first to tick leads
      await b.tick();
      await a.tick();
      expect(runs).toEqual(['a', 'b']);
      node.clock.advance(5000);
      await a.tick();
      await b.tick();
      expect(runs).toEqual(['a', 'b']); // not due: 5 s after the last run
      const state = await node.deps.db
        .selectFrom('job_state')
        .selectAll()
        .where('name', '=', 'count')
        .executeTakeFirstOrThrow();
      expect(state.last_status).toBe('ok');
      await a.stop();
      await b.stop();
    } finally {
      await node.dispose();
    }
  });

  it('records a failing job and keeps going', async () => {
    const node = await createTestNode(dialect, {}, { seed: false });
    try {
      const s = new Scheduler(node.deps, [
        {
          name: 'boom',
          intervalMs: 0,
          run: async () => {
            throw new Error('disk on fire');
          },
        },
      ]);
      node.deps.log.level = 'silent';
      await s.tick();
      const state = await node.deps.db
        .selectFrom('job_state')
        .selectAll()
        .where('name', '=', 'boom')
        .executeTakeFirstOrThrow();
      expect(state).toMatchObject({ last_status: 'failed', last_error: 'disk on fire' });
      await s.stop();
    } finally {
      await node.dispose();
    }
  });
});

describe('rate limits', () => {
  it('answers 429 problem+json past the configured sign-in rate', async () => {
    const node = await createTestNode('sqlite', { PATHFINDER_LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await node
          .anonymous()
          .post('/api/v1/auth/login', { username: 'admin', password: DEMO_PASSWORD });
        statuses.push(res.statusCode);
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const res = await node
        .anonymous()
        .post('/api/v1/auth/login', { username: 'admin', password: DEMO_PASSWORD });
      expect(res.json().code).toBe('rate_limited');
      expect(res.headers['retry-after']).toBeDefined();
    } finally {
      await node.dispose();
    }
  });
});

describe('web app fallback', () => {
  it('serves the app shell for GET and HEAD of client routes, a problem for unknown API paths', async () => {
    const { mkdirSync, writeFileSync } = await import('node:fs');
    const web = mkdtempSync(join(tmpdir(), 'pf-web-'));
    mkdirSync(web, { recursive: true });
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>shell</title>');
    const node = await createTestNode('sqlite', { PATHFINDER_WEB_DIR: web }, { seed: false });
    try {
      const get = await node.app.inject('/admin/users');
      expect(get.statusCode).toBe(200);
      expect(get.body).toContain('shell');
      const head = await node.app.inject({ method: 'HEAD', url: '/admin/users' });
      expect(head.statusCode).toBe(200);
      const api = await node.app.inject('/api/v1/nothing-here');
      expect(api.headers['content-type']).toMatch(/problem\+json/);
    } finally {
      await node.dispose();
    }
  });
});
