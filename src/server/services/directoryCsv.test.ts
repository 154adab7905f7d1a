import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { directoryCsv, documentFromCsv } from './directoryCsv.ts';
import type { DirectoryDocument } from './directoryDocument.ts';

const doc: DirectoryDocument = {
  organizations: [
    {
      id: 'o1',
      name: 'NGO, "Border"',
      description: 'Two\nlines',
      email: null,
      website: null,
      agency_code: 'NGO',
    },
  ],
  services: [
    {
      id: 's1',
      organization_id: 'o1',
      name: 'Shelter',
      description: '',
      status: 'active',
      email: null,
      url: null,
      eligibility_description: null,
      minimum_age: 0,
      maximum_age: null,
      taxonomy_term: 'shelter',
      service_areas: ['NPL-D-BANKE', 'NPL-D-PARSA'],
      eligibility: { sexes: ['female'], languages: ['ne', 'hi'] },
    },
  ],
  locations: [
    {
      id: 'l1',
      organization_id: 'o1',
      location_type: 'physical',
      name: 'Nepalgunj',
      latitude: 28.05,
      longitude: 81.62,
      area_code: 'NPL-D-BANKE',
      addresses: [
        {
          address_1: 'Ward 4',
          city: 'Nepalgunj',
          state_province: null,
          postal_code: null,
          country: 'NP',
        },
      ],
    },
  ],
  service_at_locations: [{ id: 'x1', service_id: 's1', location_id: 'l1', description: '' }],
  taxonomy_terms: [
    {
      id: 't1',
      code: 'shelter',
      name: 'Shelter',
      names: { en: 'Shelter', ne: 'आश्रय' },
      description: '',
      taxonomy: 'Types',
      accept_hours: 2,
      first_service_hours: null,
      targets_source: 'demo',
    },
  ],
};

describe('directory CSV tables', () => {
  it('writes HSDS column names, lists with ";" and quoting where needed', () => {
    const services = parse(directoryCsv(doc, 'services'), { columns: true });
    expect(services).toEqual([
      expect.objectContaining({
        id: 's1',
        minimum_age: '0',
        maximum_age: '',
        service_areas: 'NPL-D-BANKE;NPL-D-PARSA',
        sexes: 'female',
        languages: 'ne;hi',
      }),
    ]);
    const orgs = parse(directoryCsv(doc, 'organizations'), { columns: true });
    expect(orgs[0]).toMatchObject({ name: 'NGO, "Border"', description: 'Two\nlines' });
  });

  it('reads every table back into the same document', () => {
    const tables = {
      organizations: directoryCsv(doc, 'organizations'),
      services: directoryCsv(doc, 'services'),
      locations: directoryCsv(doc, 'locations'),
      service_at_locations: directoryCsv(doc, 'service_at_locations'),
      taxonomy_terms: directoryCsv(doc, 'taxonomy_terms'),
    };
    expect(documentFromCsv(tables)).toEqual(doc);
  });

  it('keeps a cell that does not convert as text, for the document check to name', () => {
    const read = documentFromCsv({ services: 'id,minimum_age,sexes\ns1,ten,\n' }) as {
      services: Record<string, unknown>[];
    };
    expect(read.services[0]).toEqual({
      id: 's1',
      minimum_age: 'ten',
      eligibility: { sexes: [], languages: [] },
    });
  });
});
