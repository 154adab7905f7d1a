import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { up as fileMissingKeys } from '../../src/server/db/migrations/0015_filing_keys_particles.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { type Client, createTestNode, type TestNode } from '../helpers/testNode.ts';

// Search before create among many namesakes: "Bahadur" is half the men of a district, so the
// pair "Bikash Bahadur" is a block larger than one lookup reads (60 rows); the pair of the two
// identifying words, "Bikash Tamang", is small.
describe.each(DIALECTS)('filing keys and particles on %s', (dialect) => {
  let node: TestNode;
  let inspector: Client;
  const intake = (givenName: string, familyName: string) =>
    inspector.post('/api/v1/cases', {
      person: { givenName, familyName, sex: 'male', estimatedAge: 14 },
      topics: ['child_labour'],
      riskLevel: 'medium',
      areaCode: 'NPL-D-BHAKTAPUR',
    });
  beforeAll(async () => {
    node = await createTestNode(dialect);
    inspector = await node.login('inspector');
    const families = ['Thapa', 'Gurung', 'Rai', 'Magar', 'Shrestha', 'Karki', 'Lama', 'Sherpa'];
    for (let i = 0; i < 72; i++) {
      const made = await intake(
        'Bikash Bahadur',
        `${families[i % 8]} ${String.fromCharCode(65 + (i >> 3))}`,
      );
      expect(made.statusCode, made.body).toBe(201);
    }
    expect((await intake('Bikash Bahadur', 'Tamang')).statusCode).toBe(201);
  }, 120_000);
  afterAll(() => node?.dispose());

  it('finds Bikash Bahadur Tamang among 72 other Bikash Bahadurs, however Bahadur is written', async () => {
    for (const q of ['Bikash Bahadur Tamang', 'bikash bdr tamang', 'Bikash Tamang']) {
      const hits = (await inspector.get(`/api/v1/persons?q=${encodeURIComponent(q)}`)).json().items;
      expect(
        hits.map((h: { familyName: string }) => h.familyName),
        q,
      ).toContain('Tamang');
    }
  });

  it('finds Goma Devi Rai, whose only pair long enough has the particle in it', async () => {
    for (let i = 0; i < 65; i++)
      expect(
        (await intake('Goma', `Rai${String.fromCharCode(97 + (i % 26))}${i}`)).statusCode,
      ).toBe(201);
    expect((await intake('Goma Devi', 'Rai')).statusCode).toBe(201);
    const hits = (await inspector.get('/api/v1/persons?q=Goma%20Devi%20Rai')).json().items;
    expect(hits.map((h: { givenName: string }) => h.givenName)).toContain('Goma Devi');
  }, 60_000);

  it('adds the missing keys of names of five words or more filed before (migration 0015)', async () => {
    const made = await intake('María del Carmen', 'Quispe de la Cruz');
    const db = node.deps.db;
    const { person_id: personId } = await db
      .selectFrom('case_file')
      .select('person_id')
      .where('id', '=', made.json().id)
      .executeTakeFirstOrThrow();
    const newPair = '#pkrs|ksp';
    await db
      .deleteFrom('person_key')
      .where('person_id', '=', personId)
      .where('key', '=', newPair)
      .execute();
    await fileMissingKeys(db as never);
    const keys = (
      await db.selectFrom('person_key').select('key').where('person_id', '=', personId).execute()
    ).map((k) => k.key);
    expect(keys).toContain(newPair);
    expect(
      (
        await sql<{
          n: number;
        }>`SELECT count(*) AS n FROM person_key WHERE person_id = ${personId} AND sex IS NULL`.execute(
          db,
        )
      ).rows[0]?.n,
    ).toBe(0);
  });
});
