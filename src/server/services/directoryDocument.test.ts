import { describe, expect, it } from 'vitest';
import {
  type DirectoryRefs,
  describeProblem,
  directoryProblems,
  isEmail,
  isUuid,
  isWebUrl,
} from './directoryDocument.ts';

const ORG = '1d0c0000-0000-4000-8000-000000000001';
const SERVICE = '5e7c0000-0000-4000-8000-000000000001';
const LOCATION = '10ca0000-0000-4000-8000-000000000001';

const refs = (over: Partial<DirectoryRefs> = {}): DirectoryRefs => ({
  agencyCodes: new Set(['NGO']),
  areaCodes: new Set(['NPL', 'NPL-D-BANKE']),
  termCodes: new Set(['shelter']),
  organizationIds: new Set(),
  serviceIds: new Set(),
  locationIds: new Set(),
  ...over,
});

const sound = () => ({
  organizations: [{ id: ORG, name: 'Shelter NGO', description: '', agency_code: 'NGO' }],
  services: [
    {
      id: SERVICE,
      organization_id: ORG,
      name: 'Shelter',
      status: 'active',
      minimum_age: 0,
      maximum_age: 17,
      taxonomy_term: 'shelter',
      service_areas: ['NPL-D-BANKE'],
      eligibility: { sexes: ['female'], languages: ['ne'] },
    },
  ],
  locations: [
    {
      id: LOCATION,
      organization_id: ORG,
      location_type: 'physical',
      name: 'Nepalgunj',
      area_code: 'NPL-D-BANKE',
      addresses: [{ city: 'Nepalgunj', country: 'NP' }],
    },
  ],
  service_at_locations: [
    {
      id: '5a100000-0000-4000-8000-000000000001',
      service_id: SERVICE,
      location_id: LOCATION,
    },
  ],
});

describe('directory document check', () => {
  it('accepts a sound document', () => {
    expect(directoryProblems(sound(), refs())).toEqual([]);
  });

  it('accepts references to records already on the node', () => {
    const doc = { services: [{ ...sound().services[0], organization_id: ORG }] };
    expect(directoryProblems(doc, refs({ organizationIds: new Set([ORG]) }))).toEqual([]);
    expect(directoryProblems(doc, refs())).toEqual([
      { path: '/services/0/organization_id', code: 'unknown_organization', value: ORG },
    ]);
  });

  it('reports every problem at once, each with its path', () => {
    const doc = sound();
    const [service, org, location] = [doc.services[0], doc.organizations[0], doc.locations[0]];
    if (!service || !org || !location) throw new Error('fixture');
    doc.services = [
      { ...service, minimum_age: 18, maximum_age: 3 },
      { ...service, taxonomy_term: 'teleport' },
    ];
    doc.organizations = [{ ...org, agency_code: 'ARMY' }];
    doc.locations = [{ ...location, area_code: 'MARS', id: 'L1' }];
    const problems = directoryProblems(doc, refs());
    expect(problems.map((p) => `${p.path} ${p.code}`)).toEqual([
      '/services/1/id duplicate_id',
      '/locations/0/id invalid_uuid',
      '/organizations/0/agency_code unknown_agency',
      '/services/0/minimum_age age_range_invalid',
      '/services/1/taxonomy_term unknown_service_type',
      '/locations/0/area_code unknown_area',
      '/service_at_locations/0/location_id unknown_location',
    ]);
    expect(problems.map(describeProblem)[0]).toBe(
      '/services/1/id repeats the id of (/services/0/id)',
    );
  });

  it('reports the shape first: wrong types, missing and unknown fields', () => {
    const problems = directoryProblems(
      {
        services: [{ id: 7, status: 'open' }],
        organizations: [{ id: ORG, name: 'x', description: '', colour: 1 }],
      },
      refs(),
    );
    const paths = problems.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/services/0',
        '/services/0/id',
        '/services/0/status',
        '/organizations/0/colour',
      ]),
    );
    expect(problems.find((p) => p.path === '/organizations/0/colour')?.code).toBe('unknown_field');
    expect(directoryProblems([], refs())).toEqual([{ path: '/', code: 'not_an_object' }]);
    expect(directoryProblems('text', refs())[0]?.code).toBe('not_an_object');
  });

  it('checks ids, emails and web addresses', () => {
    expect(isUuid(ORG)).toBe(true);
    expect(isUuid(ORG.toUpperCase())).toBe(false);
    expect(isUuid('1d0c0000-0000-4000-8000-00000000000')).toBe(false);
    expect(isEmail('desk@legal.example.org')).toBe(true);
    expect(isEmail('desk@localhost')).toBe(false);
    expect(isEmail('a b@c.d')).toBe(false);
    expect(isWebUrl('https://example.org/x')).toBe(true);
    expect(isWebUrl('http://example.org')).toBe(true);
    expect(isWebUrl('example.org')).toBe(false);
    expect(isWebUrl('javascript:alert(1)')).toBe(false);
    expect(isWebUrl('ftp://example.org')).toBe(false);
  });
});
