import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyChildLabour } from '../../src/core/index.ts';
import { DEMO_PACK_DIR, PackError, readPack } from '../../src/server/packs/loadPack.ts';
import { seedPack } from '../../src/server/packs/seedPack.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { createTestNode, type TestNode } from '../helpers/testNode.ts';

const TESTLAND = join(import.meta.dirname, '..', 'fixtures', 'packs', 'testland');

/** A copy of the test pack with one file changed, for the error cases. */
function brokenCopy(file: string, edit: (json: unknown) => unknown, from = TESTLAND): string {
  const dir = mkdtempSync(join(tmpdir(), 'pf-pack-'));
  cpSync(from, dir, { recursive: true });
  const path = join(dir, file);
  writeFileSync(path, JSON.stringify(edit(JSON.parse(readFileSync(path, 'utf8')))));
  return dir;
}

describe('country pack format', () => {
  it('reads the Nepal demo pack: 7 provinces, 77 districts, fictional agencies and a user per role', () => {
    const pack = readPack(DEMO_PACK_DIR);
    expect(pack.areas.filter((a) => a.level === 1)).toHaveLength(7);
    expect(pack.areas.filter((a) => a.level === 2)).toHaveLength(77);
    expect(pack.demoUsers.map((u) => u.username)).toContain('admin');
    expect(new Set(pack.demoUsers.flatMap((u) => u.roles))).toEqual(
      new Set(pack.roles.map((r) => r.id)),
    );
  });

  it.each([
    [
      'pack.json',
      (j: Record<string, unknown>) => ({ ...j, defaultLanguage: 'de' }),
      /defaultLanguage/,
    ],
    [
      'pack.json',
      (j: Record<string, unknown>) => ({ ...j, extra: 1, id: undefined }),
      /pack\.json/,
    ],
    [
      'agencies.json',
      () => [{ code: 'X', name: 'X', type: 'army', areaCodes: [] }],
      /unknown type army/,
    ],
    [
      'agencies.json',
      () => [{ code: 'X', name: 'X', type: 'ngo', areaCodes: ['NOWHERE'] }],
      /unknown area NOWHERE/,
    ],
    [
      'roles.json',
      () => [{ id: 'r', name: 'r', description: '', permissions: ['root'], requireMfa: false }],
      /unknown permission root/,
    ],
    [
      'areas/communes.geojson',
      (j: { features: { properties: { parent_code: string } }[] }) => {
        const first = j.features[0];
        if (first) first.properties.parent_code = 'TST-MISSING';
        return j;
      },
      /parent missing/,
    ],
    ['areas/regions.geojson', () => ({ type: 'Feature' }), /FeatureCollection/],
  ] as const)('refuses a broken %s with a message naming the file', (file, edit, message) => {
    const dir = brokenCopy(file, edit as (j: unknown) => unknown);
    expect(() => readPack(dir)).toThrow(PackError);
    expect(() => readPack(dir)).toThrow(message);
  });

  it('carries the 2021 census population of Nepal, its 7 provinces and 77 districts, adding up', () => {
    const pack = readPack(DEMO_PACK_DIR);
    const setting = pack.manifest.settings?.areaPopulation;
    expect(setting?.year).toBe(2021);
    expect(setting?.source).toMatch(/National Population and Housing Census 2021/);
    const people = setting?.value as Record<string, number>;
    expect(people.NPL).toBe(29_164_578);
    const below = (parent: string) =>
      pack.areas.filter((a) => a.parentCode === parent).map((a) => a.code);
    expect(below('NPL')).toHaveLength(7);
    let national = 0;
    for (const province of below('NPL')) {
      const districts = below(province);
      expect(districts.every((d) => Number.isInteger(people[d]))).toBe(true);
      expect(districts.reduce((s, d) => s + (people[d] ?? 0), 0)).toBe(people[province]);
      national += people[province] ?? 0;
    }
    expect(national).toBe(people.NPL);
    expect(Object.keys(people)).toHaveLength(1 + 7 + 77);
    expect(people['NPL-D-KATHMANDU']).toBe(2_041_587);
    expect(people['NPL-D-MANANG']).toBe(5_658);
  });

  it.each([
    [{ 'NPL-D-ATLANTIS': 100 }, /pack\.json settings: areaPopulation: unknown area NPL-D-ATLANTIS/],
    [
      { 'NPL-P1': -5 },
      /areaPopulation: the population of NPL-P1 must be a whole number at least 0/,
    ],
    [{ 'NPL-P1': 12.5 }, /areaPopulation: the population of NPL-P1 must be a whole number/],
  ])('refuses a bad areaPopulation %j with a clear pack error', (value, message) => {
    const dir = brokenCopy(
      'pack.json',
      (j) => {
        const m = j as { settings: Record<string, { value: unknown }> };
        const old = m.settings.areaPopulation?.value as Record<string, unknown>;
        m.settings.areaPopulation = { ...m.settings.areaPopulation, value: { ...old, ...value } };
        return m;
      },
      DEMO_PACK_DIR,
    );
    expect(() => readPack(dir)).toThrow(PackError);
    expect(() => readPack(dir)).toThrow(message);
  });

  it('carries sourced screening rules that the core screenings run on', () => {
    const { rules } = readPack(DEMO_PACK_DIR);
    if (!rules.childLabour || !rules.forcedLabour || !rules.trafficking || !rules.responseTargets) {
      throw new Error('the demo pack lacks a rule set');
    }
    const kiln = classifyChildLabour(
      {
        age: 13,
        ageEstimated: false,
        economicActivityHours: 20,
        householdChoresHours: 0,
        industry: '2392',
        conditions: ['dangerous_machinery_or_heavy_loads'],
        worstForms: [],
      },
      rules.childLabour,
    );
    expect(kiln.summary).toBe('child_labour_hazardous');
    expect(kiln.rulesVersion).toBe(rules.childLabour.version);
    for (const reason of kiln.sdg.SL_TLF_CHLDEA.reasons)
      expect(reason.source.length).toBeGreaterThan(10);
    expect(rules.forcedLabour.items).toHaveLength(11);
    expect(new Set(rules.forcedLabour.items.map((i) => i.indicator)).size).toBe(11);
    for (const item of rules.forcedLabour.items)
      expect(Object.keys(item.text)).toEqual(expect.arrayContaining(['en', 'fr', 'es']));
    expect(rules.responseTargets.hours.high).toBe(24);
  });

  it.each([
    [
      'rules/child-labour.json',
      (j: Record<string, unknown>) => ({
        ...j,
        sdg: {
          source: 's',
          bands: [
            {
              minAge: 12,
              maxAge: 5,
              economicActivity: { hours: 1, comparator: '>=' },
              householdChores: null,
            },
          ],
        },
      }),
      /starts after it ends/,
    ],
    [
      'rules/child-labour.json',
      (j: Record<string, unknown>) => ({ ...j, r190Source: '' }),
      /child-labour\.json/,
    ],
    [
      'rules/forced-labour.json',
      (j: { items: unknown[] }) => ({ ...j, items: [...j.items, j.items[0]] }),
      /appears twice/,
    ],
    [
      'rules/forced-labour.json',
      (j: { items: { indicator: string }[] }) => ({
        ...j,
        items: j.items.map((i) => ({ ...i, indicator: 'laziness' })),
      }),
      /forced-labour\.json/,
    ],
  ] as const)('refuses broken rules in %s', (file, edit, message) => {
    const dir = brokenCopy(file, edit as (j: unknown) => unknown, DEMO_PACK_DIR);
    expect(() => readPack(dir)).toThrow(message);
  });

  it('refuses a path that escapes the pack folder', () => {
    const dir = brokenCopy('pack.json', (j) => ({
      ...(j as object),
      agencies: '../../../etc/passwd',
    }));
    expect(() => readPack(dir)).toThrow(/inside the pack folder/);
  });
});

describe.each(DIALECTS)('loading packs on %s', (dialect) => {
  let node: TestNode;
  beforeAll(async () => {
    node = await createTestNode(dialect, {}, { seed: false });
  });
  afterAll(() => node?.dispose());

  it('loads a second country with no code change, and reloading updates in place', async () => {
    const first = await seedPack(node.deps, readPack(TESTLAND));
    expect(first).toMatchObject({
      areas: 6,
      agencies: 1,
      roles: 1,
      demoUsers: [],
      demoPassword: null,
    });
    const meta = (await node.app.inject('/api/v1/meta')).json();
    expect(meta).toMatchObject({
      country: 'TST',
      defaultLanguage: 'fr',
      packLanguages: ['fr', 'en'],
    });
    const c2 = await node.deps.db
      .selectFrom('area')
      .selectAll()
      .where('code', '=', 'TST-C2')
      .executeTakeFirstOrThrow();
    expect(c2).toMatchObject({
      level: 2,
      parent_code: 'TST-R1',
      default_name: 'Commune B',
      version: 1,
    });
    await seedPack(node.deps, readPack(TESTLAND));
    const again = await node.deps.db
      .selectFrom('area')
      .select('version')
      .where('code', '=', 'TST-C2')
      .executeTakeFirstOrThrow();
    expect(again.version).toBe(2);
    expect((await node.deps.db.selectFrom('agency').selectAll().execute()).length).toBe(1);
    const audit = await node.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'pack.load')
      .execute();
    expect(audit).toHaveLength(2);
  });
});
