// The offline sync's push side on both databases: devices, idempotent batches, the per-field
// merge, refusals, a server restarting mid-batch (docs/sync.md "Push").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/databases.ts';
import {
  count,
  device,
  fields,
  followUp,
  INVESTIGATION,
  note,
  openCase,
  pullAll,
  push,
  referral,
  uuid,
} from '../helpers/syncApi.ts';
import { type Client, createTestNode, type TestNode } from '../helpers/testNode.ts';

describe.each(DIALECTS)('offline sync: push, on %s', (dialect) => {
  let node: TestNode;
  let inspector: Client;
  let tablet: string;
  let phone: string;

  beforeAll(async () => {
    node = await createTestNode(dialect);
    inspector = await node.login('inspector');
    tablet = await device(inspector);
    phone = await device(inspector);
  });
  afterAll(() => node?.dispose());

  it('registers a device once, whatever the retries', async () => {
    const again = await inspector.post('/api/v1/devices', { id: tablet, label: 'Tablet' });
    expect(again.statusCode).toBe(200);
    const mine = (await inspector.get('/api/v1/devices')).json() as { items: { id: string }[] };
    expect(mine.items.filter((d) => d.id === tablet)).toHaveLength(1);
    const other = await node.login('socialworker');
    expect((await other.post('/api/v1/devices', { id: tablet, label: 'x' })).statusCode).toBe(409);
  });

  it('applies a retried batch exactly once, keeping the device’s ids', async () => {
    const caseId = uuid();
    const personId = uuid();
    const batch = [openCase(caseId, personId), note(caseId)];
    const first = await push(inspector, tablet, batch);
    expect(first.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect(first[0]?.result?.id).toBe(caseId);
    expect(first[0]?.result?.person?.id).toBe(personId);
    const second = await push(inspector, tablet, batch);
    expect(second.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
    expect(second[0]?.result?.id).toBe(caseId);
    expect(await count(node, 'case_file', 'id', caseId)).toBe(1);
    expect(await count(node, 'case_note', 'case_id', caseId)).toBe(1);
    // The same id for another record is refused.
    const clash = await push(inspector, tablet, [openCase(caseId, uuid())]);
    expect(clash[0]?.status).toBe('rejected');
    expect(clash[0]?.problem?.code).toBe('id_taken');
  });

  it('applies a batch sent twice at the same moment once, answering the second duplicate', async () => {
    for (let round = 0; round < 3; round++) {
      const caseId = uuid();
      const batch = [openCase(caseId, uuid()), note(caseId)];
      const both = await Promise.all([
        push(inspector, tablet, batch),
        push(inspector, tablet, batch),
      ]);
      for (const i of [0, 1]) {
        const statuses = both.map((results) => results[i]?.status).sort();
        expect(statuses, `round ${round}, mutation ${i}`).toEqual(['applied', 'duplicate']);
      }
      expect(await count(node, 'case_file', 'id', caseId)).toBe(1);
      expect(await count(node, 'case_note', 'case_id', caseId)).toBe(1);
    }
  });

  it('merges different fields, keeps both values of the same field, and a person resolves it', async () => {
    const caseId = uuid();
    await push(inspector, tablet, [openCase(caseId, uuid())]);
    const [a] = await push(inspector, tablet, [
      fields(caseId, { 'person.givenName': { value: 'Asha K.', baseVersion: 0 } }),
    ]);
    const [b] = await push(inspector, phone, [
      fields(caseId, { 'case.riskLevel': { value: 'medium', baseVersion: 0 } }),
    ]);
    expect([a?.status, b?.status]).toEqual(['applied', 'applied']);
    const [c] = await push(inspector, phone, [
      fields(caseId, { 'person.givenName': { value: 'Gita', baseVersion: 0 } }),
    ]);
    expect(c?.status).toBe('conflict');
    expect(c?.conflicts?.[0]).toMatchObject({
      field: 'person.givenName',
      serverValue: 'Asha K.',
      deviceValue: 'Gita',
    });
    const kase = (await inspector.get(`/api/v1/cases/${caseId}`)).json();
    expect(kase.person.givenName).toBe('Asha K.');
    expect(kase.riskLevel).toBe('medium');
    expect(kase.version).toBe(3);

    // The online form goes through the same merge.
    const online = await inspector.patch(`/api/v1/cases/${caseId}/fields`, {
      version: 1,
      fields: { 'case.riskLevel': { value: 'low', baseVersion: 0 } },
    });
    expect(online.statusCode, online.body).toBe(200);
    expect(online.json().conflicts).toHaveLength(1);

    const open = (await inspector.get('/api/v1/sync/conflicts?state=open')).json() as {
      items: { id: string; caseId: string; field: string }[];
    };
    const mine = open.items.filter((i) => i.caseId === caseId);
    expect(mine.map((i) => i.field).sort()).toEqual(['case.riskLevel', 'person.givenName']);
    const name = mine.find((i) => i.field === 'person.givenName');
    const resolved = await inspector.post(`/api/v1/sync/conflicts/${name?.id}/resolve`, {
      choice: 'device',
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(resolved.json().resolution).toEqual({ choice: 'device', value: 'Gita' });
    const again = await inspector.post(`/api/v1/sync/conflicts/${name?.id}/resolve`, {
      choice: 'server',
    });
    expect(again.json().code).toBe('conflict_resolved');
    const risk = mine.find((i) => i.field === 'case.riskLevel');
    await inspector.post(`/api/v1/sync/conflicts/${risk?.id}/resolve`, { choice: 'server' });
    const after = (await inspector.get(`/api/v1/cases/${caseId}`)).json();
    expect(after.person.givenName).toBe('Gita');
    expect(after.riskLevel).toBe('medium');
    const left = (await inspector.get('/api/v1/sync/conflicts')).json() as {
      items: { caseId: string }[];
    };
    expect(left.items.filter((i) => i.caseId === caseId)).toEqual([]);
    const audit = await node.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'sync.conflict.resolve')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(2);
  });

  it('reports a rejected mutation and goes on with the rest', async () => {
    const caseId = uuid();
    const results = await push(inspector, tablet, [
      note(uuid()),
      { mutationId: uuid(), kind: 'case.note', caseId, payload: { text: '' } },
      openCase(caseId, uuid()),
      note(caseId),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'applied', 'applied']);
    expect(results[0]?.problem?.code).toBe('not_found');
    expect(results[1]?.problem?.code).toBe('validation_failed');
    expect(results[0]?.problem?.message).toBeTruthy();
  });

  it('pushes follow-ups and referrals offline, for a case opened in the same batch, each once', async () => {
    const caseId = uuid();
    const batch = [
      openCase(caseId, uuid()),
      followUp(caseId),
      referral(caseId),
      // The case may also be named in the payload, as the online body of POST /referrals would.
      { ...referral(undefined, { caseId, serviceId: INVESTIGATION }) },
    ];
    const first = await push(inspector, tablet, batch);
    expect(
      first.map((r) => r.status),
      JSON.stringify(first),
    ).toEqual(['applied', 'applied', 'applied', 'applied']);
    expect(first[1]?.result).toMatchObject({ visitedOn: '2024-01-02', inSchool: true });
    expect(first[2]?.result).toMatchObject({ caseId, state: 'sent', side: 'referrer' });
    const again = await push(inspector, tablet, batch);
    expect(again.map((r) => r.status)).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
      'duplicate',
    ]);
    const db = node.deps.db;
    expect(
      await db.selectFrom('follow_up').select('id').where('case_id', '=', caseId).execute(),
    ).toHaveLength(1);
    expect(
      await db.selectFrom('referral').select('id').where('case_id', '=', caseId).execute(),
    ).toHaveLength(2);
    const kase = (await inspector.get(`/api/v1/cases/${caseId}`)).json();
    expect(kase.followUps).toHaveLength(1);

    const refused = await push(inspector, tablet, [
      referral(caseId, { caseId: uuid() }),
      referral(undefined),
      { ...followUp(caseId), payload: { visitedOn: 'soon' } },
      referral(caseId, { serviceId: '5e7c0000-0000-4000-8000-000000000008' }),
    ]);
    expect(refused.map((r) => r.problem?.code)).toEqual([
      'validation_failed',
      'validation_failed',
      'validation_failed',
      'service_inactive',
    ]);
  });

  it('records consent offline with the device’s id, refers with it instead of a justification, and withdraws it', async () => {
    const caseId = uuid();
    const consentId = uuid();
    const withConsent = referral(caseId);
    const { consentOverride: _, ...noOverride } = withConsent.payload;
    const batch = [
      openCase(caseId, uuid()),
      {
        mutationId: uuid(),
        kind: 'case.consent',
        caseId,
        payload: {
          id: consentId,
          purpose: 'sharing',
          given: true,
          givenBy: 'parent_or_guardian',
          agencyTypes: ['child_protection'],
        },
      },
      { ...withConsent, payload: noOverride },
    ];
    const results = await push(inspector, tablet, batch);
    expect(
      results.map((r) => r.status),
      JSON.stringify(results),
    ).toEqual(['applied', 'applied', 'applied']);
    expect(results[1]?.result).toMatchObject({ id: consentId, purpose: 'sharing', given: true });
    expect(results[2]?.result).toMatchObject({ consent: 'recorded' });
    const db = node.deps.db;
    const stored = await db
      .selectFrom('referral')
      .select(['consent_id', 'consent_override'])
      .where('case_id', '=', caseId)
      .execute();
    expect(stored).toEqual([{ consent_id: consentId, consent_override: null }]);
    // The pulled case carries its consents, for the next offline referral.
    const pulled = await pullAll(inspector, phone, '', '', (p) =>
      expect(p.changes.get(`case:${caseId}`)).toBeDefined(),
    );
    expect(
      (pulled.changes.get(`case:${caseId}`) as { consents?: unknown[] } | undefined)?.consents,
    ).toEqual([expect.objectContaining({ id: consentId, agencyTypes: ['child_protection'] })]);

    // Withdrawn from a device; a second referral then needs the written justification again.
    const [withdrawn, refused] = await push(inspector, tablet, [
      { mutationId: uuid(), kind: 'case.consentWithdraw', caseId, payload: { consentId } },
      {
        ...withConsent,
        mutationId: uuid(),
        payload: { ...noOverride, idempotencyKey: `x-${uuid()}` },
      },
    ]);
    expect(withdrawn?.status).toBe('applied');
    expect(withdrawn?.result).toMatchObject({ id: consentId, withdrawnAt: expect.any(String) });
    expect(refused?.problem?.code).toBe('consent_required');
    // A consent id already used is refused in words, not a server error.
    const [taken] = await push(inspector, phone, [{ ...batch[1], mutationId: uuid() }]);
    expect(taken?.problem).toMatchObject({ status: 409, code: 'id_taken' });
  });

  it('refuses a revoked device with device_revoked; an administrator sees and revokes devices', async () => {
    const lost = await device(inspector);
    const admin = await node.login('admin');
    const inspectorId = (await inspector.get('/api/v1/me')).json().id as string;
    const listed = (await admin.get(`/api/v1/users/${inspectorId}/devices`)).json() as {
      items: { id: string }[];
    };
    expect(listed.items.map((d) => d.id)).toContain(lost);
    const revoked = await admin.post(`/api/v1/devices/${lost}/revoke`);
    expect(revoked.statusCode, revoked.body).toBe(200);
    const pull = await inspector.get(`/api/v1/sync/pull?deviceId=${lost}`);
    expect(pull.statusCode).toBe(403);
    expect(pull.json().code).toBe('device_revoked');
    const pushed = await inspector.post('/api/v1/sync/push', {
      deviceId: lost,
      mutations: [note(uuid())],
    });
    expect(pushed.json().code).toBe('device_revoked');
    const other = await node.login('socialworker');
    expect((await other.post(`/api/v1/devices/${tablet}/revoke`)).statusCode).toBe(404);
  });

  it('stamps a device as seen at most once a minute, and refuses it on every call once revoked', async () => {
    const lost = await device(inspector);
    // As the device lists show it.
    const seen = async () => {
      const mine = (await inspector.get('/api/v1/devices')).json() as {
        items: { id: string; lastSeenAt: string }[];
      };
      return String(mine.items.find((d) => d.id === lost)?.lastSeenAt);
    };
    const pull = () => inspector.get(`/api/v1/sync/pull?deviceId=${lost}&limit=1`);
    const registered = await seen();
    node.clock.advance(61_000);
    expect((await pull()).statusCode).toBe(200);
    const first = await seen();
    expect(Date.parse(first) - Date.parse(registered)).toBeGreaterThanOrEqual(61_000);
    // Within the minute: served, not stamped again.
    node.clock.advance(30_000);
    expect((await pull()).statusCode).toBe(200);
    expect(await seen()).toBe(first);
    node.clock.advance(31_000);
    expect((await pull()).statusCode).toBe(200);
    expect(Date.parse(await seen()) - Date.parse(first)).toBeGreaterThanOrEqual(61_000);
    // Revoked a moment after it was seen: the next call is refused all the same.
    const admin = await node.login('admin');
    expect((await admin.post(`/api/v1/devices/${lost}/revoke`)).statusCode).toBe(200);
    const refused = await pull();
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('device_revoked');
  });

  it('applies each mutation exactly once when the server restarts in the middle of a batch', async () => {
    const first = await createTestNode(dialect);
    let second: TestNode | undefined;
    try {
      const client = await first.login('inspector');
      const deviceId = await device(client);
      const caseId = uuid();
      const batch = [
        openCase(caseId, uuid()),
        note(caseId, 'one'),
        note(caseId, 'two'),
        note(caseId, 'three'),
      ];
      // The first two committed, then the server went down before answering the rest.
      expect((await push(client, deviceId, batch.slice(0, 2))).map((r) => r.status)).toEqual([
        'applied',
        'applied',
      ]);
      await first.close();
      second = await createTestNode(
        'sqlite',
        dialect === 'postgres'
          ? { DATABASE_URL: first.config.databaseUrl ?? '' }
          : { PATHFINDER_DATA_DIR: first.config.dataDir },
        { seed: false },
      );
      const again = await second.login('inspector');
      const results = await push(again, deviceId, batch);
      expect(results.map((r) => r.status)).toEqual([
        'duplicate',
        'duplicate',
        'applied',
        'applied',
      ]);
      expect(await count(second, 'case_file', 'id', caseId)).toBe(1);
      expect(await count(second, 'case_note', 'case_id', caseId)).toBe(3);
      const retried = await push(again, deviceId, batch);
      expect(retried.every((r) => r.status === 'duplicate')).toBe(true);
      expect(await count(second, 'case_note', 'case_id', caseId)).toBe(3);
    } finally {
      await second?.dispose();
      await first.dispose();
    }
  });
});
