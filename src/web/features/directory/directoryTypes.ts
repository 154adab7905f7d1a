/** The directory API's JSON (see /api/v1/openapi.json, tag "directory"). */

export const SERVICE_STATUSES = ['active', 'inactive', 'defunct', 'temporarily closed'] as const;
export const SEXES = ['female', 'male', 'other'] as const;
export const CSV_TABLES = [
  'organizations',
  'services',
  'locations',
  'service_at_locations',
  'taxonomy_terms',
] as const;

export interface ServiceType {
  id: string;
  code: string;
  name: string;
  names: Record<string, string>;
  description: string;
  taxonomy: string;
  acceptHours: number | null;
  firstServiceHours: number | null;
  targetsSource: string | null;
}

export interface AgencyRef {
  id: string;
  code: string;
  name: string;
}

export interface ServiceLocation {
  id: string;
  linkId: string;
  name: string;
  locationType: string;
  areaCode: string | null;
  address1: string | null;
  city: string | null;
  latitude: number | null;
  longitude: number | null;
  description: string;
}

export interface Service {
  id: string;
  name: string;
  description: string;
  status: string;
  email: string | null;
  url: string | null;
  eligibilityDescription: string | null;
  minimumAge: number | null;
  maximumAge: number | null;
  sexes: string[];
  languages: string[];
  type: string;
  organization: { id: string; name: string };
  agency: AgencyRef | null;
  areaCodes: string[];
  locations: ServiceLocation[];
  version: number;
  createdAt: string;
  lastModified: string;
}

export interface Organization {
  id: string;
  name: string;
  description: string;
  email: string | null;
  website: string | null;
  agency: AgencyRef | null;
  serviceCount: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Location {
  id: string;
  organizationId: string;
  organizationName: string;
  locationType: string;
  name: string;
  latitude: number | null;
  longitude: number | null;
  areaCode: string | null;
  address1: string | null;
  city: string | null;
  stateProvince: string | null;
  postalCode: string | null;
  country: string | null;
  version: number;
}

type Tally = Record<(typeof CSV_TABLES)[number], number>;
export interface ImportResult {
  created: Tally;
  updated: Tally;
  unchanged: Tally;
}

/** One thing wrong with an imported document, as the server lists it. */
export interface ImportProblem {
  path: string;
  code: string;
  value?: string;
}
