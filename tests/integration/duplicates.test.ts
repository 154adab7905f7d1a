import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  processLinkageQueue,
  readPassInput,
  runDuplicatePass,
} from '../../src/server/services/duplicatesDetect.ts';
import { forgetLinkageModels } from '../../src/server/services/linkageModel.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { type Client, createTestNode, type TestNode } from '../helpers/testNode.ts';

interface Match {
  id: string;
  givenName: string;
  familyName: string;
  score: number;
  weight: number;
  reasons: { field: string; outcome: string; weight: number }[];
}

interface Pair {
  id: string;
  status: string;
  decision: string;
  probability: number;
  weight: number;
  version: number;
  a: { id: string; givenName: string; agencyType: string; caseCount: number };
  b: { id: string; givenName: string; agencyType: string; caseCount: number };
  fields: { field: string; outcome: string; weight: number; left: string; right: string }[];
  mergeId: string | null;
}

describe.each(DIALECTS)('record linkage in the product on %s', (dialect) => {
  let node: TestNode;
  let inspector: Client;
  let police: Client;
  let reviewer: Client;
  beforeAll(async () => {
    node = await createTestNode(dialect);
    inspector = await node.login('inspector');
    police = await node.login('police');
    reviewer = await node.login('supervisor');
  });
  afterAll(() => node?.dispose());

  const open = async (client: Client, person: Record<string, unknown>) => {
    const res = await client.post('/api/v1/cases', {
      person,
      topics: ['child_labour'],
      riskLevel: 'high',
      areaCode: 'NPL-D-BHAKTAPUR',
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; person: { id: string } };
  };
  const search = async (q: string, extra = ''): Promise<Match[]> => {
    const res = await inspector.get(`/api/v1/persons?q=${encodeURIComponent(q)}${extra}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items;
  };

  it('searches before create in any script, ranked by the engine with the reasons', async () => {
    await open(inspector, {
      givenName: 'सीता',
      familyName: 'तामाङ',
      sex: 'female',
      estimatedAge: 12,
    });
    await open(inspector, {
      givenName: 'Sita',
      familyName: 'Tamang',
      sex: 'female',
      estimatedAge: 12,
    });
    await open(inspector, {
      givenName: 'Seeta',
      familyName: 'Tamang',
      sex: 'female',
      estimatedAge: 12,
    });
    await open(inspector, {
      givenName: 'Muhammad',
      familyName: 'Ali',
      sex: 'male',
      estimatedAge: 15,
    });
    const sita = await search('Sita Tamang');
    // Both scripts of Sita Tamang first, then Seeta Tamang, whose name only partly agrees.
    expect(
      sita
        .slice(0, 2)
        .map((m) => m.familyName)
        .sort(),
    ).toEqual(['Tamang', 'तामाङ']);
    expect(sita[2]?.givenName).toBe('Seeta');
    expect(sita[0]?.weight).toBeGreaterThan(sita[2]?.weight ?? 0);
    expect(sita[0]?.reasons.find((r) => r.field === 'full_name')).toMatchObject({
      outcome: 'agree',
    });
    expect(sita[0]?.score).toBeGreaterThan(sita[2]?.score ?? 1);
    // Typed in Devanagari, found in Latin; typed in Cyrillic or Arabic, found by sound.
    expect((await search('सीता तामाङ')).map((m) => m.familyName)).toContain('Tamang');
    expect((await search('Мухаммед Али')).map((m) => m.givenName)).toEqual(['Muhammad']);
    expect((await search('Mohamed Ali')).map((m) => m.givenName)).toEqual(['Muhammad']);
    // Approximate age still narrows (two years either way), and a different name is not a match.
    expect(await search('Sita Tamang', '&age=30')).toEqual([]);
    expect(await search('Bishnu Shrestha')).toEqual([]);
  });

  it('finds a duplicate across agencies right after the write, in a job, with its explanation', async () => {
    const before = await node.deps.db.selectFrom('linkage_queue').select('seq').execute();
    await node.deps.db.deleteFrom('linkage_queue').execute();
    expect(before.length).toBeGreaterThan(0);
    const labour = await open(inspector, {
      givenName: 'Maya',
      familyName: 'Gurung',
      sex: 'female',
      birthDate: '2012-03-04',
    });
    const pol = await open(police, {
      givenName: 'Maaya',
      familyName: 'Gurung',
      sex: 'female',
      birthDate: '2012-04-03',
    });
    // Queued by the writing transaction; nothing is compared inside the request.
    const queued = await node.deps.db.selectFrom('linkage_queue').select('person_id').execute();
    expect(queued.map((q) => q.person_id).sort()).toEqual([labour.person.id, pol.person.id].sort());
    expect(await node.deps.db.selectFrom('duplicate_pair').selectAll().execute()).toEqual([]);
    expect(await processLinkageQueue(node.deps)).toBe(2);
    expect(await node.deps.db.selectFrom('linkage_queue').select('seq').execute()).toEqual([]);
    const pairs = (await reviewer.get('/api/v1/duplicates')).json().items as Pair[];
    const pair = pairs.find((p) => [p.a.id, p.b.id].includes(labour.person.id));
    expect(pair).toBeDefined();
    expect([pair?.a.agencyType, pair?.b.agencyType].sort()).toEqual([
      'labour_inspection',
      'police',
    ]);
    const byField = new Map(pair?.fields.map((f) => [f.field, f]));
    expect(byField.get('family_name')).toMatchObject({ outcome: 'agree' });
    expect(byField.get('given_name')?.outcome).toBe('partial');
    // Day and month swapped: partly agrees, and weighs less than an exact date would.
    expect(byField.get('birth_date')?.outcome).toBe('partial');
    expect(byField.get('family_name')?.weight).toBeGreaterThan(0);
  });

  it('lets only reviewers see pairs; merges with history, shows "possibly known to", unmerges exactly', async () => {
    expect((await inspector.get('/api/v1/duplicates')).statusCode).toBe(403);
    const pairs = (await reviewer.get('/api/v1/duplicates?limit=1')).json();
    expect(pairs.items).toHaveLength(1);
    const all = (await reviewer.get('/api/v1/duplicates')).json().items as Pair[];
    // Highest score first.
    const weights = all.map((p) => p.weight);
    expect(weights).toEqual([...weights].sort((x, y) => y - x));
    const pair = all.find((p) => p.a.givenName.startsWith('Ma')) as Pair;
    const keep = pair.a.agencyType === 'labour_inspection' ? pair.a : pair.b;
    const other = keep === pair.a ? pair.b : pair.a;
    const policeCase = (await police.get('/api/v1/cases')).json().items[0];
    const labourCase = (
      await node.deps.db
        .selectFrom('case_file')
        .select('id')
        .where('person_id', '=', keep.id)
        .executeTakeFirstOrThrow()
    ).id;
    // Before the merge the engine's match already tells the inspector, without details.
    const knownBefore = (await inspector.get(`/api/v1/cases/${labourCase}/known-to`)).json();
    expect(knownBefore.items).toEqual([{ agencyType: 'police', cases: 1 }]);
    expect(JSON.stringify(knownBefore)).not.toContain('Maaya');
    // Another agency's case stays hidden: "known to" is need-to-know too.
    expect((await police.get(`/api/v1/cases/${labourCase}/known-to`)).statusCode).toBe(404);

    const stale = await reviewer.post(`/api/v1/duplicates/${pair.id}/merge`, {
      keepId: keep.id,
      version: pair.version + 1,
    });
    expect(stale.statusCode).toBe(409);
    const seqBefore = await node.deps.db
      .selectFrom('change_log')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirstOrThrow();
    const merged = await reviewer.post(`/api/v1/duplicates/${pair.id}/merge`, {
      keepId: keep.id,
      version: pair.version,
    });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json()).toMatchObject({ status: 'merged', keptId: keep.id });
    const moved = await node.deps.db
      .selectFrom('case_file')
      .select('person_id')
      .where('id', '=', policeCase.id)
      .executeTakeFirstOrThrow();
    expect(moved.person_id).toBe(keep.id);
    // Devices get the result: the police case and both persons are in the change log again.
    const changes = await node.deps.db
      .selectFrom('change_log')
      .select(['entity', 'entity_id'])
      .where('seq', '>', Number(seqBefore.seq))
      .execute();
    expect(changes).toEqual(
      expect.arrayContaining([
        { entity: 'case', entity_id: policeCase.id },
        { entity: 'person', entity_id: keep.id },
        { entity: 'person', entity_id: other.id },
      ]),
    );
    const audits = await node.deps.db
      .selectFrom('audit_log')
      .select(['action', 'entity_ids'])
      .where('action', '=', 'person.merge')
      .execute();
    expect(audits).toHaveLength(1);
    // The merged person is no longer found by search; the police case shows the kept person.
    expect((await police.get(`/api/v1/cases/${policeCase.id}`)).json().person.id).toBe(keep.id);
    const known = (await inspector.get(`/api/v1/cases/${labourCase}/known-to`)).json();
    expect(known.items).toEqual([{ agencyType: 'police', cases: 1 }]);
    const mergedList = (await reviewer.get('/api/v1/duplicates?status=merged')).json().items;
    expect(mergedList.map((p: Pair) => p.id)).toEqual([pair.id]);

    const undone = await reviewer.post(`/api/v1/duplicates/${pair.id}/unmerge`, {
      version: merged.json().version,
    });
    expect(undone.statusCode, undone.body).toBe(200);
    expect(undone.json()).toMatchObject({ status: 'open', mergeId: null });
    const back = await node.deps.db
      .selectFrom('case_file')
      .select('person_id')
      .where('id', '=', policeCase.id)
      .executeTakeFirstOrThrow();
    expect(back.person_id).toBe(other.id);
    const policeSearch = (await police.get('/api/v1/persons?q=maaya%20gurung')).json().items;
    expect(policeSearch.map((m: Match) => m.id)).toEqual([other.id]);
    expect(
      (await reviewer.post(`/api/v1/duplicates/${pair.id}/unmerge`, { version: 3 })).statusCode,
    ).toBe(409);
  });

  it('keeps "not the same person" out of later passes and learns from confirmed matches', async () => {
    const a = await open(inspector, {
      givenName: 'Ram',
      familyName: 'Thapa',
      sex: 'male',
      birthDate: '2011-05-06',
    });
    const b = await open(police, {
      givenName: 'Ram',
      familyName: 'Thapa',
      sex: 'male',
      birthDate: '2011-05-06',
    });
    await processLinkageQueue(node.deps);
    const pairs = (await reviewer.get('/api/v1/duplicates')).json().items as Pair[];
    const ram = pairs.find((p) => [p.a.id, p.b.id].includes(a.person.id)) as Pair;
    expect([ram.a.id, ram.b.id]).toContain(b.person.id);
    expect(ram.decision).toBe('match');
    const distinct = await reviewer.post(`/api/v1/duplicates/${ram.id}/distinct`, {
      version: ram.version,
    });
    expect(distinct.json().status).toBe('distinct');
    // A confirmed match for the model to learn from.
    const maya = pairs.find((p) => p.a.givenName.startsWith('Ma')) as Pair;
    await reviewer.post(`/api/v1/duplicates/${maya.id}/merge`, {
      keepId: maya.a.id,
      version: maya.version,
    });
    // On a worker thread, as the job runs it: the worker reads the persons itself, through its
    // own connection (the same live persons as a pass run here would read).
    const here = await readPassInput(node.deps);
    const summary = await runDuplicatePass(node.deps, { worker: true });
    expect(summary.persons).toBe(here.records.length);
    // The worker wrote the pairs itself, as it explained them: what it counted is stored.
    expect(summary.pairs).toBeGreaterThan(0);
    const storedByPass = await node.deps.db
      .selectFrom('duplicate_pair')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('found_by', '=', 'pass')
      .executeTakeFirstOrThrow();
    expect(Number(storedByPass.n)).toBe(summary.pairs);
    expect(summary.persons).toBeGreaterThan(5);
    expect(summary.labelledMatches).toBe(1);
    expect(summary.labelledNonMatches).toBe(1);
    forgetLinkageModels(node.deps);
    const stored = await node.deps.db
      .selectFrom('linkage_model')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(JSON.parse(stored.model).labels).toEqual({ matches: 1, nonMatches: 1 });
    const after = await node.deps.db
      .selectFrom('duplicate_pair')
      .select('status')
      .where('id', '=', ram.id)
      .executeTakeFirstOrThrow();
    expect(after.status).toBe('distinct');
    const left = (await reviewer.get('/api/v1/duplicates')).json().items as Pair[];
    expect(left.map((p) => p.id)).not.toContain(ram.id);
    expect(left.map((p) => p.id)).not.toContain(maya.id);
    // Sita Tamang in two scripts, one agency: the pass finds them too.
    expect(left.some((p) => p.a.givenName === 'Sita' || p.b.givenName === 'Sita')).toBe(true);
  });

  it('keeps each person’s ranking fields beside its filing keys, whatever writes the person', async () => {
    const kamala = await open(inspector, {
      givenName: 'Kamala',
      familyName: 'Thapa',
      sex: 'female',
      estimatedAge: 10,
    });
    const card = async () =>
      node.deps.db
        .selectFrom('person_key')
        .select(['given_name', 'family_name', 'sex', 'birth_date', 'estimated_age', 'area_code'])
        .where('person_id', '=', kamala.person.id)
        .execute();
    const filed = await card();
    expect(filed.length).toBeGreaterThan(2);
    for (const row of filed)
      expect(row).toMatchObject({
        given_name: 'Kamala',
        family_name: 'Thapa',
        sex: 'female',
        estimated_age: 10,
      });
    // Changed by any path (here straight in the table, as a sync merge would): every key follows.
    await node.deps.db
      .updateTable('person')
      .set({ sex: 'male', birth_date: '2010-05-06', estimated_age: null })
      .where('id', '=', kamala.person.id)
      .execute();
    for (const row of await card())
      expect(row).toMatchObject({ sex: 'male', birth_date: '2010-05-06', estimated_age: null });
    const found = await search('Kamala Thapa', '&sex=male');
    expect(found.map((m) => m.id)).toContain(kamala.person.id);
    expect((await search('Kamala Thapa', '&sex=female')).map((m) => m.id)).not.toContain(
      kamala.person.id,
    );
    // A key row written without the copy (older code paths) takes it from its person.
    await node.deps.db
      .insertInto('person_key')
      .values({ agency_id: 'x', key: 'kamalaa', person_id: kamala.person.id })
      .execute();
    expect(
      await node.deps.db
        .selectFrom('person_key')
        .select(['given_name', 'sex'])
        .where('key', '=', 'kamalaa')
        .executeTakeFirst(),
    ).toEqual({ given_name: 'Kamala', sex: 'male' });
    await node.deps.db.deleteFrom('person_key').where('key', '=', 'kamalaa').execute();
  });
});
