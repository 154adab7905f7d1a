import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_CASES as CASES } from '../helpers/allRouteCases.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { EVERYONE, type Ids, loadIds, type Who } from '../helpers/routeCases.ts';
import { type Client, createTestNode, type TestNode } from '../helpers/testNode.ts';

/**
 * Walks every API route as every kind of user and asserts allow or deny
 * (need to know, deny by default). A route added without a row here fails the
 * test, so new routes must declare who may use them.
 */
describe.each(DIALECTS)('access matrix on %s', (dialect) => {
  let node: TestNode;
  let clients: Record<Who, Client>;
  let ids: Ids;

  beforeAll(async () => {
    node = await createTestNode(dialect);
    clients = {
      anonymous: node.anonymous(),
      admin: await node.login('admin'),
      supervisor: await node.login('supervisor'),
      inspector: await node.login('inspector'),
      analyst: await node.login('analyst'),
    };
    ids = await loadIds(node, clients);
  });
  afterAll(() => node?.dispose());

  it('has a row for every registered API route', () => {
    const registered = node.app.pathfinderRoutes
      .filter((r) => r.url.startsWith('/api/v1/'))
      .map((r) => `${r.method} ${r.url}`);
    const covered = new Set(CASES.map((c) => c.route));
    expect(registered.filter((r) => !covered.has(r))).toEqual([]);
    expect([...covered].filter((r) => !registered.includes(r))).toEqual([]);
  });

  for (const c of CASES) {
    it(`${c.route}${c.url.toString().includes('inspector') ? ' (other agency)' : ''}`, async () => {
      for (const who of EVERYONE) {
        if (c.stream && who !== 'anonymous') continue;
        let url = c.url(ids, who);
        if (url.includes(':tokenOfCaller'))
          url = url.replace(':tokenOfCaller', await ids.token(who));
        const before = await auditCount(node);
        const res = await clients[who].request(
          c.route.split(' ')[0] ?? 'GET',
          url,
          c.body?.(ids, who),
          c.headers,
        );
        const allowed = c.allow.includes(who);
        const denied = [401, 403, ...(c.deniedAs ?? [])].includes(res.statusCode);
        const label = `${who} ${c.route} → ${res.statusCode} ${res.statusCode >= 400 ? res.body.slice(0, 200) : ''}`;
        if (allowed) {
          expect(denied, label).toBe(false);
          expect(res.statusCode < 300 || (c.okStatus ?? []).includes(res.statusCode), label).toBe(
            true,
          );
        } else {
          expect(denied, label).toBe(true);
          expect(res.headers['content-type'], label).toMatch(/application\/problem\+json/);
        }
        // A successful write always leaves an audit row.
        const wroteNothing =
          c.route.includes('/test/') || (who === 'anonymous' && c.route.endsWith('/logout'));
        if (c.route.split(' ')[0] !== 'GET' && res.statusCode < 300 && !wroteNothing) {
          expect(await auditCount(node), `${label}: no audit row`).toBeGreaterThan(before);
        }
        if (who !== 'anonymous' && c.route === 'POST /api/v1/auth/logout') {
          clients[who] = await node.login(who);
        }
      }
    });
  }

  it('supervisors list only their own agency staff', async () => {
    const res = await clients.supervisor.get('/api/v1/users?limit=200');
    const agencies = new Set(
      (res.json() as { items: { agencyId: string }[] }).items.map((u) => u.agencyId),
    );
    expect(agencies.size).toBe(1);
    const all = await clients.admin.get('/api/v1/users?limit=200');
    expect(
      new Set((all.json() as { items: { agencyId: string }[] }).items.map((u) => u.agencyId)).size,
    ).toBeGreaterThan(3);
  });

  it('audits every denial with who tried and what was needed', async () => {
    await clients.inspector.get('/api/v1/audit');
    const row = await node.deps.db
      .selectFrom('audit_log')
      .select(['action', 'outcome', 'actor_user_id', 'details'])
      .where('action', '=', 'access.denied')
      .where('actor_user_id', '=', ids.inspector)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(row.outcome).toBe('denied');
    expect(JSON.parse(row.details ?? '{}')).toEqual({ need: 'audit:read:all' });
  });
});

async function auditCount(node: TestNode): Promise<number> {
  const row = await node.deps.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
