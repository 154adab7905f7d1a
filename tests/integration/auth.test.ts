import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotp } from '../../src/server/auth/totp.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { createTestNode, DEMO_PASSWORD, type TestNode } from '../helpers/testNode.ts';

describe.each(DIALECTS)('sign-in and sessions on %s', (dialect) => {
  let node: TestNode;
  beforeAll(async () => {
    node = await createTestNode(dialect, {
      PATHFINDER_LOGIN_MAX_FAILURES: '3',
      PATHFINDER_LOGIN_ADDRESS_MAX_FAILURES: '8',
    });
  });
  afterAll(() => node?.dispose());

  it('signs in, sets an httpOnly SameSite cookie and returns a CSRF token', async () => {
    const res = await node
      .anonymous()
      .post('/api/v1/auth/login', { username: 'Admin', password: DEMO_PASSWORD });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'pf_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
    expect(cookie?.secure).toBeFalsy();
    expect(res.json().csrfToken).toMatch(/^[\w-]{20,}$/);
    expect(res.json().user).toMatchObject({
      username: 'admin',
      roleIds: ['admin'],
      restrictions: [],
    });
    const stored = await node.deps.db.selectFrom('session').select('id_hash').execute();
    expect(stored.map((s) => s.id_hash)).not.toContain(cookie?.value);
  });

  it('marks the cookie Secure behind TLS', async () => {
    const secure = await createTestNode(dialect, { PATHFINDER_SECURE_COOKIES: 'always' });
    try {
      const res = await secure
        .anonymous()
        .post('/api/v1/auth/login', { username: 'admin', password: DEMO_PASSWORD });
      expect(res.cookies.find((c) => c.name === 'pf_session')?.secure).toBe(true);
    } finally {
      await secure.dispose();
    }
  });

  it('refuses a wrong password with the same answer as an unknown user', async () => {
    const wrong = await node
      .anonymous()
      .post('/api/v1/auth/login', { username: 'analyst', password: 'not-the-password' });
    const unknown = await node
      .anonymous()
      .post('/api/v1/auth/login', { username: 'nobody-here', password: 'not-the-password' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().code).toBe('invalid_credentials');
    expect(unknown.json().code).toBe('invalid_credentials');
    await node.deps.db
      .updateTable('app_user')
      .set({ failed_logins: 0 })
      .where('username', '=', 'analyst')
      .execute();
  });

  it('requires the CSRF token on writes made with a session cookie', async () => {
    const admin = await node.login('admin');
    const res = await admin.request(
      'PATCH',
      '/api/v1/me',
      { language: 'fr' },
      { 'x-csrf-token': 'wrong' },
    );
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('csrf_failed');
    const ok = await admin.patch('/api/v1/me', { language: 'fr' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().language).toBe('fr');
    await admin.patch('/api/v1/me', { language: 'en' });
  });

  it('locks an account after repeated failures, logs it, and an administrator unlocks it', async () => {
    const anon = node.anonymous();
    for (let i = 0; i < 2; i++) {
      expect(
        (await anon.post('/api/v1/auth/login', { username: 'ngo', password: 'wrong-password' }))
          .statusCode,
      ).toBe(401);
    }
    const third = await anon.post('/api/v1/auth/login', {
      username: 'ngo',
      password: 'wrong-password',
    });
    expect(third.statusCode).toBe(423);
    expect(third.json().code).toBe('account_locked');
    // Even the right password is refused while locked.
    const right = await anon.post('/api/v1/auth/login', {
      username: 'ngo',
      password: DEMO_PASSWORD,
    });
    expect(right.statusCode).toBe(423);
    const locked = await node.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'auth.account.locked')
      .execute();
    expect(locked.length).toBeGreaterThan(0);

    const admin = await node.login('admin');
    const user = await node.deps.db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', 'ngo')
      .executeTakeFirstOrThrow();
    expect((await admin.post(`/api/v1/users/${user.id}/unlock`)).statusCode).toBe(204);
    expect(
      (await anon.post('/api/v1/auth/login', { username: 'ngo', password: DEMO_PASSWORD }))
        .statusCode,
    ).toBe(200);
  });

  it('backs off: the lock expires, and the next lock lasts twice as long', async () => {
    const anon = node.anonymous();
    for (let i = 0; i < 3; i++)
      await anon.post('/api/v1/auth/login', { username: 'police', password: 'wrong-password' });
    const first = await node.deps.db
      .selectFrom('app_user')
      .select('locked_until')
      .where('username', '=', 'police')
      .executeTakeFirstOrThrow();
    const firstMs = Date.parse(first.locked_until ?? '') - node.clock.now().getTime();
    expect(firstMs).toBeGreaterThan(14 * 60_000);
    expect(firstMs).toBeLessThanOrEqual(15 * 60_000);
    node.clock.advance(16 * 60_000);
    for (let i = 0; i < 3; i++)
      await anon.post('/api/v1/auth/login', { username: 'police', password: 'wrong-password' });
    const second = await node.deps.db
      .selectFrom('app_user')
      .select('locked_until')
      .where('username', '=', 'police')
      .executeTakeFirstOrThrow();
    const secondMs = Date.parse(second.locked_until ?? '') - node.clock.now().getTime();
    expect(secondMs).toBeGreaterThan(29 * 60_000);
    node.clock.advance(31 * 60_000);
    expect(
      (await anon.post('/api/v1/auth/login', { username: 'police', password: DEMO_PASSWORD }))
        .statusCode,
    ).toBe(200);
  });

  it('locks an address that fails against many accounts', async () => {
    const from = (ip: string) => ({
      method: 'POST' as const,
      url: '/api/v1/auth/login',
      remoteAddress: ip,
      headers: { 'content-type': 'application/json' },
    });
    let last = 0;
    for (let i = 0; i < 8; i++) {
      const res = await node.app.inject({
        ...from('10.9.9.9'),
        payload: JSON.stringify({ username: `ghost${i}`, password: 'wrong-password' }),
      });
      last = res.statusCode;
    }
    expect(last).toBe(401);
    const refused = await node.app.inject({
      ...from('10.9.9.9'),
      payload: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
    });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().code).toBe('address_locked');
    const other = await node.app.inject({
      ...from('10.9.9.10'),
      payload: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
    });
    expect(other.statusCode).toBe(200);
  });

  it('ends a session after the idle timeout, and writes activity only now and then', async () => {
    const c = await node.login('supervisor');
    const before = await node.deps.db
      .selectFrom('session')
      .select(['id_hash', 'last_seen_at'])
      .orderBy('created_at', 'desc')
      .execute();
    node.clock.advance(10_000);
    expect((await c.get('/api/v1/me')).statusCode).toBe(200);
    const after10s = await node.deps.db
      .selectFrom('session')
      .select(['id_hash', 'last_seen_at'])
      .execute();
    // Within the touch interval (60 s) nothing is written.
    expect(after10s.map((s) => s.last_seen_at).sort()).toEqual(
      before.map((s) => s.last_seen_at).sort(),
    );
    node.clock.advance(25 * 60_000);
    expect((await c.get('/api/v1/me')).statusCode).toBe(200); // touched: idle window renewed
    node.clock.advance(25 * 60_000);
    expect((await c.get('/api/v1/me')).statusCode).toBe(200);
    node.clock.advance(31 * 60_000);
    const expired = await c.get('/api/v1/me');
    expect(expired.statusCode).toBe(401);
    expect(expired.json().code).toBe('unauthenticated');
  });

  it('ends a session at the absolute timeout even when active', async () => {
    const c = await node.login('supervisor');
    // 24 × 29 min = 11 h 36 min: active within the idle window, below the absolute limit.
    for (let i = 0; i < 24; i++) {
      node.clock.advance(29 * 60_000);
      expect((await c.get('/api/v1/me')).statusCode).toBe(200);
    }
    node.clock.advance(29 * 60_000); // 12 h 05 min: past the absolute limit of 12 h
    expect((await c.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('changes a password: the old one stops working, other sessions end', async () => {
    const a = await node.login('inspector');
    const b = await node.login('inspector');
    const weak = await a.post('/api/v1/auth/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'short',
    });
    expect(weak.json().code).toBe('password_too_short');
    const wrong = await a.post('/api/v1/auth/password', {
      currentPassword: 'nope-nope-nope',
      newPassword: 'a-brand-new-passphrase',
    });
    expect(wrong.json().code).toBe('current_password_wrong');
    expect(
      (
        await a.post('/api/v1/auth/password', {
          currentPassword: DEMO_PASSWORD,
          newPassword: 'a-brand-new-passphrase',
        })
      ).statusCode,
    ).toBe(204);
    expect((await a.get('/api/v1/me')).statusCode).toBe(200);
    expect((await b.get('/api/v1/me')).statusCode).toBe(401);
    await expect(node.login('inspector')).rejects.toThrow(/401/);
    await node.login('inspector', 'a-brand-new-passphrase');
  });

  it('enrols TOTP by QR code, then asks for a code at sign-in; recovery codes work once', async () => {
    const c = await node.login('socialworker');
    const setup = await c.post('/api/v1/auth/totp/setup');
    expect(setup.statusCode).toBe(200);
    const { secret, uri, qrDataUrl } = setup.json();
    expect(uri).toMatch(/^otpauth:\/\/totp\/Pathfinder:socialworker\?/);
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect((await c.post('/api/v1/auth/totp/confirm', { code: '000000' })).json().code).toBe(
      'mfa_invalid',
    );
    const confirm = await c.post('/api/v1/auth/totp/confirm', {
      code: currentTotp('socialworker', secret, node.clock.now()),
    });
    expect(confirm.statusCode).toBe(200);
    const codes: string[] = confirm.json().recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);

    const anon = node.anonymous();
    const step1 = await anon.post('/api/v1/auth/login', {
      username: 'socialworker',
      password: DEMO_PASSWORD,
    });
    expect(step1.json()).toMatchObject({ authenticated: false, mfaPending: true });
    anon.cookie = step1.cookies.find((k) => k.name === 'pf_session')?.value ?? null;
    anon.csrf = step1.json().csrfToken;
    expect((await anon.get('/api/v1/me')).json().code).toBe('mfa_required');
    // The code used to confirm enrolment cannot be replayed…
    const replay = await anon.post('/api/v1/auth/login/mfa', {
      code: currentTotp('socialworker', secret, node.clock.now()),
    });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('mfa_invalid');
    // …the next one works.
    node.clock.advance(30_000);
    const step2 = await anon.post('/api/v1/auth/login/mfa', {
      code: currentTotp('socialworker', secret, node.clock.now()),
    });
    expect(step2.statusCode).toBe(200);
    const rotated = step2.cookies.find((k) => k.name === 'pf_session')?.value;
    expect(rotated).not.toBe(anon.cookie);
    anon.cookie = rotated ?? null;
    anon.csrf = step2.json().csrfToken;
    expect((await anon.get('/api/v1/me')).json().totpEnabled).toBe(true);

    const rc = node.anonymous();
    const p = await rc.post('/api/v1/auth/login', {
      username: 'socialworker',
      password: DEMO_PASSWORD,
    });
    rc.cookie = p.cookies.find((k) => k.name === 'pf_session')?.value ?? null;
    rc.csrf = p.json().csrfToken;
    expect((await rc.post('/api/v1/auth/login/mfa', { recoveryCode: codes[0] })).statusCode).toBe(
      200,
    );
    const again = node.anonymous();
    const p2 = await again.post('/api/v1/auth/login', {
      username: 'socialworker',
      password: DEMO_PASSWORD,
    });
    again.cookie = p2.cookies.find((k) => k.name === 'pf_session')?.value ?? null;
    again.csrf = p2.json().csrfToken;
    expect(
      (await again.post('/api/v1/auth/login/mfa', { recoveryCode: codes[0] })).statusCode,
    ).toBe(401);
  });

  it('a role that requires MFA confines a user without it to enrolment', async () => {
    const admin = await node.login('admin');
    const role = (await admin.get('/api/v1/roles'))
      .json()
      .items.find((r: { id: string }) => r.id === 'analyst');
    expect(
      (await admin.patch('/api/v1/roles/analyst', { version: role.version, requireMfa: true }))
        .statusCode,
    ).toBe(200);
    const analyst = await node.login('analyst');
    const me = await analyst.get('/api/v1/me');
    expect(me.json().restrictions).toEqual(['mfa_setup']);
    const blocked = await analyst.get('/api/v1/agencies');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('restricted_session');
    const { secret } = (await analyst.post('/api/v1/auth/totp/setup')).json();
    await analyst.post('/api/v1/auth/totp/confirm', {
      code: currentTotp('analyst', secret, node.clock.now()),
    });
    expect((await analyst.get('/api/v1/agencies')).statusCode).toBe(200);
    const off = await analyst.post('/api/v1/auth/totp/disable', { password: DEMO_PASSWORD });
    expect(off.json().code).toBe('totp_required_by_role');
  });

  it('issues scoped, expiring, revocable API tokens shown once and stored hashed', async () => {
    const admin = await node.login('admin');
    const tooMuch = await (await node.login('supervisor')).post('/api/v1/tokens', {
      name: 'x',
      scopes: ['audit:read:all'],
      expiresInDays: 30,
    });
    expect(tooMuch.json().code).toBe('scope_not_held');
    const created = await admin.post('/api/v1/tokens', {
      name: 'statistics export',
      scopes: ['user:read:all'],
      expiresInDays: 1,
    });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    expect(token).toMatch(/^pft_/);
    const rows = await node.deps.db
      .selectFrom('api_token')
      .select('token_hash')
      .where('id', '=', id)
      .execute();
    expect(rows[0]?.token_hash).toHaveLength(64);
    expect(rows[0]?.token_hash).not.toContain(token);
    expect((await admin.get('/api/v1/tokens')).json().items[0]).not.toHaveProperty('token');

    const bearer = (url: string, method = 'GET') =>
      node.app.inject({
        method: method as 'GET',
        url,
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await bearer('/api/v1/users')).statusCode).toBe(200);
    // Scoped: the admin holds audit:read:all, the token does not.
    expect((await bearer('/api/v1/audit')).statusCode).toBe(403);
    // No CSRF needed for bearer clients, but also no cookie session.
    node.clock.advance(86_400_000 + 1000);
    expect((await bearer('/api/v1/users')).statusCode).toBe(401);

    const admin2 = await node.login('admin');
    const second = (
      await admin2.post('/api/v1/tokens', {
        name: 'short',
        scopes: ['user:read:all'],
        expiresInDays: 5,
      })
    ).json();
    expect((await admin2.delete(`/api/v1/tokens/${second.id}`)).statusCode).toBe(204);
    const revoked = await node.app.inject({
      url: '/api/v1/users',
      headers: { authorization: `Bearer ${second.token}` },
    });
    expect(revoked.statusCode).toBe(401);
    const bogus = await node.app.inject({
      url: '/api/v1/users',
      headers: { authorization: 'Bearer pft_nonsense' },
    });
    expect(bogus.statusCode).toBe(401);
  });

  it('signs out: the session is gone on the server', async () => {
    const c = await node.login('admin');
    expect((await c.post('/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await c.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('ends sessions of a disabled user at once', async () => {
    const admin = await node.login('admin');
    const victim = await node.login('supervisor');
    const user = (await admin.get('/api/v1/users?q=supervisor'))
      .json()
      .items.find((u: { username: string }) => u.username === 'supervisor');
    expect(
      (await admin.patch(`/api/v1/users/${user.id}`, { version: user.version, disabled: true }))
        .statusCode,
    ).toBe(200);
    expect((await victim.get('/api/v1/me')).statusCode).toBe(401);
    await expect(node.login('supervisor')).rejects.toThrow(/401/);
    const fresh = (await admin.get(`/api/v1/users/${user.id}`)).json();
    await admin.patch(`/api/v1/users/${user.id}`, { version: fresh.version, disabled: false });
  });
});
