// The offline sync's pull side on both databases: pages by cursor, the agency's scope and its
// narrowings, what each reader may be sent, the shared record cache (docs/sync.md "Pull").
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DIALECTS } from '../helpers/databases.ts';
import {
  device,
  fields,
  followUp,
  note,
  openCase,
  type Pulled,
  pullAll,
  push,
  referral,
  uuid,
} from '../helpers/syncApi.ts';
import { type Client, createTestNode, type TestNode } from '../helpers/testNode.ts';

describe.each(DIALECTS)('offline sync: pull, on %s', (dialect) => {
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

  it('pulls the agency’s records in pages by cursor, never another agency’s', async () => {
    // Three cases of the agency, opened from another of its devices.
    await push(inspector, phone, [
      openCase(uuid(), uuid(), 'Anu'),
      openCase(uuid(), uuid(), 'Bina'),
      openCase(uuid(), uuid(), 'Chet'),
    ]);
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
    try {
      const second = await device(inspector);
      const pulled = await pullAll(inspector, second, '', head.cursor, (p) =>
        expect(p.changes.has(`note:${plainId}`)).toBe(true),
      );
      expect(pulled.changes.get(`note:${plainId}`)?.text).toBe('Seen at the kiln again.');
      expect(pulled.changes.has(`note:${hiddenId}`)).toBe(false);
      expect(JSON.stringify([...pulled.changes.values()])).not.toContain('For supervisors only.');
    } finally {
      // As it was written: the later tests' full pulls count it withheld at once (left readable,
      // the cache withheld it until TTL_MS while the estimate counted it, and they waited).
      await node.deps.db
        .updateTable('case_note')
        .set({ sensitive: 1 })
        .where('id', '=', hiddenId)
        .execute();
    }
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
});
