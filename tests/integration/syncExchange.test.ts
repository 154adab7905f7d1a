// POST /sync: the outbox batch and the first pull page in one round trip (docs/sync.md "Exchange").
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DIALECTS } from '../helpers/databases.ts';
import { type Client, countCases, createTestNode, type TestNode } from '../helpers/testNode.ts';

const uuid = () => crypto.randomUUID();

interface Exchanged {
  results: {
    mutationId: string;
    status: string;
    result?: { id?: string; text?: string; authorUsername?: string };
    problem?: { code: string };
  }[];
  changes: { entity: string; id: string; record: { caseId?: string; text?: string } }[];
  revoked: { entity: string; id: string }[];
  cursor: string;
  more: boolean;
  estimate?: { records: number; warnAbove: number };
}

const openCase = (caseId: string) => ({
  mutationId: uuid(),
  kind: 'case.open',
  payload: {
    id: caseId,
    person: { id: uuid(), givenName: 'Asha', sex: 'female', estimatedAge: 12 },
    topics: ['child_labour'],
    riskLevel: 'high',
    areaCode: 'NPL-D-BHAKTAPUR',
  },
});

const note = (caseId: string, text: string) => ({
  mutationId: uuid(),
  kind: 'case.note',
  caseId,
  payload: { text, sensitive: false },
});

describe.each(DIALECTS)('sync exchange on %s', (dialect) => {
  let node: TestNode;
  let inspector: Client;
  let tablet: string;

  async function device(client: Client): Promise<string> {
    const id = uuid();
    const res = await client.post('/api/v1/devices', { id, label: 'Tablet' });
    expect(res.statusCode, res.body).toBe(200);
    return id;
  }

  async function exchange(body: Record<string, unknown>, client = inspector) {
    return client.post('/api/v1/sync', { deviceId: tablet, mutations: [], limit: 500, ...body });
  }

  /** The feed's head for the tablet: every page pulled by GET /sync/pull. */
  async function head(): Promise<string> {
    let cursor = '';
    for (;;) {
      const res = await inspector.get(
        `/api/v1/sync/pull?deviceId=${tablet}&limit=500&cursor=${encodeURIComponent(cursor)}`,
      );
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json() as Exchanged;
      cursor = page.cursor;
      if (!page.more) return cursor;
    }
  }

  /**
   * The records an exchange answered and, after it, what GET /sync/pull sends from its cursor
   * until `check` holds (on PostgreSQL a change waits in the feed while an older transaction of
   * the server is still running: later, never lost).
   */
  async function seenAfter(first: Exchanged, check: (ids: string[]) => void): Promise<string[]> {
    const ids = first.changes.map((c) => `${c.entity}:${c.id}`);
    let cursor = first.cursor;
    await vi.waitFor(
      async () => {
        const res = await inspector.get(
          `/api/v1/sync/pull?deviceId=${tablet}&limit=500&cursor=${encodeURIComponent(cursor)}`,
        );
        const page = res.json() as Exchanged;
        ids.push(...page.changes.map((c) => `${c.entity}:${c.id}`));
        cursor = page.cursor;
        check(ids);
      },
      { timeout: 15_000, interval: 50 },
    );
    return ids;
  }

  beforeAll(async () => {
    node = await createTestNode(dialect);
    inspector = await node.login('inspector');
    tablet = await device(inspector);
  });
  afterAll(() => node?.dispose());

  it('applies the batch, then answers the page after it, in one request', async () => {
    const cursor = await head();
    const caseId = uuid();
    const res = await exchange({ cursor, mutations: [openCase(caseId), note(caseId, 'Seen.')] });
    expect(res.statusCode, res.body).toBe(200);
    const answer = res.json() as Exchanged;
    expect(answer.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect(answer.results[0]?.result?.id).toBe(caseId);
    expect(answer.estimate).toBeUndefined();
    const noteId = String(answer.results[1]?.result?.id);
    // Each record once, whether it came with the answer or on the next pull.
    const ids = await seenAfter(answer, (seen) => {
      expect(seen).toContain(`case:${caseId}`);
      expect(seen).toContain(`note:${noteId}`);
    });
    expect(ids.filter((id) => id === `case:${caseId}`)).toHaveLength(1);
    expect(ids.filter((id) => id === `note:${noteId}`)).toHaveLength(1);
  });

  it('answers a retried exchange duplicate, and applies it once', async () => {
    const caseId = uuid();
    const batch = [openCase(caseId), note(caseId, 'Once.')];
    const cursor = await head();
    const first = (await exchange({ cursor, mutations: batch })).json() as Exchanged;
    // The answer was lost on the way: the device sends the same batch from the same cursor.
    const again = await exchange({ cursor, mutations: batch });
    expect(again.statusCode, again.body).toBe(200);
    const second = again.json() as Exchanged;
    expect(second.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
    // The note's answer was stored with the note, in the same statement: the same view again.
    expect(second.results[1]?.result).toEqual(first.results[1]?.result);
    expect(second.results[1]?.result).toMatchObject({ text: 'Once.', authorUsername: 'inspector' });
    expect(await countCases(node, caseId)).toBe(1);
    // Another user's device sending the same mutation id is refused, and nothing changes.
    const supervisor = await node.login('labsupervisor');
    const theirs = await device(supervisor);
    const taken = await supervisor.post('/api/v1/sync', {
      deviceId: theirs,
      mutations: [batch[1]],
    });
    expect(taken.statusCode, taken.body).toBe(200);
    expect((taken.json() as Exchanged).results[0]).toMatchObject({
      status: 'rejected',
      problem: { code: 'id_taken' },
    });
    const notes = await node.deps.db
      .selectFrom('case_note')
      .select('id')
      .where('case_id', '=', caseId)
      .execute();
    expect(notes).toHaveLength(1);
  });

  it('with no mutations is a pull: the same page as GET /sync/pull, with the estimate from the start', async () => {
    const answer = (await exchange({ limit: 25 })).json() as Exchanged;
    const pulled = (
      await inspector.get(`/api/v1/sync/pull?deviceId=${tablet}&limit=25`)
    ).json() as Exchanged;
    expect(answer.results).toEqual([]);
    expect(answer.estimate).toEqual(pulled.estimate);
    expect(answer.estimate?.records).toBeGreaterThan(0);
    expect(answer.changes.map((c) => c.id)).toEqual(pulled.changes.map((c) => c.id));
    expect(answer.cursor).toBe(pulled.cursor);
  });

  it('refuses a bad cursor, a cursor of another scope and an unknown area before applying anything', async () => {
    const caseId = uuid();
    const bad = await exchange({ cursor: 'not-a-cursor', mutations: [openCase(caseId)] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('invalid_cursor');
    const cursor = await head();
    const scope = await exchange({ cursor, scope: 'mine', mutations: [openCase(caseId)] });
    expect(scope.statusCode).toBe(409);
    expect(scope.json().code).toBe('sync_scope_changed');
    const area = await exchange({ area: 'NOWHERE-1', mutations: [openCase(caseId)] });
    expect(area.statusCode).toBe(400);
    expect(area.json().code).toBe('unknown_reference');
    expect(await countCases(node, caseId)).toBe(0);
  });

  it('refuses malformed requests whole: too many mutations, a bad limit, an unknown kind', async () => {
    const caseId = uuid();
    const many = Array.from({ length: 101 }, () => note(caseId, 'x'));
    expect((await exchange({ mutations: many })).statusCode).toBe(400);
    expect((await exchange({ limit: 0 })).statusCode).toBe(400);
    expect((await exchange({ limit: 501 })).statusCode).toBe(400);
    const unknown = await exchange({ mutations: [{ ...openCase(caseId), kind: 'case.erase' }] });
    expect(unknown.statusCode).toBe(400);
    expect(await countCases(node, caseId)).toBe(0);
    // A bad payload is refused alone, in its result.
    const [bad] = (
      (
        await exchange({ mutations: [{ ...note(caseId, 'x'), payload: { text: 1 } }] })
      ).json() as Exchanged
    ).results;
    expect(bad?.status).toBe('rejected');
    expect(bad?.problem?.code).toBe('validation_failed');
  });

  it('refuses a revoked device, applying nothing, and another user’s device', async () => {
    const other = await node.login('labsupervisor');
    const caseId = uuid();
    const foreign = await exchange({ mutations: [openCase(caseId)] }, other);
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().code).toBe('device_unknown');
    const phone = await device(inspector);
    const admin = await node.login('admin');
    expect((await admin.post(`/api/v1/devices/${phone}/revoke`)).statusCode).toBe(200);
    const revoked = await inspector.post('/api/v1/sync', {
      deviceId: phone,
      mutations: [openCase(caseId)],
    });
    expect(revoked.statusCode).toBe(403);
    expect(revoked.json().code).toBe('device_revoked');
    expect(await countCases(node, caseId)).toBe(0);
  });
});
