import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/databases.ts';
import { type Client, createTestNode, type TestNode } from '../helpers/testNode.ts';

describe.each(DIALECTS)('API conventions and administration on %s', (dialect) => {
  let node: TestNode;
  let admin: Client;
  beforeAll(async () => {
    node = await createTestNode(dialect);
    admin = await node.login('admin');
  });
  afterAll(() => node?.dispose());

  it('answers /health and /ready (database reachable, migrations current)', async () => {
    expect((await node.app.inject('/health')).json()).toEqual({ status: 'ok' });
    expect((await node.app.inject('/ready')).json()).toEqual({ status: 'ready', db: dialect });
  });

  it('puts a request id and strict security headers on every response', async () => {
    const res = await node.app.inject('/api/v1/meta');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    const problem = await node.app.inject('/api/v1/nope');
    expect(problem.headers['x-request-id']).toBe(problem.json().requestId);
  });

  it('sends errors as problem+json with a stable code, in the caller’s language', async () => {
    const fr = await node.app.inject({
      url: '/api/v1/users',
      headers: { 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.5' },
    });
    expect(fr.statusCode).toBe(401);
    expect(fr.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(fr.json()).toMatchObject({
      status: 401,
      code: 'unauthenticated',
      title: 'Veuillez vous connecter.',
      type: 'urn:pathfinder:problem:unauthenticated',
    });
    const es = await node.app.inject({
      url: '/api/v1/users',
      headers: { 'accept-language': 'es' },
    });
    expect(es.json().title).toBe('Inicie sesión.');
    const unknown = await node.app.inject({
      url: '/api/v1/users',
      headers: { 'accept-language': 'xx' },
    });
    expect(unknown.json().title).toBe('Please sign in.');
    // A signed-in user's saved language wins over the browser's.
    await admin.patch('/api/v1/me', { language: 'es' });
    const mine = await admin.request('GET', '/api/v1/users/does-not-exist', undefined, {
      'accept-language': 'fr',
    });
    expect(mine.json()).toMatchObject({ code: 'not_found', status: 404 });
    expect(mine.json().title).toMatch(/No se encontró/);
    await admin.patch('/api/v1/me', { language: 'en' });
  });

  it('publishes an OpenAPI 3.1 document generated from the same schemas, and a readable page', async () => {
    const doc = (await node.app.inject('/api/v1/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(
      doc.paths['/api/v1/users'].post.requestBody.content['application/json'].schema
        .additionalProperties,
    ).toBe(false);
    expect(doc.paths['/api/v1/test/clock']).toBeUndefined();
    const page = await node.app.inject('/api/v1/docs');
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('/api/v1/users');
  });

  it('pages through lists with an opaque cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await admin.get(`/api/v1/areas?limit=20${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const page = res.json() as { items: { code: string }[]; nextCursor: string | null };
      seen.push(...page.items.map((a) => a.code));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(1 + 7 + 77);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(seen);
  });

  it('browses the area hierarchy with names per language', async () => {
    const provinces = (await admin.get('/api/v1/areas?parent=NPL')).json().items;
    expect(provinces).toHaveLength(7);
    expect(provinces.find((p: { code: string }) => p.code === 'NPL-P3')).toMatchObject({
      name: 'Bagmati',
      names: { ne: 'बागमती' },
      hasGeometry: true,
    });
    const bagmati = (await admin.get('/api/v1/areas?parent=NPL-P3&limit=200'))
      .json()
      .items.map((a: { code: string }) => a.code);
    expect(bagmati).toContain('NPL-D-KATHMANDU');
    const detail = (await admin.get('/api/v1/areas/NPL-D-KATHMANDU')).json();
    expect(detail.ancestors).toEqual(['NPL-P3', 'NPL']);
    expect(detail.geometry.type).toMatch(/Polygon/);
    expect(detail.defaultName).toBe('Kathmandu');
    const light = await admin.get('/api/v1/areas/NPL-D-KATHMANDU?geometry=false');
    expect(light.json()).not.toHaveProperty('geometry');
    expect(light.json()).toMatchObject({ ancestors: ['NPL-P3', 'NPL'], hasGeometry: true });
    expect(light.body.length).toBeLessThan(1000);
    const search = (await admin.get('/api/v1/areas?q=kathm')).json().items;
    expect(search.map((a: { code: string }) => a.code)).toEqual(['NPL-D-KATHMANDU']);
  });

  it('creates and edits users, agencies, roles and areas with optimistic versions', async () => {
    const agency = await admin.post('/api/v1/agencies', {
      code: 'NPL-EDU-1',
      name: 'District Education Office',
      type: 'education',
      areaCodes: ['NPL-D-KASKI'],
    });
    expect(agency.statusCode).toBe(201);
    const role = await admin.post('/api/v1/roles', {
      id: 'teacher',
      name: 'Teacher',
      description: 'Reports',
      permissions: ['token:write:own'],
      requireMfa: false,
    });
    expect(role.statusCode).toBe(201);
    expect(
      (
        await admin.post('/api/v1/roles', {
          id: 'bad',
          name: 'x',
          description: '',
          permissions: ['launch:missiles:all'],
          requireMfa: false,
        })
      ).json().code,
    ).toBe('unknown_permission');
    const newUser = {
      username: 'Teacher.One',
      password: 'first-temporary-pass',
      displayName: 'Sita Sharma',
      email: 'sita@example.org',
      agencyId: agency.json().id,
      roleIds: ['teacher'],
      areaCodes: ['NPL-D-KASKI'],
      language: 'ne',
    };
    const user = await admin.post('/api/v1/users', newUser);
    expect(user.statusCode, user.body).toBe(201);
    expect(user.json()).toMatchObject({
      username: 'teacher.one',
      mustChangePassword: true,
      roleIds: ['teacher'],
      version: 1,
    });
    expect(user.json()).not.toHaveProperty('passwordHash');
    expect((await admin.post('/api/v1/users', newUser)).json().code).toBe('username_taken');

    const id = user.json().id;
    const first = await admin.patch(`/api/v1/users/${id}`, { version: 1, displayName: 'Sita S.' });
    expect(first.json().version).toBe(2);
    const stale = await admin.patch(`/api/v1/users/${id}`, {
      version: 1,
      displayName: 'Lost update',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'version_conflict', currentVersion: 2 });
    expect((await admin.get(`/api/v1/users/${id}`)).json().displayName).toBe('Sita S.');

    // The new user must change the temporary password before anything else.
    const teacher = await node.login('teacher.one', 'first-temporary-pass');
    expect((await teacher.get('/api/v1/me')).json().restrictions).toEqual(['password_change']);
    const restricted = (await teacher.get('/api/v1/agencies')).json();
    expect(restricted).toMatchObject({
      code: 'restricted_session',
      restriction: 'password_change',
    });
    expect(restricted.title).toBe('Change your temporary password first.');
    await teacher.post('/api/v1/auth/password', {
      currentPassword: 'first-temporary-pass',
      newPassword: 'my-own-good-passphrase',
    });
    expect((await teacher.get('/api/v1/agencies')).statusCode).toBe(200);

    expect((await admin.delete('/api/v1/roles/teacher')).json().code).toBe('role_in_use');
    const area = await admin.post('/api/v1/areas', {
      code: 'NPL-M-POKHARA',
      level: 3,
      parentCode: 'NPL-D-KASKI',
      defaultName: 'Pokhara',
      names: { en: 'Pokhara', ne: 'पोखरा' },
    });
    expect(area.statusCode, area.body).toBe(201);
    expect(
      (
        await admin.post('/api/v1/areas', {
          code: 'NPL-X',
          level: 1,
          parentCode: 'NPL-D-KASKI',
          defaultName: 'x',
          names: {},
        })
      ).json().code,
    ).toBe('invalid_area_level');
    const renamed = await admin.patch('/api/v1/areas/NPL-M-POKHARA', {
      version: 1,
      names: { en: 'Pokhara Metropolitan City', ne: 'पोखरा महानगरपालिका' },
    });
    expect(renamed.json().version).toBe(2);

    const changes = await node.deps.db
      .selectFrom('change_log')
      .select(['entity', 'entity_id', 'version'])
      .where('entity_id', 'in', [id, 'NPL-M-POKHARA'])
      .orderBy('seq')
      .execute();
    expect(changes).toEqual([
      { entity: 'user', entity_id: id, version: 1 },
      { entity: 'user', entity_id: id, version: 2 },
      { entity: 'area', entity_id: 'NPL-M-POKHARA', version: 1 },
      { entity: 'area', entity_id: 'NPL-M-POKHARA', version: 2 },
    ]);
  });

  it('does not let an administrator remove role administration from everyone', async () => {
    const roles = (await admin.get('/api/v1/roles')).json().items;
    const adminRole = roles.find((r: { id: string }) => r.id === 'admin');
    const res = await admin.patch('/api/v1/roles/admin', {
      version: adminRole.version,
      permissions: ['user:read:all'],
    });
    expect(res.json().code).toBe('would_lock_out');
  });

  it('searches the audit log by actor, action and time; the search itself is audited', async () => {
    await node.login('inspector');
    const res = await admin.get('/api/v1/audit?actor=inspector&action=auth.login');
    expect(res.statusCode).toBe(200);
    const rows = res.json().items;
    expect(rows.length).toBeGreaterThan(0);
    expect(
      rows.every(
        (r: { actorUsername: string; action: string }) =>
          r.actorUsername === 'inspector' && r.action.startsWith('auth.login'),
      ),
    ).toBe(true);
    const future = await admin.get('/api/v1/audit?from=2999-01-01');
    expect(future.json().items).toEqual([]);
    const own = await admin.get('/api/v1/audit?action=audit.search&limit=1');
    expect(own.json().items[0].action).toBe('audit.search');
  });

  it('moves the clock only in test mode, through the test endpoint', async () => {
    const before = node.clock.now().getTime();
    const res = await node.anonymous().post('/api/v1/test/clock', { advanceMs: 3_600_000 });
    expect(Date.parse(res.json().now) - before).toBeGreaterThanOrEqual(3_600_000);
    node.clock.reset();
    const prod = await createTestNode(dialect, { NODE_ENV: 'production' });
    try {
      const signedIn = await prod.login('admin');
      expect((await signedIn.post('/api/v1/test/clock', { advanceMs: 1 })).statusCode).toBe(404);
    } finally {
      await prod.dispose();
    }
  });
});
