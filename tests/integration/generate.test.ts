import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCases } from '../../src/server/synthetic/generate.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { createTestNode, type TestNode } from '../helpers/testNode.ts';

describe.each(DIALECTS)('synthetic data on %s', (dialect) => {
  let node: TestNode;
  beforeAll(async () => {
    node = await createTestNode(dialect);
  });
  afterAll(() => node?.dispose());

  it('creates persons and cases across the pack, with a share recorded again under variations', async () => {
    const progress: number[] = [];
    const result = await generateCases(node.deps, {
      cases: 600,
      duplicateShare: 0.2,
      seed: 7,
      batchSize: 250,
      onProgress: (done) => progress.push(done),
    });
    expect(result.cases).toBe(600);
    expect(progress).toEqual([250, 500, 600]);
    const db = node.deps.db;
    const cases = await db
      .selectFrom('case_file')
      .select(['reference', 'area_code', 'owner_agency_id', 'step'])
      .execute();
    expect(cases).toHaveLength(600);
    expect(new Set(cases.map((c) => c.reference)).size).toBe(600);
    expect(new Set(cases.map((c) => c.step)).size).toBeGreaterThanOrEqual(5);
    const truth = await db.selectFrom('synthetic_truth').selectAll().execute();
    const byIdentity = new Map<string, number>();
    for (const t of truth) byIdentity.set(t.identity, (byIdentity.get(t.identity) ?? 0) + 1);
    const twice = [...byIdentity.values()].filter((n) => n === 2).length;
    expect(twice).toBe(result.duplicates);
    expect(result.duplicates / 600).toBeGreaterThan(0.08);
    expect(result.duplicates / 600).toBeLessThan(0.3);
    // Every copy is held by a different agency than its original.
    const persons = await db
      .selectFrom('person')
      .innerJoin('synthetic_truth', 'synthetic_truth.person_id', 'person.id')
      .select(['synthetic_truth.identity', 'person.owner_agency_id'])
      .execute();
    const agenciesOf = new Map<string, Set<string>>();
    for (const p of persons)
      agenciesOf.set(p.identity, (agenciesOf.get(p.identity) ?? new Set()).add(p.owner_agency_id));
    for (const [identity, n] of byIdentity)
      if (n === 2) expect(agenciesOf.get(identity)?.size).toBe(2);
    const audits = await db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'synthetic.generate')
      .execute();
    expect(audits).toHaveLength(3);
  });

  it('makes cases the caseload and search can find', async () => {
    const inspector = await node.login('inspector');
    const page = (await inspector.get('/api/v1/cases?limit=5')).json();
    expect(page.items.length).toBeGreaterThan(0);
    const name = page.items[0].personName.split(' ')[0];
    const hits = (await inspector.get(`/api/v1/persons?q=${encodeURIComponent(name)}`)).json()
      .items;
    expect(hits.length).toBeGreaterThan(0);
  });

  it('files every person under its search keys, and leaves no load table behind', async () => {
    const db = node.deps.db;
    const persons = await db.selectFrom('person').select('id').execute();
    const keyed = await db.selectFrom('person_key').select('person_id').distinct().execute();
    expect(keyed.length).toBe(persons.length);
    const queued = await db.selectFrom('linkage_queue').select('person_id').distinct().execute();
    expect(new Set(queued.map((q) => q.person_id))).toEqual(new Set(persons.map((p) => p.id)));
    if (dialect !== 'postgres') return;
    const load = await sql<{
      name: string | null;
    }>`SELECT to_regclass('person_key_load')::text AS name`.execute(db);
    expect(load.rows[0]?.name).toBeNull();
    // A first load into an empty node drops the key table's indexes and builds them again.
    const built = await sql<{ def: string }>`
      SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint
      WHERE conrelid = 'person_key'::regclass ORDER BY contype DESC`.execute(db);
    expect(built.rows.map((r) => r.def)).toEqual([
      'PRIMARY KEY (agency_id, key, person_id) INCLUDE (given_name, family_name, sex, birth_date, estimated_age, age_recorded_on, area_code)',
      'FOREIGN KEY (person_id) REFERENCES person(id)',
    ]);
    const indexes = await sql<{ name: string }>`
      SELECT indexname AS name FROM pg_indexes WHERE tablename = 'person_key' ORDER BY 1`.execute(
      db,
    );
    expect(indexes.rows.map((r) => r.name)).toEqual(['person_key_person_idx', 'person_key_pk']);

    // A run stopped midway left keys in the load table: the next run moves them in first, and
    // queues their person for the duplicate job again (the job may have seen it without keys).
    await db.deleteFrom('linkage_queue').execute();
    const one = persons[0]?.id ?? '';
    const agency = await db
      .selectFrom('person')
      .select('owner_agency_id')
      .where('id', '=', one)
      .executeTakeFirstOrThrow();
    await sql`CREATE TABLE person_key_load (LIKE person_key)`.execute(db);
    await sql`INSERT INTO person_key_load (agency_id, key, person_id) VALUES (${agency.owner_agency_id}, 'leftoverkey', ${one})`.execute(
      db,
    );
    await generateCases(node.deps, { cases: 10, duplicateShare: 0, seed: 8 });
    const moved = await db
      .selectFrom('person_key')
      .select('person_id')
      .where('key', '=', 'leftoverkey')
      .execute();
    expect(moved).toEqual([{ person_id: one }]);
    const requeued = await db
      .selectFrom('linkage_queue')
      .select('person_id')
      .where('person_id', '=', one)
      .execute();
    expect(requeued.length).toBeGreaterThan(0);
  });
});
