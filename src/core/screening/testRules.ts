import type { ChildLabourRules } from './childLabour.ts';

/**
 * The SDG 8.7.1 decision rule of docs/classification.md with C138-style
 * national ages, for tests (packs carry the real, sourced copies).
 */
export const TEST_CHILD_LABOUR_RULES: ChildLabourRules = {
  id: 'test',
  version: '1',
  sdg: {
    source: 'SDG 8.7.1 metadata (CHLDEA); UNICEF/MICS6 (CHLDEC)',
    bands: [
      {
        minAge: 5,
        maxAge: 11,
        economicActivity: { hours: 1, comparator: '>=' },
        householdChores: { hours: 21, comparator: '>' },
      },
      {
        minAge: 12,
        maxAge: 14,
        economicActivity: { hours: 14, comparator: '>=' },
        householdChores: { hours: 21, comparator: '>' },
      },
      {
        minAge: 15,
        maxAge: 17,
        economicActivity: { hours: 43, comparator: '>=' },
        householdChores: null,
      },
    ],
  },
  national: {
    minimumAge: 15,
    lightWork: { minAge: 13, maxHoursPerWeek: 14 },
    hazardousMinimumAge: 18,
    source: 'C138 Art. 2, 3, 7',
  },
  hazardousIndustries: [
    { code: '2392', source: 'national hazardous list: brick kilns' },
    { code: 'B', source: 'national hazardous list: mining and quarrying' },
  ],
  hazardousOccupations: [
    { code: '9313', source: 'national hazardous list: building construction labourers' },
  ],
  r190Source: 'ILO R190 para. 3',
  c182Source: 'ILO C182 Art. 3',
};
