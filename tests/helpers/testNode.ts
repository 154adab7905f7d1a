import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { AdjustableClock } from '../../src/server/clock.ts';
import { type Config, loadConfig } from '../../src/server/config.ts';
import { type Node, openDeps, startNode } from '../../src/server/node.ts';
import { DEMO_PACK_DIR, readPack } from '../../src/server/packs/loadPack.ts';
import { seedPack } from '../../src/server/packs/seedPack.ts';
import { scratchPostgres } from './databases.ts';

export const DEMO_PASSWORD = 'test-demo-password-1';

export interface TestNode extends Node {
  clock: AdjustableClock;
  config: Config;
  /** Signs a demo user in and returns a client that carries the cookie and CSRF token. */
  login(username: string, password?: string): Promise<Client>;
  /** A client with no session. */
  anonymous(): Client;
  /** Tears down the node and its scratch database. */
  dispose(): Promise<void>;
}

export interface Client {
  cookie: string | null;
  csrf: string | null;
  request(
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

/**
 * A node on a fresh database of the given dialect, migrated and seeded with the
 * demo pack (known password), jobs stopped so tests drive them, clock movable.
 */
export async function createTestNode(
  dialect: 'sqlite' | 'postgres',
  env: Record<string, string> = {},
  options: { seed?: boolean } = {},
): Promise<TestNode> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pf-test-'));
  const pg = dialect === 'postgres' ? await scratchPostgres() : null;
  const config = loadConfig({
    NODE_ENV: 'test',
    PATHFINDER_DATA_DIR: dataDir,
    PATHFINDER_JOBS: 'false',
    PATHFINDER_WEB_DIR: join(dataDir, 'no-web'),
    PATHFINDER_DB_POOL_SIZE: '5',
    LOG_LEVEL: 'silent',
    PATHFINDER_LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
    PATHFINDER_RATE_LIMIT_PER_MINUTE: '100000',
    ...(pg ? { DATABASE_URL: pg.url } : {}),
    ...env,
  });
  const clock = new AdjustableClock();
  const opened = openDeps(config, clock);
  const node = await startNode(config, opened);
  if (options.seed !== false) {
    await seedPack(node.deps, readPack(DEMO_PACK_DIR), { demoPassword: DEMO_PASSWORD });
  }

  const client = (cookie: string | null, csrf: string | null): Client => {
    const c: Client = {
      cookie,
      csrf,
      async request(method, url, body, headers = {}) {
        return node.app.inject({
          method: method as 'GET',
          url,
          headers: {
            ...(c.cookie ? { cookie: `pf_session=${c.cookie}` } : {}),
            ...(c.csrf && method !== 'GET' ? { 'x-csrf-token': c.csrf } : {}),
            ...(body !== undefined && typeof body !== 'string' && !Buffer.isBuffer(body)
              ? { 'content-type': 'application/json' }
              : {}),
            ...headers,
          },
          ...(body === undefined
            ? {}
            : {
                payload:
                  typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
              }),
        });
      },
      get: (url) => c.request('GET', url),
      post: (url, body) => c.request('POST', url, body),
      patch: (url, body) => c.request('PATCH', url, body),
      delete: (url) => c.request('DELETE', url),
    };
    return c;
  };

  return {
    ...node,
    clock,
    config,
    anonymous: () => client(null, null),
    async login(username, password = DEMO_PASSWORD) {
      const c = client(null, null);
      const res = await c.post('/api/v1/auth/login', { username, password });
      if (res.statusCode !== 200)
        throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const set = res.cookies.find((k) => k.name === 'pf_session');
      c.cookie = set?.value ?? null;
      c.csrf = (res.json() as { csrfToken: string }).csrfToken;
      return c;
    },
    async dispose() {
      await node.close();
      await pg?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** How many cases of this id the node holds (0 or 1). */
export async function countCases(node: TestNode, caseId: string): Promise<number> {
  const rows = await node.deps.db
    .selectFrom('case_file')
    .select('id')
    .where('id', '=', caseId)
    .execute();
  return rows.length;
}
