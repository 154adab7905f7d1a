import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTogether } from '../../src/server/services/trail.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { type Client, createTestNode, type TestNode } from '../helpers/testNode.ts';

describe.each(DIALECTS)('case notes and consent on %s', (dialect) => {
  let node: TestNode;
  let inspector: Client;
  let caseId: string;
  beforeAll(async () => {
    node = await createTestNode(dialect);
    inspector = await node.login('inspector');
    const kase = await inspector.post('/api/v1/cases', {
      person: { givenName: 'Kiran', familyName: 'Rai', sex: 'male', estimatedAge: 12 },
      topics: ['child_labour'],
      riskLevel: 'medium',
      areaCode: 'NPL-D-BHAKTAPUR',
    });
    caseId = kase.json().id;
  });
  afterAll(() => node?.dispose());

  it('shows a sensitive note to its author and the supervisor only', async () => {
    const added = await inspector.post(`/api/v1/cases/${caseId}/notes`, {
      text: 'Says the owner beats him when he is slow.',
      sensitive: true,
    });
    expect(added.statusCode, added.body).toBe(201);
    await inspector.post(`/api/v1/cases/${caseId}/notes`, {
      text: 'School is 2 km away.',
      sensitive: false,
    });
    const mine = (await inspector.get(`/api/v1/cases/${caseId}/notes`)).json().items;
    expect(mine.map((n: { text: string }) => n.text)).toEqual([
      'School is 2 km away.',
      'Says the owner beats him when he is slow.',
    ]);
    const supervisor = await node.login('labsupervisor');
    expect((await supervisor.get(`/api/v1/cases/${caseId}/notes`)).json().items[1].text).toMatch(
      /beats him/,
    );
    // A colleague of the same agency without supervision rights sees that a sensitive note exists, not its words.
    const admin = await node.login('admin');
    const colleague = await admin.post('/api/v1/users', {
      username: 'inspector2',
      password: 'a-long-temporary-pass',
      mustChangePassword: false,
      displayName: 'Second Inspector',
      agencyId: (
        await node.deps.db
          .selectFrom('agency')
          .select('id')
          .where('code', '=', 'NPL-LI-BAGMATI')
          .executeTakeFirstOrThrow()
      ).id,
      roleIds: ['caseworker'],
      areaCodes: [],
      language: 'en',
    });
    expect(colleague.statusCode, colleague.body).toBe(201);
    const other = await node.login('inspector2', 'a-long-temporary-pass');
    const seen = (await other.get(`/api/v1/cases/${caseId}/notes`)).json().items;
    expect(seen[1]).toMatchObject({ sensitive: true, text: null, authorUsername: 'inspector' });
    expect(seen[0].text).toBe('School is 2 km away.');
    const outsider = await node.login('socialworker');
    expect((await outsider.get(`/api/v1/cases/${caseId}/notes`)).statusCode).toBe(404);
  });

  it('records consent per purpose, and a withdrawal keeps the history', async () => {
    const refused = await inspector.post(`/api/v1/cases/${caseId}/consents`, {
      purpose: 'sharing',
      given: true,
      givenBy: 'parent_or_guardian',
    });
    expect(refused.json().code).toBe('unknown_reference');
    const sharing = await inspector.post(`/api/v1/cases/${caseId}/consents`, {
      purpose: 'sharing',
      given: true,
      givenBy: 'parent_or_guardian',
      agencyTypes: ['child_protection', 'ngo'],
    });
    expect(sharing.statusCode, sharing.body).toBe(201);
    await inspector.post(`/api/v1/cases/${caseId}/consents`, {
      purpose: 'statistics',
      given: false,
      givenBy: 'person',
    });
    const withdrawn = await inspector.post(
      `/api/v1/cases/${caseId}/consents/${sharing.json().id}/withdraw`,
    );
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json().withdrawnAt).not.toBeNull();
    expect(
      (await inspector.post(`/api/v1/cases/${caseId}/consents/${sharing.json().id}/withdraw`))
        .statusCode,
    ).toBe(404);
    const all = (await inspector.get(`/api/v1/cases/${caseId}/consents`)).json().items;
    expect(
      all.map((c: { purpose: string; given: boolean; withdrawnAt: string | null }) => [
        c.purpose,
        c.given,
        c.withdrawnAt !== null,
      ]),
    ).toEqual([
      ['sharing', true, true],
      ['statistics', false, false],
    ]);
    const events = (await inspector.get(`/api/v1/cases/${caseId}`))
      .json()
      .events.map((e: { type: string }) => e.type);
    expect(events).toEqual(expect.arrayContaining(['note', 'consent', 'consent_withdrawn']));
  });

  it('writes a note with its timeline event, feed row and audit row, or none of them', async () => {
    const db = node.deps.db;
    const count = async (table: 'case_note' | 'case_event' | 'change_log' | 'audit_log') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const tables = ['case_note', 'case_event', 'change_log', 'audit_log'] as const;
    const before = await Promise.all(tables.map(count));
    const added = await inspector.post(`/api/v1/cases/${caseId}/notes`, {
      text: 'Went back to school on Monday.',
      sensitive: false,
    });
    expect(added.statusCode, added.body).toBe(201);
    const noteId = added.json().id;
    expect(await Promise.all(tables.map(count))).toEqual(before.map((n) => n + 1));
    const feed = await db
      .selectFrom('change_log')
      .select(['entity', 'version'])
      .where('entity_id', '=', noteId)
      .execute();
    expect(feed).toEqual([{ entity: 'note', version: 1 }]);

    // A write whose one statement fails (an event for a case that is not there) leaves none of
    // its rows.
    const ctx = { deps: node.deps, actor: null, requestId: 'test', ip: '127.0.0.1' };
    const author = await db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', 'inspector')
      .executeTakeFirstOrThrow();
    const failed = writeTogether(
      ctx,
      { action: 'test.rollback', entity: 'case' },
      [
        {
          table: 'case_note',
          rows: [
            {
              id: crypto.randomUUID(),
              case_id: caseId,
              text: 'Never stored.',
              sensitive: 0,
              created_by: author.id,
              created_at: new Date().toISOString(),
            },
          ],
        },
        {
          table: 'case_event',
          rows: [
            {
              id: crypto.randomUUID(),
              case_id: 'no-such-case',
              at: new Date().toISOString(),
              actor_user_id: null,
              type: 'note',
              details: '{}',
            },
          ],
        },
      ],
      [{ entity: 'note', entityId: 'never', version: 1 }],
    );
    await expect(failed).rejects.toThrow();
    expect(await Promise.all(tables.map(count))).toEqual(before.map((n) => n + 1));
  });
});
