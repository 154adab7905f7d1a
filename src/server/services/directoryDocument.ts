import { type Static, type TSchema, Type } from 'typebox';
import { Value } from 'typebox/value';

/**
 * The service directory as one JSON document in Open Referral HSDS 3.0 shape
 * (snake_case, UUID ids): what a country pack's `services/directory.json`
 * holds, what `GET /directory/export` returns and `POST /directory/import`
 * takes. Pathfinder extensions: `organization.agency_code` (the agency whose
 * queue receives referrals), `service.taxonomy_term` (a service-type code),
 * `service.service_areas` (area codes), `service.eligibility` (sexes and
 * languages) and `location.area_code`.
 */

export const SERVICE_STATUSES = ['active', 'inactive', 'defunct', 'temporarily closed'] as const;
export const LOCATION_TYPES = ['physical', 'postal', 'virtual'] as const;
export const SEXES = ['female', 'male', 'other'] as const;
/** The most records of each kind one document may carry. */
export const MAX_RECORDS = 20_000;

const Lit = <const T extends string[]>(values: readonly [...T]) => Type.Enum(values);
const Str = (max: number, min = 0) => Type.String({ maxLength: max, minLength: min });
const Maybe = <T extends TSchema>(t: T) => Type.Optional(Type.Union([t, Type.Null()]));
const Strict = { additionalProperties: false } as const;
const IdText = Str(64, 1);
const AreaCode = Str(64, 1);
const Age = Type.Integer({ minimum: 0, maximum: 130 });
const LanguageCode = Type.String({ pattern: '^[a-z]{2,3}$' });

export const DocOrganization = Type.Object(
  {
    id: IdText,
    name: Str(300, 1),
    description: Str(5000),
    email: Maybe(Str(200)),
    website: Maybe(Str(500)),
    agency_code: Maybe(Str(64, 1)),
  },
  Strict,
);

export const DocService = Type.Object(
  {
    id: IdText,
    organization_id: IdText,
    name: Str(300, 1),
    description: Type.Optional(Str(5000)),
    status: Lit(SERVICE_STATUSES),
    email: Maybe(Str(200)),
    url: Maybe(Str(500)),
    eligibility_description: Maybe(Str(5000)),
    minimum_age: Maybe(Age),
    maximum_age: Maybe(Age),
    taxonomy_term: Str(64, 1),
    service_areas: Type.Array(AreaCode, { maxItems: 2000 }),
    eligibility: Type.Optional(
      Type.Object(
        {
          sexes: Type.Optional(Type.Array(Lit(SEXES), { maxItems: 3 })),
          languages: Type.Optional(Type.Array(LanguageCode, { maxItems: 40 })),
        },
        Strict,
      ),
    ),
  },
  Strict,
);

export const DocAddress = Type.Object(
  {
    address_1: Maybe(Str(300)),
    city: Maybe(Str(200)),
    state_province: Maybe(Str(200)),
    postal_code: Maybe(Str(40)),
    country: Maybe(Type.String({ pattern: '^[A-Z]{2}$' })),
  },
  Strict,
);

export const DocLocation = Type.Object(
  {
    id: IdText,
    organization_id: IdText,
    location_type: Lit(LOCATION_TYPES),
    name: Str(300, 1),
    latitude: Maybe(Type.Number({ minimum: -90, maximum: 90 })),
    longitude: Maybe(Type.Number({ minimum: -180, maximum: 180 })),
    area_code: Maybe(AreaCode),
    addresses: Type.Optional(Type.Array(DocAddress, { maxItems: 1 })),
  },
  Strict,
);

export const DocServiceAtLocation = Type.Object(
  {
    id: IdText,
    service_id: IdText,
    location_id: IdText,
    description: Type.Optional(Str(2000)),
  },
  Strict,
);

export const DocTaxonomyTerm = Type.Object(
  {
    id: Type.Optional(IdText),
    code: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' }),
    name: Str(200, 1),
    names: Type.Optional(Type.Record(LanguageCode, Str(200, 1))),
    description: Type.Optional(Str(2000)),
    taxonomy: Type.Optional(Str(100, 1)),
    accept_hours: Maybe(Type.Integer({ minimum: 0, maximum: 8760 })),
    first_service_hours: Maybe(Type.Integer({ minimum: 0, maximum: 8760 })),
    targets_source: Maybe(Str(2000)),
  },
  Strict,
);

const List = <T extends TSchema>(item: T) =>
  Type.Optional(Type.Array(item, { maxItems: MAX_RECORDS }));

export const DirectoryDocument = Type.Object(
  {
    organizations: List(DocOrganization),
    services: List(DocService),
    locations: List(DocLocation),
    service_at_locations: List(DocServiceAtLocation),
    taxonomy_terms: List(DocTaxonomyTerm),
  },
  Strict,
);

export type DirectoryDocument = Static<typeof DirectoryDocument>;
export type DocOrganization = Static<typeof DocOrganization>;
export type DocService = Static<typeof DocService>;
export type DocLocation = Static<typeof DocLocation>;
export type DocServiceAtLocation = Static<typeof DocServiceAtLocation>;
export type DocTaxonomyTerm = Static<typeof DocTaxonomyTerm>;

/** One thing wrong with a document: where (a JSON pointer), what (a stable code), and the value at fault. */
export interface DocumentProblem {
  path: string;
  code: string;
  value?: string;
}

/** What a document may refer to outside itself (the node's data, or the rest of the pack). */
export interface DirectoryRefs {
  agencyCodes: ReadonlySet<string>;
  areaCodes: ReadonlySet<string>;
  termCodes: ReadonlySet<string>;
  organizationIds: ReadonlySet<string>;
  serviceIds: ReadonlySet<string>;
  locationIds: ReadonlySet<string>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const MAX_PROBLEMS = 1000;

/** True for a lower-case RFC 4122 UUID, the form of every HSDS 3.0 id. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** True for an address with one @ and a dot in its domain (what a referral email needs). */
export function isEmail(value: string): boolean {
  return EMAIL.test(value);
}

/** True for an absolute http(s) URL. */
export function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** Every problem of the document's shape (the TypeBox schema), with its path. */
export function documentShapeProblems(value: unknown): DocumentProblem[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return [{ path: '/', code: 'not_an_object' }];
  const problems: DocumentProblem[] = [];
  for (const error of Value.Errors(DirectoryDocument, value)) {
    // An unknown field is reported twice: on the object and on the field; keep the field.
    if (error.keyword === 'additionalProperties') continue;
    const path = error.instancePath || '/';
    // A union reports each branch; one problem per place is enough.
    if (problems.some((p) => p.path === path)) continue;
    if (error.schemaPath.endsWith('/additionalProperties'))
      problems.push({ path, code: 'unknown_field' });
    else problems.push({ path, code: 'invalid', value: error.message });
    if (problems.length >= MAX_PROBLEMS) break;
  }
  return problems;
}

/**
 * Checks a directory document completely: its shape, then ids (UUIDs, each
 * once), references (within the document or to `refs`), ages, emails and
 * URLs. Returns every problem found (at most 1000), none when it may be loaded.
 */
export function directoryProblems(value: unknown, refs: DirectoryRefs): DocumentProblem[] {
  const shape = documentShapeProblems(value);
  if (shape.length > 0) return shape;
  const doc = value as DirectoryDocument;
  const problems: DocumentProblem[] = [];
  const add = (path: string, code: string, found?: string | null) => {
    if (problems.length < MAX_PROBLEMS)
      problems.push(
        found === undefined || found === null ? { path, code } : { path, code, value: found },
      );
  };

  const ids = (list: { id?: string | undefined }[] | undefined, name: string): Set<string> => {
    const seen = new Map<string, number>();
    (list ?? []).forEach((item, i) => {
      if (item.id === undefined) return;
      if (!isUuid(item.id)) add(`/${name}/${i}/id`, 'invalid_uuid', item.id);
      const first = seen.get(item.id);
      if (first !== undefined) add(`/${name}/${i}/id`, 'duplicate_id', `/${name}/${first}/id`);
      else seen.set(item.id, i);
    });
    return new Set(seen.keys());
  };
  const orgIds = ids(doc.organizations, 'organizations');
  const serviceIds = ids(doc.services, 'services');
  const locationIds = ids(doc.locations, 'locations');
  ids(doc.service_at_locations, 'service_at_locations');
  ids(doc.taxonomy_terms, 'taxonomy_terms');
  const termCodes = new Set<string>();
  (doc.taxonomy_terms ?? []).forEach((t, i) => {
    if (termCodes.has(t.code)) add(`/taxonomy_terms/${i}/code`, 'duplicate_code', t.code);
    termCodes.add(t.code);
  });

  const orgKnown = (id: string) => orgIds.has(id) || refs.organizationIds.has(id);
  const contact = (
    path: string,
    email: string | null | undefined,
    url: string | null | undefined,
    urlField: string,
  ) => {
    if (email && !isEmail(email)) add(`${path}/email`, 'invalid_email', email);
    if (url && !isWebUrl(url)) add(`${path}/${urlField}`, 'invalid_url', url);
  };

  (doc.organizations ?? []).forEach((o, i) => {
    const path = `/organizations/${i}`;
    contact(path, o.email, o.website, 'website');
    if (o.agency_code && !refs.agencyCodes.has(o.agency_code))
      add(`${path}/agency_code`, 'unknown_agency', o.agency_code);
  });
  (doc.services ?? []).forEach((s, i) => {
    const path = `/services/${i}`;
    if (!orgKnown(s.organization_id))
      add(`${path}/organization_id`, 'unknown_organization', s.organization_id);
    if (!termCodes.has(s.taxonomy_term) && !refs.termCodes.has(s.taxonomy_term))
      add(`${path}/taxonomy_term`, 'unknown_service_type', s.taxonomy_term);
    s.service_areas.forEach((code, j) => {
      if (!refs.areaCodes.has(code)) add(`${path}/service_areas/${j}`, 'unknown_area', code);
    });
    if (
      s.minimum_age !== undefined &&
      s.minimum_age !== null &&
      s.maximum_age !== undefined &&
      s.maximum_age !== null &&
      s.minimum_age > s.maximum_age
    )
      add(`${path}/minimum_age`, 'age_range_invalid', `${s.minimum_age} > ${s.maximum_age}`);
    contact(path, s.email, s.url, 'url');
  });
  (doc.locations ?? []).forEach((l, i) => {
    const path = `/locations/${i}`;
    if (!orgKnown(l.organization_id))
      add(`${path}/organization_id`, 'unknown_organization', l.organization_id);
    if (l.area_code && !refs.areaCodes.has(l.area_code))
      add(`${path}/area_code`, 'unknown_area', l.area_code);
  });
  (doc.service_at_locations ?? []).forEach((sal, i) => {
    const path = `/service_at_locations/${i}`;
    if (!serviceIds.has(sal.service_id) && !refs.serviceIds.has(sal.service_id))
      add(`${path}/service_id`, 'unknown_service', sal.service_id);
    if (!locationIds.has(sal.location_id) && !refs.locationIds.has(sal.location_id))
      add(`${path}/location_id`, 'unknown_location', sal.location_id);
  });
  return problems;
}

const DESCRIPTIONS: Record<string, string> = {
  not_an_object: 'the document must be a JSON object',
  invalid: 'is not valid',
  unknown_field: 'is not a field of this record',
  invalid_uuid: 'is not a lower-case UUID',
  duplicate_id: 'repeats the id of',
  duplicate_code: 'repeats the code',
  unknown_organization: 'names an organization that does not exist',
  unknown_service: 'names a service that does not exist',
  unknown_location: 'names a location that does not exist',
  unknown_service_type: 'names an unknown service type',
  unknown_agency: 'names an unknown agency',
  unknown_area: 'names an unknown area',
  age_range_invalid: 'the minimum age is above the maximum age',
  invalid_email: 'is not an email address',
  invalid_url: 'is not an http(s) address',
};

/** A problem in English, for the console and pack errors: `/services/2/taxonomy_term names an unknown service type (sheltr)`. */
export function describeProblem(problem: DocumentProblem): string {
  const what = DESCRIPTIONS[problem.code] ?? problem.code;
  return `${problem.path} ${what}${problem.value === undefined ? '' : ` (${problem.value})`}`;
}

/** The ids and codes a document refers to, to look up outside it. */
export function documentReferences(doc: DirectoryDocument) {
  return {
    agencyCodes: [
      ...new Set((doc.organizations ?? []).flatMap((o) => (o.agency_code ? [o.agency_code] : []))),
    ],
    areaCodes: [
      ...new Set([
        ...(doc.services ?? []).flatMap((s) => s.service_areas),
        ...(doc.locations ?? []).flatMap((l) => (l.area_code ? [l.area_code] : [])),
      ]),
    ],
    termCodes: [...new Set((doc.services ?? []).map((s) => s.taxonomy_term))],
    organizationIds: [
      ...new Set([
        ...(doc.services ?? []).map((s) => s.organization_id),
        ...(doc.locations ?? []).map((l) => l.organization_id),
      ]),
    ],
    serviceIds: [...new Set((doc.service_at_locations ?? []).map((s) => s.service_id))],
    locationIds: [...new Set((doc.service_at_locations ?? []).map((s) => s.location_id))],
  };
}
