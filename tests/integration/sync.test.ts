import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/databases.ts';
import { type Client, createTestNode, type TestNode } from '../helpers/testNode.ts';

interface Result {
  mutationId: string;
  status: string;
  result?: { id?: string; person?: { id: string }; version?: number };
  conflicts?: { id: string; field: string; serverValue: unknown; deviceValue: unknown }[];
  problem?: { code: string; message: string };
}

const uuid = () => crypto.randomUUID();

function openCase(caseId: string, personId: string, givenName = 'Asha') {
  return {
    mutationId: uuid(),
    kind: 'case.open',
    payload: {
      id: caseId,
      person: { id: personId, givenName, sex: 'female', estimatedAge: 12 },
      topics: ['child_labour'],
      riskLevel: 'high',
      areaCode: 'NPL-D-BHAKTAPUR',
    },
  };
}

const note = (caseId: string, text = 'Seen at the brick kiln.') => ({
  mutationId: uuid(),
  kind: 'case.note',
  caseId,
  payload: { text, sensitive: false },
});

const fields = (
  caseId: string,
  edits: Record<string, { value: unknown; baseVersion?: number }>,
) => ({
  mutationId: uuid(),
  kind: 'case.fields',
  caseId,
  payload: { version: 1, fields: edits },
});

async function device(client: Client): Promise<string> {
  const id = uuid();
  const res = await client.post('/api/v1/devices', { id, label: 'Tablet' });
  expect(res.statusCode, res.body).toBe(200);
  return id;
}

async function push(client: Client, deviceId: string, mutations: unknown[]): Promise<Result[]> {
  const res = await client.post('/api/v1/sync/push', { deviceId, mutations });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { results: Result[] }).results;
}

async function count(node: TestNode, table: 'case_file' | 'case_note', column: string, id: string) {
  const rows = await node.deps.db
    .selectFrom(table)
    .select('id')
    .where(column as 'id', '=', id)
    .execute();
  return rows.length;
}

describe.each(DIALECTS)('offline sync on %s', (dialect) => {
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

  it('pulls the agency’s records in pages by cursor, never another agency’s', async () => {
    const seen = new Map<string, number>();
    let cursor = '';
    let pages = 0;
    for (;;) {
      const res = await inspector.get(
        `/api/v1/sync/pull?deviceId=${tablet}&limit=2&cursor=${cursor}`,
      );
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json() as {
        changes: {
          entity: string;
          id: string;
          version: number;
          record: { fieldVersions?: object };
        }[];
        revoked: unknown[];
        cursor: string;
        more: boolean;
      };
      expect(page.revoked).toEqual([]);
      for (const c of page.changes) {
        expect(seen.has(`${c.entity}:${c.id}`)).toBe(false);
        seen.set(`${c.entity}:${c.id}`, c.version);
        if (c.entity === 'case') expect(c.record.fieldVersions).toBeDefined();
      }
      pages += 1;
      expect(Number(page.cursor)).toBeGreaterThanOrEqual(Number(cursor || 0));
      cursor = page.cursor;
      if (!page.more) break;
    }
    expect(pages).toBeGreaterThan(1);
    const caseIds = [...seen.keys()].filter((k) => k.startsWith('case:'));
    expect(caseIds.length).toBeGreaterThanOrEqual(3);
    // Nothing changed since: an empty page at the same cursor.
    const empty = (
      await inspector.get(`/api/v1/sync/pull?deviceId=${tablet}&cursor=${cursor}`)
    ).json();
    expect(empty).toEqual({ changes: [], revoked: [], cursor, more: false });

    const other = await node.login('socialworker');
    const otherDevice = await device(other);
    const theirs = (
      await other.get(`/api/v1/sync/pull?deviceId=${otherDevice}&limit=500`)
    ).json() as {
      changes: { entity: string; id: string }[];
    };
    for (const c of theirs.changes) expect(seen.has(`${c.entity}:${c.id}`)).toBe(false);
    // Someone else's device id is not theirs to use.
    const borrowed = await other.get(`/api/v1/sync/pull?deviceId=${tablet}`);
    expect(borrowed.json().code).toBe('device_unknown');

    const reference = await inspector.get(`/api/v1/sync/reference?deviceId=${tablet}`);
    expect(reference.statusCode).toBe(200);
    expect(reference.json().areas.length).toBeGreaterThan(0);
    expect(reference.json().editableFields).toContain('case.riskLevel');
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
