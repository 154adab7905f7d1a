import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
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

function openCase(
  caseId: string,
  personId: string,
  givenName = 'Asha',
  areaCode = 'NPL-D-BHAKTAPUR',
) {
  return {
    mutationId: uuid(),
    kind: 'case.open',
    payload: {
      id: caseId,
      person: { id: personId, givenName, sex: 'female', estimatedAge: 12 },
      topics: ['child_labour'],
      riskLevel: 'high',
      areaCode,
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

const ASSESSMENT = '5e7c0000-0000-4000-8000-000000000004'; // child protection office (NPL-CP-KTM), Bhaktapur, 0–17
const INVESTIGATION = '5e7c0000-0000-4000-8000-000000000007'; // police (NPL-POL-AHT), all Nepal

const followUp = (caseId: string) => ({
  mutationId: uuid(),
  kind: 'case.followUp',
  caseId,
  payload: {
    visitedOn: '2024-01-02',
    stillWorking: false,
    inSchool: true,
    safe: true,
    withFamily: null,
  },
});

const referral = (caseId: string | undefined, payload: Record<string, unknown> = {}) => ({
  mutationId: uuid(),
  kind: 'referral.create',
  ...(caseId === undefined ? {} : { caseId }),
  payload: {
    serviceId: ASSESSMENT,
    shareLevel: 'summary',
    reason: 'Found working at the kiln; needs an assessment.',
    consentOverride: 'The guardian could not be reached at the kiln; urgent.',
    idempotencyKey: `offline-${uuid()}`,
    ...payload,
  },
});

interface Pulled {
  /** entity:id → record */
  changes: Map<string, PulledRecord>;
  /** entity:id */
  revoked: string[];
  cursor: string;
  estimate: { records: number; warnAbove: number } | undefined;
}
interface PulledRecord {
  caseId?: string;
  text?: string;
  sensitive?: boolean;
  authorUsername?: string;
  createdAt?: string;
  person?: { id: string };
  followUps?: unknown[];
  screenings?: unknown[];
  shared?: unknown;
  state?: string;
  version?: number;
  events?: unknown[];
}

/**
 * Pulls every page from `cursor`; `params` narrows the scope (`&scope=mine&area=…`).
 * With `check`, pulls again from the same cursor until it holds: on PostgreSQL a
 * change waits in the feed while an older transaction (any test's, on the same
 * server) is still running — later, never lost.
 */
async function pullAll(
  client: Client,
  deviceId: string,
  params = '',
  cursor = '',
  check?: (pulled: Pulled) => void,
): Promise<Pulled> {
  if (check)
    return vi.waitFor(
      async () => {
        const pulled = await pullAll(client, deviceId, params, cursor);
        check(pulled);
        return pulled;
      },
      { timeout: 15_000, interval: 50 },
    );
  const out: Pulled = { changes: new Map(), revoked: [], cursor, estimate: undefined };
  for (let pages = 0; ; pages++) {
    const res = await client.get(
      `/api/v1/sync/pull?deviceId=${deviceId}&limit=25&cursor=${encodeURIComponent(out.cursor)}${params}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as {
      changes: { entity: string; id: string; record: PulledRecord }[];
      revoked: { entity: string; id: string }[];
      cursor: string;
      more: boolean;
      estimate?: { records: number; warnAbove: number };
    };
    if (pages === 0) out.estimate = page.estimate;
    else expect(page.estimate).toBeUndefined();
    for (const c of page.changes) out.changes.set(`${c.entity}:${c.id}`, c.record);
    out.revoked.push(...page.revoked.map((r) => `${r.entity}:${r.id}`));
    out.cursor = page.cursor;
    if (!page.more) return out;
  }
}

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

  /** A case the tablet has pulled (`head`: the cursor after it), then a note on it. */
  async function notedCase(text: string) {
    const caseId = uuid();
    await push(inspector, tablet, [openCase(caseId, uuid())]);
    const head = await pullAll(inspector, tablet, '', '', (p) =>
      expect(p.changes.has(`case:${caseId}`)).toBe(true),
    );
    const [added] = await push(inspector, tablet, [note(caseId, text)]);
    return { caseId, head, noteId: String(added?.result?.id) };
  }

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

  it('pulls the agency’s records in pages by cursor, never another agency’s', async () => {
    const seen = new Map<string, number>();
    let cursor = '';
    let pages = 0;
    const deadline = Date.now() + 10_000;
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
        // Sent again only when a later change of it became servable meanwhile (on PostgreSQL, once
        // the transactions older than it have ended): never an older version.
        expect(c.version).toBeGreaterThanOrEqual(seen.get(`${c.entity}:${c.id}`) ?? 0);
        seen.set(`${c.entity}:${c.id}`, c.version);
        if (c.entity === 'case') expect(c.record.fieldVersions).toBeDefined();
      }
      pages += 1;
      cursor = page.cursor;
      // On PostgreSQL a change waits until every older transaction of the cluster has ended
      // (other test files run beside this one): pull again until the cases have come.
      const cases = [...seen.keys()].filter((k) => k.startsWith('case:')).length;
      if (!page.more && (cases >= 3 || Date.now() > deadline)) break;
      if (!page.more) await new Promise((r) => setTimeout(r, 100));
    }
    expect(pages).toBeGreaterThan(1);
    const caseIds = [...seen.keys()].filter((k) => k.startsWith('case:'));
    expect(caseIds.length).toBeGreaterThanOrEqual(3);
    // Nothing changed since: an empty page at the same cursor (on PostgreSQL, once the changes
    // still held behind an older transaction of another test have come).
    const empty = await vi.waitFor(
      async () => {
        const page = (
          await inspector.get(`/api/v1/sync/pull?deviceId=${tablet}&cursor=${cursor}`)
        ).json();
        cursor = page.cursor;
        expect(page.changes).toEqual([]);
        return page;
      },
      { timeout: 15_000, interval: 50 },
    );
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

  it('sends notes, screenings and follow-ups in the feed, and only the notes the user may read', async () => {
    const caseId = uuid();
    await push(inspector, tablet, [openCase(caseId, uuid())]);
    const head = await pullAll(inspector, tablet, '', '', (p) =>
      expect(p.changes.size).toBe(p.estimate?.records),
    );
    expect(head.estimate).toEqual({ records: expect.any(Number), warnAbove: 10_000 });

    const [added] = await push(inspector, tablet, [
      {
        ...note(caseId, 'Mine, sensitive.'),
        payload: { text: 'Mine, sensitive.', sensitive: true },
      },
    ]);
    await push(inspector, tablet, [followUp(caseId)]);
    const screening = await inspector.post(`/api/v1/cases/${caseId}/screenings`, {
      kind: 'trafficking',
      inputs: { acts: ['recruitment'], means: [], purposes: [] },
    });
    expect(screening.statusCode, screening.body).toBe(201);
    const supervisor = await node.login('labsupervisor');
    const hidden = await supervisor.post(`/api/v1/cases/${caseId}/notes`, {
      text: 'For supervisors only.',
      sensitive: true,
    });
    expect(hidden.statusCode, hidden.body).toBe(201);

    const noteId = String(added?.result?.id);
    const next = await pullAll(inspector, tablet, '', head.cursor, (p) => {
      expect(p.changes.get(`case:${caseId}`)?.screenings).toHaveLength(1);
      expect(p.changes.has(`note:${noteId}`)).toBe(true);
    });
    const kase = next.changes.get(`case:${caseId}`);
    expect(kase?.followUps).toHaveLength(1);
    expect(next.changes.get(`note:${noteId}`)).toEqual({
      id: noteId,
      caseId,
      text: 'Mine, sensitive.',
      sensitive: true,
      createdAt: expect.any(String),
      authorUsername: 'inspector',
    });
    const hiddenId = hidden.json().id as string;
    expect(next.changes.has(`note:${hiddenId}`)).toBe(false);
    expect(next.revoked).toEqual([]);
    // A supervisor reads every note of the agency.
    const supervisorDevice = await device(supervisor);
    const all = await pullAll(supervisor, supervisorDevice, '', '', (p) =>
      expect(p.changes.size).toBe(p.estimate?.records),
    );
    expect(all.changes.get(`note:${hiddenId}`)?.text).toBe('For supervisors only.');
    expect(all.changes.has(`note:${noteId}`)).toBe(true);
  });

  it('sends every device the case as it is after the change it pulls, however many ask at once', async () => {
    const caseId = uuid();
    await push(inspector, tablet, [openCase(caseId, uuid())]);
    const head = await pullAll(inspector, tablet, '', '', (p) =>
      expect(p.changes.size).toBe(p.estimate?.records),
    );
    // A note sends the note, not the whole case again: devices add its timeline event
    // themselves (web/offline/localCases.ts).
    const [noted] = await push(inspector, tablet, [note(caseId, 'First visit.')]);
    const noteId = String((noted?.result as { id?: string } | undefined)?.id);
    await pullAll(inspector, tablet, '', head.cursor, (p) =>
      expect([...p.changes.keys()]).toEqual([`note:${noteId}`]),
    );
    await push(inspector, tablet, [followUp(caseId)]);
    // Many devices pull the same change at once: each gets the case with the follow-up.
    const devices = await Promise.all([1, 2, 3, 4].map(() => device(inspector)));
    const first = await Promise.all(
      devices.map((d) =>
        pullAll(inspector, d, '', head.cursor, (p) =>
          expect(p.changes.get(`case:${caseId}`)?.followUps).toHaveLength(1),
        ),
      ),
    );
    expect(new Set(first.map((p) => JSON.stringify(p.changes.get(`case:${caseId}`)))).size).toBe(1);
    // A later change is a later row: a device pulling after it gets the new case, never the one
    // built for the earlier row a moment ago.
    const [changed] = await push(inspector, tablet, [
      fields(caseId, { 'case.riskLevel': { value: 'low', baseVersion: 0 } }),
    ]);
    expect(changed?.status).toBe('applied');
    const later = await pullAll(inspector, phone, '', first[0]?.cursor, (p) =>
      expect(p.changes.has(`case:${caseId}`)).toBe(true),
    );
    expect(later.changes.get(`case:${caseId}`)).toMatchObject({ version: 2, riskLevel: 'low' });
  });

  it('sends a note another device of the agency was just sent from the cache, never to a reader who may not read it', async () => {
    const { caseId, head, noteId: plainId } = await notedCase('Seen at the kiln again.');
    const supervisor = await node.login('labsupervisor');
    const hidden = await supervisor.post(`/api/v1/cases/${caseId}/notes`, {
      text: 'For supervisors only.',
      sensitive: true,
    });
    expect(hidden.statusCode, hidden.body).toBe(201);
    const hiddenId = hidden.json().id as string;
    // The supervisor's device pulls first: both notes are read once and kept for the agency.
    const supervisorDevice = await device(supervisor);
    await pullAll(supervisor, supervisorDevice, '', head.cursor, (p) => {
      expect(p.changes.get(`note:${plainId}`)?.text).toBe('Seen at the kiln again.');
      expect(p.changes.get(`note:${hiddenId}`)?.text).toBe('For supervisors only.');
    });
    // Changed behind the feed's back (no change-log row): a device served from the cache gets
    // the note as it was built. The sensitive note now looks readable to the feed, but the
    // record kept says sensitive, by someone else: it is not the inspector's to read.
    await node.deps.db
      .updateTable('case_note')
      .set({ text: 'Changed behind the feed.' })
      .where('id', '=', plainId)
      .execute();
    await node.deps.db
      .updateTable('case_note')
      .set({ sensitive: 0 })
      .where('id', '=', hiddenId)
      .execute();
    const second = await device(inspector);
    const pulled = await pullAll(inspector, second, '', head.cursor, (p) =>
      expect(p.changes.has(`note:${plainId}`)).toBe(true),
    );
    expect(pulled.changes.get(`note:${plainId}`)?.text).toBe('Seen at the kiln again.');
    expect(pulled.changes.has(`note:${hiddenId}`)).toBe(false);
    expect(JSON.stringify([...pulled.changes.values()])).not.toContain('For supervisors only.');
  });

  it('keeps a pulled note for the agency that read it: another agency reads the same feed row itself', async () => {
    const social = await node.login('socialworker');
    const theirDevice = await device(social);
    const theirHead = await pullAll(social, theirDevice, '', '', (p) =>
      expect(p.changes.size).toBe(p.estimate?.records),
    );
    const { head, noteId } = await notedCase('For the inspectorate.');
    await pullAll(inspector, phone, '', head.cursor, (p) =>
      expect(p.changes.has(`note:${noteId}`)).toBe(true),
    );
    // No feature puts another agency's note in a feed today; the row is moved by hand, so the
    // other agency's pull asks for exactly the note and feed row the inspector's was kept under.
    const db = node.deps.db;
    const theirs = await db
      .selectFrom('app_user')
      .select('agency_id')
      .where('username', '=', 'socialworker')
      .executeTakeFirstOrThrow();
    const row = await db
      .selectFrom('change_log')
      .select(['seq', 'agency_id'])
      .where('entity', '=', 'note')
      .where('entity_id', '=', noteId)
      .executeTakeFirstOrThrow();
    await db
      .updateTable('change_log')
      .set({ agency_id: theirs.agency_id })
      .where('seq', '=', row.seq)
      .execute();
    try {
      // Pulled once, not until it holds: the inspector's phone was just sent the row, so it is
      // in every feed already, and a retry past TTL_MS would read afresh whatever the key.
      const pulled = await pullAll(social, theirDevice, '', theirHead.cursor);
      expect(pulled.changes.has(`note:${noteId}`)).toBe(false);
      expect(pulled.revoked).toContain(`note:${noteId}`);
    } finally {
      await db
        .updateTable('change_log')
        .set({ agency_id: row.agency_id })
        .where('seq', '=', row.seq)
        .execute();
    }
  });

  it('narrows the scope to my cases or an area, estimates it, and refuses a cursor of another scope', async () => {
    const kathmandu = uuid();
    await push(inspector, tablet, [
      openCase(kathmandu, uuid(), 'Mina', 'NPL-D-KATHMANDU'),
      note(kathmandu),
    ]);
    const supervisor = await node.login('labsupervisor');
    const theirs = await supervisor.post('/api/v1/cases', {
      person: { givenName: 'Ram', sex: 'male', estimatedAge: 13 },
      topics: ['child_labour'],
      riskLevel: 'medium',
      areaCode: 'NPL-D-BHAKTAPUR',
    });
    expect(theirs.statusCode, theirs.body).toBe(201);
    const theirId = theirs.json().id as string;

    const complete = (p: Pulled) => expect(p.changes.size).toBe(p.estimate?.records);
    const agency = await pullAll(inspector, tablet, '', '', complete);
    const mine = await pullAll(inspector, tablet, '&scope=mine', '', complete);
    expect(agency.changes.has(`case:${theirId}`)).toBe(true);
    expect(mine.changes.has(`case:${theirId}`)).toBe(false);
    expect(mine.changes.has(`case:${kathmandu}`)).toBe(true);
    expect(mine.estimate?.records).toBeLessThan(agency.estimate?.records ?? 0);

    const area = await pullAll(inspector, tablet, '&area=NPL-D-KATHMANDU', '', complete);
    const cases = [...area.changes.keys()].filter((k) => k.startsWith('case:'));
    expect(cases).toEqual([`case:${kathmandu}`]);
    const kase = area.changes.get(`case:${kathmandu}`);
    expect(area.changes.has(`person:${kase?.person?.id}`)).toBe(true);
    expect([...area.changes.keys()].filter((k) => k.startsWith('note:'))).toHaveLength(1);
    // The province holds its districts.
    const province = await pullAll(inspector, tablet, '&area=NPL-P3&scope=mine', '', complete);
    expect(province.changes.has(`case:${kathmandu}`)).toBe(true);
    expect(province.changes.size).toBe(mine.changes.size);

    const switched = await inspector.get(
      `/api/v1/sync/pull?deviceId=${tablet}&scope=mine&cursor=${encodeURIComponent(agency.cursor)}`,
    );
    expect(switched.statusCode).toBe(409);
    expect(switched.json().code).toBe('sync_scope_changed');
    const unknown = await inspector.get(`/api/v1/sync/pull?deviceId=${tablet}&area=NOWHERE`);
    expect(unknown.json().code).toBe('unknown_reference');
    const garbled = await inspector.get(`/api/v1/sync/pull?deviceId=${tablet}&cursor=x1`);
    expect(garbled.json().code).toBe('invalid_cursor');
  });

  it('scope=mine: a case assigned to me arrives with its person and notes, and leaves when handed on', async () => {
    const supervisor = await node.login('labsupervisor');
    const opened = await supervisor.post('/api/v1/cases', {
      person: { givenName: 'Hari', sex: 'male', estimatedAge: 14 },
      topics: ['child_labour'],
      riskLevel: 'high',
      areaCode: 'NPL-D-BHAKTAPUR',
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const caseId = opened.json().id as string;
    const personId = opened.json().person.id as string;
    const noted = await supervisor.post(`/api/v1/cases/${caseId}/notes`, {
      text: 'Met at the carpet workshop.',
      sensitive: false,
    });
    const noteId = noted.json().id as string;
    const head = await pullAll(inspector, tablet, '&scope=mine');
    expect(head.changes.has(`case:${caseId}`)).toBe(false);

    const inspectorId = (await inspector.get('/api/v1/me')).json().id as string;
    const given = await supervisor.post(`/api/v1/cases/${caseId}/assignment`, {
      userId: inspectorId,
      version: 1,
    });
    expect(given.statusCode, given.body).toBe(200);
    const arrived = await pullAll(inspector, tablet, '&scope=mine', head.cursor, (p) =>
      expect(p.changes.has(`case:${caseId}`)).toBe(true),
    );
    expect(arrived.changes.has(`person:${personId}`)).toBe(true);
    expect(arrived.changes.get(`note:${noteId}`)?.text).toBe('Met at the carpet workshop.');

    const back = await supervisor.post(`/api/v1/cases/${caseId}/assignment`, {
      userId: null,
      version: 2,
    });
    expect(back.statusCode, back.body).toBe(200);
    const left = await pullAll(inspector, tablet, '&scope=mine', arrived.cursor, (p) =>
      expect(p.revoked).toEqual(
        expect.arrayContaining([`case:${caseId}`, `note:${noteId}`, `person:${personId}`]),
      ),
    );
    expect(left.changes.has(`case:${caseId}`)).toBe(false);
    // The whole agency's feed still holds it.
    await pullAll(inspector, tablet, '', '', (p) =>
      expect(p.changes.has(`case:${caseId}`)).toBe(true),
    );
  });

  it('re-sends a received referral when the shared case changes, and revokes it when cancelled', async () => {
    const caseId = uuid();
    const [, sent] = await push(inspector, tablet, [openCase(caseId, uuid()), referral(caseId)]);
    const referralId = String(sent?.result?.id);
    const social = await node.login('socialworker');
    const socialDevice = await device(social);
    const first = await pullAll(social, socialDevice, '', '', (p) =>
      expect(p.changes.get(`referral:${referralId}`)?.events).toHaveLength(1),
    );
    const received = first.changes.get(`referral:${referralId}`);
    expect(received?.shared).toBeTruthy();
    expect(received?.caseId).toBeNull();
    expect(first.changes.has(`case:${caseId}`)).toBe(false);

    await push(inspector, tablet, [followUp(caseId)]);
    const changed = await pullAll(social, socialDevice, '', first.cursor, (p) =>
      expect([...p.changes.keys()]).toEqual([`referral:${referralId}`]),
    );

    const cancelled = await inspector.post(`/api/v1/referrals/${referralId}/actions`, {
      type: 'cancel',
      version: 1,
      reason: 'Placed with family instead.',
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    const gone = await pullAll(social, socialDevice, '', changed.cursor, (p) =>
      expect(p.revoked).toEqual([`referral:${referralId}`]),
    );
    expect(gone.changes.has(`referral:${referralId}`)).toBe(false);
    // The referrer keeps its own referral, cancelled.
    await pullAll(inspector, tablet, '', '', (p) =>
      expect(p.changes.get(`referral:${referralId}`)?.state).toBe('cancelled'),
    );
  });

  it.skipIf(dialect !== 'postgres')(
    'never steps over a change that commits after a later one (PostgreSQL only: SQLite has a single writer, so seq order is commit order)',
    async () => {
      const slowCase = uuid();
      const fastCase = uuid();
      await push(inspector, tablet, [openCase(slowCase, uuid()), openCase(fastCase, uuid())]);
      const head = await pullAll(inspector, tablet, '', '', (p) =>
        expect(p.changes.has(`case:${fastCase}`)).toBe(true),
      );
      const db = node.deps.db;
      const owner = await db
        .selectFrom('case_file')
        .select('owner_agency_id')
        .where('id', '=', slowCase)
        .executeTakeFirstOrThrow();
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let written = () => {};
      const ready = new Promise<void>((resolve) => {
        written = resolve;
      });
      // A transaction takes a change-log number and stays open…
      const slow = db.transaction().execute(async (trx) => {
        await trx
          .insertInto('change_log')
          .values({
            entity: 'case',
            entity_id: slowCase,
            version: 1,
            agency_id: owner.owner_agency_id,
            area_code: null,
            at: new Date().toISOString(),
          })
          .execute();
        written();
        await held;
      });
      try {
        await ready;
        // …while a later one takes a higher number and commits first.
        await push(inspector, tablet, [followUp(fastCase)]);
        const during = await pullAll(inspector, tablet, '', head.cursor);
        expect(during.changes.has(`case:${slowCase}`)).toBe(false);
        release();
        await slow;
        const rows = await db
          .selectFrom('change_log')
          .select(['entity_id', 'seq'])
          .where('entity_id', 'in', [slowCase, fastCase])
          .orderBy('seq', 'desc')
          .execute();
        const slowSeq = Number(rows.find((r) => r.entity_id === slowCase)?.seq);
        const fastSeq = Number(rows.find((r) => r.entity_id === fastCase)?.seq);
        expect(slowSeq).toBeLessThan(fastSeq);
        // Served once every older transaction has ended: pulled again until then (or fails).
        await pullAll(inspector, tablet, '', during.cursor, (p) => {
          expect(p.changes.has(`case:${slowCase}`)).toBe(true);
          expect(during.changes.has(`case:${fastCase}`) || p.changes.has(`case:${fastCase}`)).toBe(
            true,
          );
        });
      } finally {
        release();
        await slow;
      }
    },
  );

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
