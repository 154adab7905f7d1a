// Agency types (ARCHITECTURE.md §3): who a case may be referred to and what consent to share
// names. Labels live in the translation catalogues (ui.agencyTypes.*).
export const AGENCY_TYPES = [
  'labour_inspection',
  'child_protection',
  'police',
  'prosecutor',
  'ngo',
  'employers_org',
  'workers_org',
  'education',
  'health',
  'statistics_office',
  'other',
] as const;

export type AgencyType = (typeof AGENCY_TYPES)[number];
