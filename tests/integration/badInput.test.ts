import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_CASES as CASES } from '../helpers/allRouteCases.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { type Ids, loadIds } from '../helpers/routeCases.ts';
import { type Client, createTestNode, type TestNode } from '../helpers/testNode.ts';

const INJECTIONS = [
  "Robert'); DROP TABLE app_user; --",
  '<script>alert("x")</script><img src=x onerror=alert(1)>',
  "' OR '1'='1",
  '{{constructor.constructor("return process")()}}',
];

/** Counts and versions of every table a write could touch: equal before and after means nothing was written. */
async function fingerprint(node: TestNode): Promise<string> {
  const db = node.deps.db;
  const parts: unknown[] = [];
  for (const table of [
    'app_user',
    'agency',
    'role',
    'area',
    'user_role',
    'user_area',
    'agency_area',
    'api_token',
    'change_log',
    'recovery_code',
  ] as const) {
    parts.push(
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    );
  }
  for (const table of ['app_user', 'agency', 'role', 'area'] as const) {
    parts.push(
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.sum<number>('version').as('v'))
        .executeTakeFirstOrThrow(),
    );
  }
  parts.push(
    await db
      .selectFrom('app_user')
      .select(['username', 'display_name', 'language', 'totp_secret', 'password_hash'])
      .orderBy('username')
      .execute(),
  );
  return JSON.stringify(parts, (_k, v) => (typeof v === 'bigint' ? Number(v) : v));
}

/** The same body with one field replaced by a value of the wrong type. */
function wrongTypes(body: Record<string, unknown>): [string, Record<string, unknown>][] {
  return Object.entries(body).map(([key, value]) => {
    const wrong =
      typeof value === 'string'
        ? 12345
        : typeof value === 'number'
          ? String(value)
          : typeof value === 'boolean'
            ? 'true'
            : Array.isArray(value)
              ? 'not-a-list'
              : value === null
                ? 7
                : 'not-an-object';
    return [key, { ...body, [key]: wrong }];
  });
}

const writeCases = CASES.filter((c) => !c.route.startsWith('GET') && !c.route.includes('/test/'));

describe.each(DIALECTS)('bad input to every write route on %s', (dialect) => {
  let node: TestNode;
  let admin: Client;
  let ids: Ids;
  beforeAll(async () => {
    node = await createTestNode(dialect);
    admin = await node.login('admin');
    ids = await loadIds(node, { admin });
  });
  afterAll(() => node?.dispose());

  for (const c of writeCases) {
    const [method = 'POST'] = c.route.split(' ');
    it(`${c.route}: a 4xx problem, nothing written, no 5xx`, async () => {
      const url = c.url(ids, 'admin').replace(':tokenOfCaller', crypto.randomUUID());
      const before = await fingerprint(node);
      const sent: { what: string; status: number; code: string }[] = [];
      const send = async (
        what: string,
        payload: string | Buffer,
        contentType = 'application/json',
      ) => {
        const res = await admin.request(method, url, payload, { 'content-type': contentType });
        sent.push({
          what,
          status: res.statusCode,
          code: res.headers['content-type']?.toString().includes('problem') ? res.json().code : '',
        });
        return res;
      };
      await send('malformed JSON', '{"a": ');
      await send('truncated JSON', '{"username": "x", "password"');
      await send('JSON array', '[1,2,3]');
      await send('JSON string', '"hello"');
      await send(
        'unknown field',
        JSON.stringify({ ...((c.body?.(ids, 'admin') as object) ?? {}), sneaky: 'extra' }),
      );
      await send(
        'invalid UTF-8',
        Buffer.concat([
          Buffer.from('{"name": "'),
          Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
          Buffer.from('"}'),
        ]),
      );
      await send(
        'oversized body',
        JSON.stringify({
          name: 'x'.repeat(
            (c.route.endsWith('/attachments')
              ? node.config.attachmentMaxBytes
              : node.config.bodyLimitBytes) + 10,
          ),
        }),
      );
      await send('form encoding', 'username=a&password=b', 'application/x-www-form-urlencoded');
      await send(
        'prototype pollution',
        '{"__proto__": {"isAdmin": true}, "constructor": {"prototype": {"x": 1}}}',
      );
      const body = c.body?.(ids, 'admin');
      if (body && typeof body === 'object') {
        for (const [field, variant] of wrongTypes(body as Record<string, unknown>)) {
          await send(`wrong type for ${field}`, JSON.stringify(variant));
        }
        for (const [field, value] of Object.entries(body)) {
          if (typeof value === 'string')
            await send(
              `over-long ${field}`,
              JSON.stringify({ ...body, [field]: 'y'.repeat(20_000) }),
            );
        }
      }
      for (const s of sent) {
        expect(s.status, `${s.what} → ${s.status}`).toBeGreaterThanOrEqual(400);
        expect(s.status, `${s.what} → ${s.status}`).toBeLessThan(500);
        expect(s.code, `${s.what} has a problem code`).toMatch(/^[a-z0-9_]+$/);
      }
      expect(sent.find((s) => s.what === 'invalid UTF-8')?.code).toMatch(
        /invalid_utf8|validation_failed|forbidden/,
      );
      expect(sent.find((s) => s.what === 'oversized body')?.status).toBe(413);
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
      expect(await fingerprint(node)).toBe(before);
    });
  }

  it('stores injection strings verbatim and returns them as data, never executed', async () => {
    for (const [i, text] of INJECTIONS.entries()) {
      const created = await admin.post('/api/v1/users', {
        username: `inj${i}-${ids.run}`,
        password: 'a-long-temporary-pass',
        displayName: text,
        agencyId: ids.agency,
        roleIds: ['caseworker'],
        areaCodes: [],
        language: 'en',
      });
      expect(created.statusCode, created.body).toBe(201);
      const read = await admin.get(`/api/v1/users/${created.json().id}`);
      expect(read.json().displayName).toBe(text);
      const search = await admin.get(`/api/v1/users?q=${encodeURIComponent(text)}`);
      expect(search.statusCode).toBe(200);
      expect(search.json().items.map((u: { displayName: string }) => u.displayName)).toContain(
        text,
      );
      const agency = await admin.post('/api/v1/agencies', {
        code: `INJ-${i}-${ids.run}`,
        name: text,
        type: 'ngo',
        areaCodes: [],
      });
      expect(agency.json().name).toBe(text);
    }
    expect(
      (await node.deps.db.selectFrom('app_user').select('id').execute()).length,
    ).toBeGreaterThan(7);
  });

  it('refuses hostile query strings and ids with a 4xx', async () => {
    for (const url of [
      '/api/v1/users?limit=abc',
      '/api/v1/users?limit=99999999999',
      '/api/v1/users?cursor=%%%',
      '/api/v1/users?cursor=eyJ4Ijp0cnVlfQ',
      "/api/v1/users/' OR 1=1 --",
      `/api/v1/users/${'a'.repeat(500)}`,
      '/api/v1/audit?from=yesterday',
      '/api/v1/areas?level=x',
      '/api/v1/users?unknown=1',
    ]) {
      const res = await admin.get(url);
      expect(
        res.statusCode,
        `${url} → ${res.statusCode} ${res.body.slice(0, 120)}`,
      ).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
    }
    const like = await admin.get('/api/v1/users?q=%25%5F%5C');
    expect(like.statusCode).toBe(200);
    expect(like.json().items).toEqual([]);
  });
});
