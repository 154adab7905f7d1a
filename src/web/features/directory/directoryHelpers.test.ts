import { describe, expect, it } from 'vitest';
import { ageRange, typeName } from './directoryFormat.ts';
import type { Service } from './directoryTypes.ts';
import { draftProblems, serviceBody, serviceDraft, splitLanguages } from './serviceDraft.ts';
import {
  ageIsValid,
  NO_SERVICE_FILTERS,
  serviceFiltersFromSearch,
  serviceFiltersQuery,
} from './serviceFilters.ts';

describe('directory search filters', () => {
  it('round-trips through the query string, cleaning what the API cannot take', () => {
    const f = serviceFiltersFromSearch(
      new URLSearchParams('type=shelter&area=NPL-D-BANKE&age=07&x=1'),
    );
    expect(f).toEqual({ ...NO_SERVICE_FILTERS, type: 'shelter', area: 'NPL-D-BANKE', age: '07' });
    expect(serviceFiltersQuery({ ...f, q: '  night  ', language: ' NE ' })).toEqual({
      q: 'night',
      type: 'shelter',
      area: 'NPL-D-BANKE',
      age: '7',
      sex: '',
      language: 'ne',
      status: '',
    });
    expect(serviceFiltersQuery({ ...f, age: 'ten' }).age).toBe('');
    expect(ageIsValid(' 12 ')).toBe(true);
    expect(ageIsValid('twelve')).toBe(false);
  });
});

describe('service form draft', () => {
  const service: Service = {
    id: 's1',
    name: 'Shelter',
    description: '',
    status: 'active',
    email: null,
    url: null,
    eligibilityDescription: null,
    minimumAge: 0,
    maximumAge: 17,
    sexes: ['female'],
    languages: ['ne', 'hi'],
    type: 'shelter',
    organization: { id: 'o1', name: 'NGO' },
    agency: null,
    areaCodes: ['NPL-D-BANKE'],
    locations: [],
    version: 3,
    createdAt: '',
    lastModified: '',
  };

  it('starts from the service and gives back the same body', () => {
    const draft = serviceDraft(service);
    expect(draft).toMatchObject({ minimumAge: '0', maximumAge: '17', languages: 'ne, hi' });
    expect(draftProblems(draft)).toEqual([]);
    expect(serviceBody(draft)).toMatchObject({
      minimumAge: 0,
      maximumAge: 17,
      languages: ['ne', 'hi'],
      email: null,
      areaCodes: ['NPL-D-BANKE'],
    });
  });

  it('names what is missing or wrong', () => {
    expect(draftProblems(serviceDraft(null))).toEqual(['required', 'areas']);
    const d = serviceDraft(service);
    expect(draftProblems({ ...d, minimumAge: '18', maximumAge: '5' })).toEqual(['ageRange']);
    expect(draftProblems({ ...d, minimumAge: 'ten' })).toEqual(['age']);
    expect(draftProblems({ ...d, languages: 'Nepali' })).toEqual(['languages']);
    expect(splitLanguages('ne, HI;ne  en')).toEqual(['ne', 'hi', 'en']);
  });
});

describe('directory labels', () => {
  it('names types in the interface language and describes age ranges', () => {
    const types = [
      {
        id: 't',
        code: 'shelter',
        name: 'Shelter',
        names: { en: 'Shelter', fr: 'Hébergement' },
        description: '',
        taxonomy: '',
        acceptHours: 2,
        firstServiceHours: 24,
        targetsSource: null,
      },
    ];
    expect(typeName(types, 'shelter', 'fr')).toBe('Hébergement');
    expect(typeName(types, 'shelter', 'es')).toBe('Shelter');
    expect(typeName(null, 'shelter', 'es')).toBe('shelter');
    expect(ageRange(null, null)).toEqual({ key: 'any' });
    expect(ageRange(0, null)).toEqual({ key: 'any' });
    expect(ageRange(5, 17)).toEqual({ key: 'range', min: 5, max: 17 });
    expect(ageRange(16, null)).toEqual({ key: 'from', min: 16 });
    expect(ageRange(null, 17)).toEqual({ key: 'upTo', max: 17 });
  });
});
