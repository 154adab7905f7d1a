import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDirectory } from '../../src/server/cli/directoryCommands.ts';
import { DEMO_PACK_DIR, PackError, readPack } from '../../src/server/packs/loadPack.ts';
import { seedPack } from '../../src/server/packs/seedPack.ts';
import { documentFromCsv } from '../../src/server/services/directoryCsv.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { type Client, createTestNode, type TestNode } from '../helpers/testNode.ts';

/** Fixed ids of the demo pack's directory (packs/npl/services/directory.json). */
const PACK = {
  borderShelterOrg: '1d0c0000-0000-4000-8000-000000000001',
  hospitalOrg: '1d0c0000-0000-4000-8000-000000000006',
  transitShelter: '5e7c0000-0000-4000-8000-000000000001',
  nepalgunjShelter: '10ca0000-0000-4000-8000-000000000001',
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface ServiceItem {
  id: string;
  name: string;
  status: string;
  type: string;
  areaCodes: string[];
  organization: { id: string; name: string };
  agency: { id: string; code: string; name: string } | null;
  locations: { id: string; name: string; city: string | null }[];
  version: number;
}

/** Changes to make to a copy of the pack's directory: table → row index → fields. */
type Edit = Record<string, Record<number, Record<string, unknown>>>;

/** Counts and version sums of the directory tables: equal before and after means nothing was written. */
async function fingerprint(node: TestNode): Promise<string> {
  const db = node.deps.db;
  const parts: unknown[] = [];
  for (const table of [
    'taxonomy_term',
    'organization',
    'service',
    'service_area',
    'location',
    'service_at_location',
  ] as const)
    parts.push(
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    );
  for (const table of ['organization', 'service', 'location'] as const)
    parts.push(
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.sum<number>('version').as('v'))
        .executeTakeFirstOrThrow(),
    );
  return JSON.stringify(parts, (_k, v) => (typeof v === 'bigint' ? Number(v) : v));
}

describe('directory in the country pack', () => {
  it('reads the service types and the HSDS directory of the Nepal pack', () => {
    const pack = readPack(DEMO_PACK_DIR);
    expect(pack.serviceTypes?.types.map((t) => t.code)).toEqual(
      expect.arrayContaining(['shelter', 'labour_inspection', 'child_protection_assessment']),
    );
    expect(pack.serviceTypes?.types).toHaveLength(12);
    for (const t of pack.serviceTypes?.types ?? []) {
      expect(Object.keys(t.names).sort()).toEqual(['en', 'es', 'fr', 'ne']);
      expect(t.source).toMatch(/NOT verified/);
    }
    expect(pack.directory?.services?.some((s) => s.status === 'inactive')).toBe(true);
    expect(pack.directory?.organizations?.some((o) => !o.agency_code)).toBe(true);
  });

  it.each([
    [{ organizations: { 0: { agency_code: 'NPL-NOBODY' } } }, /unknown agency \(NPL-NOBODY\)/],
    [{ services: { 0: { taxonomy_term: 'sheltr' } } }, /unknown service type \(sheltr\)/],
    [{ services: { 0: { service_areas: ['NPL-D-ATLANTIS'] } } }, /unknown area/],
    [{ services: { 1: { id: PACK.transitShelter } } }, /repeats the id/],
    [{ locations: { 0: { id: 'loc-1' } } }, /not a lower-case UUID/],
    [{ services: { 0: { minimum_age: 30, maximum_age: 3 } } }, /minimum age is above/],
  ] as [Edit, RegExp][])(
    'refuses a broken services/directory.json naming the file (%#)',
    (edit, message) => {
      const dir = mkdtempSync(join(tmpdir(), 'pf-pack-'));
      cpSync(DEMO_PACK_DIR, dir, { recursive: true });
      const file = join(dir, 'services', 'directory.json');
      const doc = JSON.parse(readFileSync(file, 'utf8')) as Record<
        string,
        Record<string, unknown>[]
      >;
      for (const [table, rows] of Object.entries(edit))
        for (const [index, patch] of Object.entries(rows))
          Object.assign(doc[table]?.[Number(index)] ?? {}, patch);
      writeFileSync(file, JSON.stringify(doc));
      expect(() => readPack(dir)).toThrow(PackError);
      expect(() => readPack(dir)).toThrow(/^services\/directory\.json: /);
      expect(() => readPack(dir)).toThrow(message);
      rmSync(dir, { recursive: true, force: true });
    },
  );
});

describe.each(DIALECTS)('service directory on %s', (dialect) => {
  let node: TestNode;
  let admin: Client;
  let inspector: Client;

  beforeAll(async () => {
    node = await createTestNode(dialect);
    admin = await node.login('admin');
    inspector = await node.login('inspector');
  });
  afterAll(() => node?.dispose());

  const find = async (query: string): Promise<ServiceItem[]> => {
    const res = await inspector.get(`/api/v1/services?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items;
  };
  const names = async (query: string) => (await find(query)).map((s) => s.name).sort();

  it('seeds the directory from the pack, and re-seeding changes nothing', async () => {
    const types = (await inspector.get('/api/v1/service-types')).json().items;
    expect(types).toHaveLength(12);
    const shelter = types.find((t: { code: string }) => t.code === 'shelter');
    expect(shelter).toMatchObject({
      name: 'Shelter',
      names: { en: 'Shelter', fr: 'Hébergement d’urgence', ne: 'आश्रय' },
      acceptHours: 2,
      firstServiceHours: 24,
    });
    expect(shelter.targetsSource).toMatch(/NOT verified/);
    const before = await fingerprint(node);
    const again = await seedPack(node.deps, readPack(DEMO_PACK_DIR));
    expect(again.directory?.created).toEqual({
      taxonomy_terms: 0,
      organizations: 0,
      locations: 0,
      services: 0,
      service_at_locations: 0,
    });
    expect(again.directory?.unchanged).toMatchObject({ services: 9, organizations: 6 });
    expect(await fingerprint(node)).toBe(before);
  });

  it('finds services by area: the area itself or any area above it', async () => {
    const banke = await names('area=NPL-D-BANKE');
    expect(banke).toEqual(
      expect.arrayContaining([
        'Transit shelter for girls and women',
        'Medical care and forensic examination',
        'Trafficking investigation',
      ]),
    );
    expect(banke).not.toContain('Child protection assessment');
    // A district of Bagmati gets its own services, the province's and the country's.
    const kathmandu = await names('area=NPL-D-KATHMANDU');
    expect(kathmandu).toEqual(
      expect.arrayContaining([
        'Child protection assessment',
        'Psychosocial support for children',
        'Trafficking investigation',
        'Workplace inspection (child and forced labour)',
      ]),
    );
    expect(kathmandu).not.toContain('Transit shelter for girls and women');
    // The province itself: not the services of only some of its districts.
    const bagmati = await names('area=NPL-P3');
    expect(bagmati).toEqual(['Psychosocial support for children', 'Trafficking investigation']);
    expect(await names('area=NPL-D-DOLPA&type=shelter')).toEqual([]);
  });

  it('filters by type, age bounds, sex, language, status and text', async () => {
    expect(await names('type=psychosocial_support&age=3')).toEqual(['Counselling for returnees']);
    expect(await names('type=psychosocial_support&age=5')).toEqual([
      'Counselling for returnees',
      'Psychosocial support for children',
    ]);
    expect(await names('type=psychosocial_support&age=18')).toEqual(['Counselling for returnees']);
    expect(await names('type=family_tracing_reunification&age=17')).toHaveLength(1);
    expect(await names('type=family_tracing_reunification&age=18')).toEqual([]);
    // Open bounds: no age limit takes everyone.
    expect(await names('type=police_investigation&age=70')).toHaveLength(1);
    expect(await names('type=shelter&sex=female')).toHaveLength(1);
    expect(await names('type=shelter&sex=male')).toEqual([]);
    expect(await names('type=medical_care&sex=male')).toHaveLength(1);
    expect(await names('language=new')).toEqual([
      'Child protection assessment',
      'Psychosocial support for children',
    ]);
    expect(await names('type=shelter&language=bho')).toHaveLength(1);
    expect(await names('type=shelter&language=tmg')).toEqual([]);
    expect(await names('type=vocational_training')).toEqual([]);
    expect(await names('type=vocational_training&status=inactive')).toEqual([
      'Motorcycle repair course (six months)',
    ]);
    expect(await names('type=vocational_training&status=any')).toHaveLength(1);
    expect(await names('q=FORENSIC')).toEqual(['Medical care and forensic examination']);
    expect(await names(`organization=${PACK.borderShelterOrg}`)).toHaveLength(3);
    expect(await names('q=border%20transit')).toHaveLength(3);
  });

  it('shows each result with its organisation, agency, type, areas and locations', async () => {
    const [shelter] = await find('type=shelter&area=NPL-D-BANKE');
    expect(shelter).toMatchObject({
      id: PACK.transitShelter,
      type: 'shelter',
      organization: { id: PACK.borderShelterOrg },
      agency: { code: 'NPL-NGO-BORDER' },
      sexes: ['female'],
      languages: ['ne', 'hi', 'mai', 'bho', 'en'],
    });
    expect(shelter?.areaCodes).toContain('NPL-D-BANKE');
    expect(shelter?.locations.map((l) => l.city).sort()).toEqual(['Birgunj', 'Nepalgunj']);
    const [medical] = await find('type=medical_care');
    expect(medical?.agency).toBeNull();
    const one = await inspector.get(`/api/v1/services/${PACK.transitShelter}`);
    expect(one.json()).toEqual(shelter);
    expect((await inspector.get(`/api/v1/services/${crypto.randomUUID()}`)).statusCode).toBe(404);
  });

  it('pages through results with a cursor, each service once', async () => {
    const seen: string[] = [];
    let url = '/api/v1/services?limit=3';
    for (;;) {
      const page = (await inspector.get(url)).json();
      seen.push(...page.items.map((s: ServiceItem) => s.id));
      if (!page.nextCursor) break;
      url = `/api/v1/services?limit=3&cursor=${encodeURIComponent(page.nextCursor)}`;
    }
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);
  });

  it('creates and changes organisations, locations and services, audited, with version checks', async () => {
    const agency = (await admin.get('/api/v1/agencies?q=NPL-CP-KTM')).json().items[0];
    const org = await admin.post('/api/v1/organizations', {
      name: 'Lalitpur Legal Aid Desk (test)',
      description: 'Free legal advice for working children.',
      email: 'desk@legal.example.org',
      website: 'https://legal.example.org',
      agencyId: agency.id,
    });
    expect(org.statusCode, org.body).toBe(201);
    expect(org.json()).toMatchObject({
      agency: { code: 'NPL-CP-KTM' },
      serviceCount: 0,
      version: 1,
    });
    const orgId = org.json().id;
    const location = await admin.post('/api/v1/locations', {
      organizationId: orgId,
      name: 'Legal desk, Lalitpur court',
      areaCode: 'NPL-D-LALITPUR',
      address1: 'Court road',
      city: 'Lalitpur',
      country: 'NP',
      latitude: 27.67,
      longitude: 85.32,
    });
    expect(location.statusCode, location.body).toBe(201);
    expect(location.json()).toMatchObject({
      locationType: 'physical',
      organizationName: 'Lalitpur Legal Aid Desk (test)',
    });
    const created = await admin.post('/api/v1/services', {
      organizationId: orgId,
      name: 'Legal aid for working children',
      type: 'legal_aid',
      areaCodes: ['NPL-D-LALITPUR', 'NPL-D-KATHMANDU'],
      minimumAge: 10,
      maximumAge: 17,
      sexes: ['male', 'female'],
      languages: ['ne', 'en'],
      email: 'desk@legal.example.org',
      locationIds: [location.json().id],
    });
    expect(created.statusCode, created.body).toBe(201);
    const service = created.json();
    expect(service).toMatchObject({
      status: 'active',
      type: 'legal_aid',
      sexes: ['female', 'male'],
      areaCodes: ['NPL-D-KATHMANDU', 'NPL-D-LALITPUR'],
      agency: { code: 'NPL-CP-KTM' },
      version: 1,
    });
    expect(service.locations).toHaveLength(1);
    expect(await names('type=legal_aid&area=NPL-D-LALITPUR&age=12')).toEqual([
      'Legal aid for working children',
    ]);

    const changed = await admin.patch(`/api/v1/services/${service.id}`, {
      version: 1,
      maximumAge: 21,
      areaCodes: ['NPL-P3'],
      locationIds: [],
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      version: 2,
      maximumAge: 21,
      areaCodes: ['NPL-P3'],
      locations: [],
    });
    const stale = await admin.patch(`/api/v1/services/${service.id}`, { version: 1, name: 'x' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'version_conflict', currentVersion: 2 });

    // Deactivating is a status change: gone from searches, still readable (referrals name it).
    const off = await admin.patch(`/api/v1/services/${service.id}`, {
      version: 2,
      status: 'inactive',
    });
    expect(off.json().status).toBe('inactive');
    expect(await names('type=legal_aid')).toEqual([]);
    expect((await inspector.get(`/api/v1/services/${service.id}`)).statusCode).toBe(200);

    const renamed = await admin.patch(`/api/v1/organizations/${orgId}`, {
      version: 1,
      agencyId: null,
    });
    expect(renamed.json()).toMatchObject({ agency: null, version: 2, serviceCount: 1 });
    expect(
      (await admin.patch(`/api/v1/organizations/${orgId}`, { version: 1, name: 'x' })).statusCode,
    ).toBe(409);
    const moved = await admin.patch(`/api/v1/locations/${location.json().id}`, {
      version: 1,
      city: 'Patan',
    });
    expect(moved.json()).toMatchObject({ city: 'Patan', version: 2 });
    expect(
      (await admin.patch(`/api/v1/locations/${location.json().id}`, { version: 1, city: 'x' }))
        .statusCode,
    ).toBe(409);
    const listed = (await inspector.get(`/api/v1/locations?organization=${orgId}`)).json().items;
    expect(listed.map((l: { city: string }) => l.city)).toEqual(['Patan']);
    const orgs = (await inspector.get('/api/v1/organizations?q=legal')).json().items;
    expect(orgs.map((o: { id: string }) => o.id)).toContain(orgId);

    const audit = await node.deps.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('entity_ids', 'like', `%${service.id}%`)
      .orderBy('at')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'service.create',
      'service.update',
      'service.update',
    ]);
    expect(JSON.parse(audit[2]?.details ?? '{}')).toEqual({ status: 'inactive' });
    const changes = await node.deps.db
      .selectFrom('change_log')
      .select(['entity', 'version'])
      .where('entity_id', 'in', [service.id, orgId])
      .execute();
    expect(changes).toEqual(
      expect.arrayContaining([
        { entity: 'service', version: 3 },
        { entity: 'organization', version: 2 },
      ]),
    );

    // Caseworkers read the directory but do not write it.
    const refused = await inspector.post('/api/v1/organizations', { name: 'Nope' });
    expect(refused.statusCode).toBe(403);
  });

  it('refuses unsound services with a clear code, writing nothing', async () => {
    const before = await fingerprint(node);
    const base = {
      organizationId: PACK.hospitalOrg,
      name: 'Test service',
      type: 'medical_care',
      areaCodes: ['NPL-D-BANKE'],
    };
    const cases: [Record<string, unknown>, string][] = [
      [{ minimumAge: 18, maximumAge: 5 }, 'age_range_invalid'],
      [{ areaCodes: ['NPL-D-ATLANTIS'] }, 'unknown_area'],
      [{ type: 'teleportation' }, 'unknown_service_type'],
      [{ organizationId: crypto.randomUUID() }, 'unknown_organization'],
      [{ email: 'not-an-address' }, 'invalid_email'],
      [{ url: 'ftp://files.example.org' }, 'invalid_url'],
      [{ url: 'javascript:alert(1)' }, 'invalid_url'],
      [{ locationIds: [crypto.randomUUID()] }, 'unknown_location'],
    ];
    for (const [change, code] of cases) {
      const res = await admin.post('/api/v1/services', { ...base, ...change });
      expect(res.statusCode, `${code}: ${res.body}`).toBe(400);
      expect(res.json().code).toBe(code);
      expect(res.json().title).not.toMatch(/errors\./);
    }
    const widen = await admin.patch(`/api/v1/services/${PACK.transitShelter}`, {
      version: 1,
      minimumAge: 40,
      maximumAge: 30,
    });
    expect(widen.json().code).toBe('age_range_invalid');
    // The stored maximum counts when only the minimum changes.
    const fcr = (await find('type=family_tracing_reunification'))[0];
    const above = await admin.patch(`/api/v1/services/${fcr?.id}`, {
      version: fcr?.version,
      minimumAge: 18,
    });
    expect(above.json()).toMatchObject({
      code: 'age_range_invalid',
      title: 'The minimum age (18) is above the maximum age (17).',
    });
    expect(
      (
        await admin.post('/api/v1/organizations', { name: 'X', agencyId: crypto.randomUUID() })
      ).json().code,
    ).toBe('unknown_agency');
    expect(
      (await admin.post('/api/v1/organizations', { name: 'X', website: 'example.org' })).json()
        .code,
    ).toBe('invalid_url');
    expect(
      (
        await admin.post('/api/v1/locations', {
          organizationId: PACK.hospitalOrg,
          name: 'X',
          areaCode: 'NPL-D-ATLANTIS',
        })
      ).json().code,
    ).toBe('unknown_area');
    expect(await fingerprint(node)).toBe(before);
  });

  it('answers the HSDS 3.0 API: root, pages, fully nested service', async () => {
    const root = await inspector.get('/api/v1/hsds/');
    expect(root.statusCode).toBe(200);
    expect(root.json()).toEqual({
      version: '3.0.0',
      profile: expect.stringMatching(/^https:\/\//),
      openapi_url: expect.stringMatching(/^https?:\/\/.+\/api\/v1\/openapi\.json$/),
    });

    const page = (await inspector.get('/api/v1/hsds/services?per_page=2&page=2')).json();
    expect(page).toMatchObject({
      page_number: 2,
      size: 2,
      first_page: false,
      last_page: false,
      empty: false,
    });
    expect(page.total_pages).toBe(Math.ceil(page.total_items / 2));
    expect(page.contents[0]).toEqual(
      expect.objectContaining({
        id: expect.stringMatching(UUID),
        organization_id: expect.any(String),
        status: expect.any(String),
      }),
    );
    const beyond = (await inspector.get('/api/v1/hsds/services?page=99')).json();
    expect(beyond).toMatchObject({ empty: true, size: 0, last_page: true, contents: [] });

    const full = (await inspector.get(`/api/v1/hsds/services/${PACK.transitShelter}`)).json();
    expect(full).toMatchObject({
      id: PACK.transitShelter,
      name: 'Transit shelter for girls and women',
      status: 'active',
      organization: {
        id: PACK.borderShelterOrg,
        name: 'Border Transit Shelter Network (fictional NGO)',
      },
    });
    expect(full.service_areas.map((a: { uri: string }) => a.uri)).toContain(
      'urn:pathfinder:area:NPL-D-BANKE',
    );
    const nepalgunj = full.service_at_locations.find(
      (s: { location_id: string }) => s.location_id === PACK.nepalgunjShelter,
    );
    expect(nepalgunj.location).toMatchObject({
      location_type: 'physical',
      name: 'Nepalgunj transit shelter',
    });
    expect(nepalgunj.location.addresses[0]).toMatchObject({
      city: 'Nepalgunj',
      country: 'NP',
      address_type: 'physical',
    });
    expect(
      full.languages.map((l: { code: string; name: string }) => [l.code, l.name]),
    ).toContainEqual(['ne', 'Nepali']);
    const type = full.attributes.find((a: { link_type: string }) => a.link_type === 'service_type');
    expect(type).toMatchObject({
      link_id: PACK.transitShelter,
      link_entity: 'service',
      taxonomy_term: { code: 'shelter' },
    });
    expect(
      full.attributes.find((a: { link_type: string }) => a.link_type === 'eligibility'),
    ).toMatchObject({
      value: 'female',
      taxonomy_term: { code: 'female' },
    });
    const ids = JSON.stringify(full).match(/"id":"[^"]+"/g) ?? [];
    for (const id of ids) expect(id.slice(6, -1)).toMatch(UUID);
    // Derived ids are stable from one call to the next.
    expect((await inspector.get(`/api/v1/hsds/services/${PACK.transitShelter}`)).json()).toEqual(
      full,
    );

    const orgs = (await inspector.get('/api/v1/hsds/organizations?search=hospital')).json();
    expect(orgs).toMatchObject({ total_items: 1, contents: [{ id: PACK.hospitalOrg }] });
    const org = (await inspector.get(`/api/v1/hsds/organizations/${PACK.borderShelterOrg}`)).json();
    expect(org.services).toHaveLength(3);
    expect(org.locations).toHaveLength(2);
    const sal = (await inspector.get('/api/v1/hsds/service_at_locations?per_page=200')).json();
    expect(sal.total_items).toBeGreaterThanOrEqual(9);
    expect(sal.contents[0]).toEqual({
      id: expect.any(String),
      service_id: expect.any(String),
      location_id: expect.any(String),
      description: expect.any(String),
    });
    const taxonomies = (await inspector.get('/api/v1/hsds/taxonomies')).json();
    expect(taxonomies.contents.map((t: { name: string }) => t.name)).toEqual([
      'Pathfinder eligibility: sex',
      'Pathfinder protection services (Nepal demonstration)',
    ]);
    const services = taxonomies.contents[1];
    const terms = (
      await inspector.get(`/api/v1/hsds/taxonomy_terms?taxonomy_id=${services.id}&per_page=100`)
    ).json();
    expect(terms.total_items).toBe(12);
    expect(terms.contents[0]).toMatchObject({
      taxonomy_id: services.id,
      description: expect.any(String),
    });
    expect((await inspector.get(`/api/v1/hsds/services/${crypto.randomUUID()}`)).statusCode).toBe(
      404,
    );
    expect((await inspector.get('/api/v1/hsds/services?per_page=0')).statusCode).toBe(400);
  });

  it('exports one HSDS document and imports it back idempotently', async () => {
    const res = await inspector.get('/api/v1/directory/export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/directory\.json/);
    const doc = res.json();
    expect(Object.keys(doc).sort()).toEqual([
      'locations',
      'organizations',
      'service_at_locations',
      'services',
      'taxonomy_terms',
    ]);
    const before = await fingerprint(node);
    const again = await admin.post('/api/v1/directory/import', doc);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().created).toEqual({
      taxonomy_terms: 0,
      organizations: 0,
      locations: 0,
      services: 0,
      service_at_locations: 0,
    });
    expect(again.json().updated.services).toBe(0);
    expect(again.json().unchanged.services).toBe(doc.services.length);
    expect(await fingerprint(node)).toBe(before);

    // A change, then the same file twice: one update, then nothing.
    doc.services[0].name = `${doc.services[0].name} (renamed)`;
    const newId = crypto.randomUUID();
    doc.organizations.push({ id: newId, name: 'Imported organisation', description: '' });
    const first = (await admin.post('/api/v1/directory/import', doc)).json();
    expect(first.updated.services).toBe(1);
    expect(first.created.organizations).toBe(1);
    const second = (await admin.post('/api/v1/directory/import', doc)).json();
    expect(second.updated.services).toBe(0);
    expect(second.created.organizations).toBe(0);
    expect(second.unchanged.organizations).toBe(doc.organizations.length);
    const count = await node.deps.db
      .selectFrom('organization')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(doc.organizations.length);
    const audit = await node.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['directory.import', 'directory.export'])
      .execute();
    expect(audit.filter((a) => a.action === 'directory.import')).toHaveLength(3);
    expect(audit.filter((a) => a.action === 'directory.export').length).toBeGreaterThan(0);
    expect((await inspector.post('/api/v1/directory/import', doc)).statusCode).toBe(403);
  });

  it('exports HSDS CSV tables that parse back into the same directory', async () => {
    const tables: Record<string, string> = {};
    for (const table of [
      'organizations',
      'services',
      'locations',
      'service_at_locations',
      'taxonomy_terms',
    ]) {
      const res = await inspector.get(`/api/v1/directory/export.csv?table=${table}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      tables[table] = res.body;
    }
    const services = parse(tables.services ?? '', { columns: true }) as Record<string, string>[];
    const shelter = services.find((s) => s.id === PACK.transitShelter);
    expect(shelter).toMatchObject({
      taxonomy_term: 'shelter',
      sexes: 'female',
      languages: 'ne;hi;mai;bho;en',
      minimum_age: '',
    });
    expect(shelter?.service_areas?.split(';')).toContain('NPL-D-BANKE');
    const before = await fingerprint(node);
    const back = await admin.post('/api/v1/directory/import', documentFromCsv(tables));
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json().updated).toEqual({
      taxonomy_terms: 0,
      organizations: 0,
      locations: 0,
      services: 0,
      service_at_locations: 0,
    });
    expect(await fingerprint(node)).toBe(before);
    expect((await inspector.get('/api/v1/directory/export.csv?table=persons')).statusCode).toBe(
      400,
    );
  });

  it('refuses a bad import as a whole, listing every problem with its path', async () => {
    const doc = (await inspector.get('/api/v1/directory/export')).json();
    const before = await fingerprint(node);
    const fresh = crypto.randomUUID();
    doc.organizations.push({ id: fresh, name: 'Would be new', description: '' });
    doc.services[0].taxonomy_term = 'teleportation';
    doc.services[1].id = doc.services[2].id;
    doc.services[3].minimum_age = 17;
    doc.services[3].maximum_age = 4;
    doc.locations[0].area_code = 'NPL-D-ATLANTIS';
    doc.service_at_locations[0].location_id = crypto.randomUUID();
    doc.organizations[0].email = 'nobody';
    const res = await admin.post('/api/v1/directory/import', doc);
    expect(res.statusCode).toBe(400);
    const problem = res.json();
    expect(problem.code).toBe('directory_import_invalid');
    expect(problem.title).toBe('The directory document has 6 problem(s); nothing was imported.');
    expect(
      problem.problems.map((p: { path: string; code: string }) => `${p.path} ${p.code}`).sort(),
    ).toEqual(
      [
        '/locations/0/area_code unknown_area',
        '/organizations/0/email invalid_email',
        '/service_at_locations/0/location_id unknown_location',
        '/services/0/taxonomy_term unknown_service_type',
        '/services/2/id duplicate_id',
        '/services/3/minimum_age age_range_invalid',
      ].sort(),
    );
    expect(await fingerprint(node)).toBe(before);

    const shape = await admin.post('/api/v1/directory/import', {
      services: [{ id: 5, name: '' }],
      organizations: [{ id: fresh, name: 'X', description: '', colour: 'red' }],
    });
    expect(shape.statusCode).toBe(400);
    const paths = shape.json().problems.map((p: { path: string }) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining(['/services/0/id', '/services/0/name', '/organizations/0/colour']),
    );
    const notJson = await admin.request('POST', '/api/v1/directory/import', '{"services": [', {
      'content-type': 'application/json',
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().code).toBe('malformed_json');
    expect(await fingerprint(node)).toBe(before);
  });

  it('exports and imports from the command line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pf-dir-'));
    const file = join(dir, 'directory.json');
    expect(await runDirectory(node.config, ['export', '--out', file])).toBe(0);
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    expect(doc.services.length).toBeGreaterThanOrEqual(9);
    expect(await runDirectory(node.config, ['import', file])).toBe(0);
    doc.services[0].taxonomy_term = 'nope';
    writeFileSync(file, JSON.stringify(doc));
    await expect(runDirectory(node.config, ['import', file])).rejects.toThrow(
      /1 problem\(s\), nothing imported:\n- \/services\/0\/taxonomy_term names an unknown service type \(nope\)/,
    );
    writeFileSync(join(dir, 'services.csv'), 'id,name\nnot-a-uuid,X\n');
    await expect(runDirectory(node.config, ['import', dir])).rejects.toThrow(/\/services\/0/);
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses anonymous callers on every directory route', async () => {
    const routes = node.app.pathfinderRoutes.filter((r) =>
      /^\/api\/v1\/(services|service-types|organizations|locations|hsds|directory)/.test(r.url),
    );
    expect(routes.length).toBeGreaterThanOrEqual(23);
    const anonymous = node.anonymous();
    for (const r of routes) {
      const url = r.url
        .replace(':id', PACK.transitShelter)
        .replace('export.csv', 'export.csv?table=services');
      const res = await anonymous.request(r.method, url, r.method === 'GET' ? undefined : {});
      expect(res.statusCode, `${r.method} ${url}`).toBe(401);
    }
  });
});
