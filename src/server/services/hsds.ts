import type { Kysely, Transaction } from 'kysely';
import type { Ctx } from '../context.ts';
import { containsText } from '../db/like.ts';
import type { Database, LocationTable, OrganizationTable, ServiceTable } from '../db/schema.ts';
import { notFound, ProblemError } from '../http/problem.ts';
import { actorOf } from './access.ts';
import { derivedUuid } from './derivedUuid.ts';
import { SEXES } from './directoryDocument.ts';
import { splitList } from './directoryTransfer.ts';
import { MAX_LIMIT } from './pagination.ts';

/**
 * The directory read through the Open Referral HSDS 3.0 API
 * (schema/openapi.json of openreferral/specification, branch 3.0): field names
 * as the standard has them, pages as `{total_items, total_pages, page_number,
 * size, first_page, last_page, empty, contents}`. Records without an id of
 * their own here (service areas, addresses, languages, attributes) get a
 * stable derived UUID. Who a service takes (sexes) becomes attributes in a
 * small "Pathfinder eligibility: sex" taxonomy.
 */

type Db = Kysely<Database> | Transaction<Database>;
type Row<T> = { [K in keyof T]: T[K] };

export const HSDS_VERSION = '3.0.0';
/**
 * HSDS 3.0 defines no URI for "no profile"; the Profiles reference names the
 * schema directory below as the canonical definition of HSDS 3.0 itself.
 */
export const HSDS_PROFILE = 'https://github.com/openreferral/specification/tree/3.0/schema';

const SEX_TAXONOMY = 'Pathfinder eligibility: sex';
const SEX_NAMES: Record<string, string> = { female: 'Female', male: 'Male', other: 'Other' };
const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });

export interface HsdsPage<T> {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
}

export interface PageParams {
  page?: string | undefined;
  per_page?: string | undefined;
}

/** Page number and size from the query (1-based; at most 200 a page). */
export function hsdsPaging(query: PageParams): { page: number; perPage: number } {
  const page = query.page === undefined ? 1 : Number(query.page);
  const perPage = query.per_page === undefined ? 50 : Number(query.per_page);
  if (!Number.isInteger(page) || page < 1)
    throw new ProblemError(400, 'invalid_query', { field: 'page' });
  if (!Number.isInteger(perPage) || perPage < 1)
    throw new ProblemError(400, 'invalid_query', { field: 'per_page' });
  return { page, perPage: Math.min(perPage, MAX_LIMIT) };
}

/** The HSDS page envelope around one page of `contents` out of `total`. */
export function hsdsPage<T>(
  total: number,
  paging: { page: number; perPage: number },
  contents: T[],
): HsdsPage<T> {
  const pages = Math.ceil(total / paging.perPage);
  return {
    total_items: total,
    total_pages: pages,
    page_number: paging.page,
    size: contents.length,
    first_page: paging.page === 1,
    last_page: paging.page >= pages,
    empty: contents.length === 0,
    contents,
  };
}

const taxonomyId = (name: string) => derivedUuid('taxonomy', name);
const sexTermId = (sex: string) => derivedUuid('taxonomy_term', 'sex', sex);

function sexTerm(sex: string) {
  return {
    id: sexTermId(sex),
    code: sex,
    name: SEX_NAMES[sex] ?? sex,
    description: `The service accepts people of sex "${sex}".`,
    parent_id: null,
    taxonomy: SEX_TAXONOMY,
    taxonomy_id: taxonomyId(SEX_TAXONOMY),
    term_uri: null,
  };
}

type TermRow = { id: string; code: string; name: string; description: string; taxonomy: string };
function termOut(t: TermRow) {
  return {
    id: t.id,
    code: t.code,
    name: t.name,
    description: t.description,
    parent_id: null,
    taxonomy: t.taxonomy,
    taxonomy_id: taxonomyId(t.taxonomy),
    term_uri: null,
  };
}

function organizationOut(o: Row<OrganizationTable>) {
  return {
    id: o.id,
    name: o.name,
    description: o.description,
    email: o.email,
    website: o.website,
  };
}

function serviceOut(s: Row<ServiceTable>) {
  return {
    id: s.id,
    organization_id: s.organization_id,
    name: s.name,
    description: s.description,
    url: s.url,
    email: s.email,
    status: s.status,
    eligibility_description: s.eligibility_description,
    minimum_age: s.minimum_age,
    maximum_age: s.maximum_age,
    last_modified: s.last_modified,
  };
}

function locationOut(l: Row<LocationTable>) {
  const hasAddress = Boolean(l.address_1 || l.city || l.state_province || l.postal_code);
  return {
    id: l.id,
    organization_id: l.organization_id,
    location_type: l.location_type,
    name: l.name,
    latitude: l.latitude,
    longitude: l.longitude,
    addresses: hasAddress
      ? [
          {
            id: derivedUuid('address', l.id),
            location_id: l.id,
            address_1: l.address_1 ?? '',
            city: l.city ?? '',
            state_province: l.state_province ?? '',
            postal_code: l.postal_code ?? '',
            country: l.country ?? '',
            address_type: l.location_type === 'postal' ? 'postal' : 'physical',
          },
        ]
      : [],
  };
}

/** Fully nested services: organization, areas, locations with addresses, languages, attributes. */
async function nestedServices(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const list = [...ids];
  const services = await db.selectFrom('service').selectAll().where('id', 'in', list).execute();
  if (services.length === 0) return [];
  const orgIds = [...new Set(services.map((s) => s.organization_id))];
  const [orgs, terms, areas, links] = await Promise.all([
    db.selectFrom('organization').selectAll().where('id', 'in', orgIds).execute(),
    db
      .selectFrom('taxonomy_term')
      .select(['id', 'code', 'name', 'description', 'taxonomy'])
      .where('id', 'in', [...new Set(services.map((s) => s.taxonomy_term_id))])
      .execute(),
    db
      .selectFrom('service_area as sa')
      .innerJoin('area as a', 'a.code', 'sa.area_code')
      .select(['sa.service_id', 'sa.area_code', 'a.default_name'])
      .where('sa.service_id', 'in', list)
      .orderBy('sa.area_code')
      .execute(),
    db
      .selectFrom('service_at_location')
      .selectAll()
      .where('service_id', 'in', list)
      .orderBy('id')
      .execute(),
  ]);
  const locations = links.length
    ? await db
        .selectFrom('location')
        .selectAll()
        .where('id', 'in', [...new Set(links.map((l) => l.location_id))])
        .execute()
    : [];
  const orgById = new Map(orgs.map((o) => [o.id, o]));
  const termById = new Map(terms.map((t) => [t.id, t]));
  const locationById = new Map(locations.map((l) => [l.id, l]));
  const byId = new Map(services.map((s) => [s.id, s]));
  return list.flatMap((id) => {
    const s = byId.get(id);
    const org = s && orgById.get(s.organization_id);
    const term = s && termById.get(s.taxonomy_term_id);
    if (!s || !org || !term) return [];
    return [
      {
        ...serviceOut(s),
        organization: organizationOut(org),
        service_areas: areas
          .filter((a) => a.service_id === id)
          .map((a) => ({
            id: derivedUuid('service_area', id, a.area_code),
            service_id: id,
            name: a.default_name,
            description: null,
            extent: null,
            extent_type: null,
            uri: `urn:pathfinder:area:${a.area_code}`,
          })),
        service_at_locations: links
          .filter((l) => l.service_id === id)
          .flatMap((l) => {
            const location = locationById.get(l.location_id);
            return location
              ? [
                  {
                    id: l.id,
                    service_id: id,
                    location_id: l.location_id,
                    description: l.description,
                    location: locationOut(location),
                  },
                ]
              : [];
          }),
        languages: splitList(s.languages).map((code) => ({
          id: derivedUuid('language', id, code),
          service_id: id,
          name: LANGUAGE_NAMES.of(code) ?? code,
          code,
        })),
        attributes: [
          {
            id: derivedUuid('attribute', id, term.id),
            link_id: id,
            link_type: 'service_type',
            link_entity: 'service',
            taxonomy_term_id: term.id,
            value: null,
            taxonomy_term: termOut(term),
          },
          ...splitList(s.sexes).map((sex) => ({
            id: derivedUuid('attribute', id, sexTermId(sex)),
            link_id: id,
            link_type: 'eligibility',
            link_entity: 'service',
            taxonomy_term_id: sexTermId(sex),
            value: sex,
            taxonomy_term: sexTerm(sex),
          })),
        ],
        phones: [],
        schedules: [],
        contacts: [],
        funding: [],
        cost_options: [],
        required_documents: [],
      },
    ];
  });
}

async function count(query: { executeTakeFirstOrThrow(): Promise<{ n: number | string }> }) {
  return Number((await query.executeTakeFirstOrThrow()).n);
}

/** `/`: any signed-in user or token may read what this API is. */
export function hsdsRootAllowed(ctx: Ctx): void {
  actorOf(ctx);
}

/** `/services`: one page of services (flat, or fully nested with `full=true`). */
export async function listHsdsServices(
  ctx: Ctx,
  query: PageParams & {
    search?: string | undefined;
    taxonomy_term_id?: string | undefined;
    organization_id?: string | undefined;
    full?: string | undefined;
  },
) {
  actorOf(ctx);
  const db = ctx.deps.db;
  const paging = hsdsPaging(query);
  let base = db.selectFrom('service');
  if (query.search) base = base.where(containsText(['name', 'description'], query.search));
  if (query.taxonomy_term_id) base = base.where('taxonomy_term_id', '=', query.taxonomy_term_id);
  if (query.organization_id) base = base.where('organization_id', '=', query.organization_id);
  const total = await count(base.select((eb) => eb.fn.countAll<number>().as('n')));
  const rows = await base
    .selectAll()
    .orderBy('name')
    .orderBy('id')
    .limit(paging.perPage)
    .offset((paging.page - 1) * paging.perPage)
    .execute();
  const contents =
    query.full === 'true'
      ? await nestedServices(
          db,
          rows.map((r) => r.id),
        )
      : rows.map(serviceOut);
  return hsdsPage(total, paging, contents);
}

/** `/services/{id}`: the fully nested service (required by HSDS). */
export async function getHsdsService(ctx: Ctx, id: string) {
  actorOf(ctx);
  const [service] = await nestedServices(ctx.deps.db, [id]);
  if (!service) throw notFound('service');
  return service;
}

/** `/organizations`: one page of organizations (flat). */
export async function listHsdsOrganizations(
  ctx: Ctx,
  query: PageParams & { search?: string | undefined },
) {
  actorOf(ctx);
  const paging = hsdsPaging(query);
  let base = ctx.deps.db.selectFrom('organization');
  if (query.search) base = base.where(containsText(['name', 'description'], query.search));
  const total = await count(base.select((eb) => eb.fn.countAll<number>().as('n')));
  const rows = await base
    .selectAll()
    .orderBy('name')
    .orderBy('id')
    .limit(paging.perPage)
    .offset((paging.page - 1) * paging.perPage)
    .execute();
  return hsdsPage(total, paging, rows.map(organizationOut));
}

/** `/organizations/{id}`: the organization with its services and locations. */
export async function getHsdsOrganization(ctx: Ctx, id: string) {
  actorOf(ctx);
  const db = ctx.deps.db;
  const org = await db
    .selectFrom('organization')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!org) throw notFound('organization');
  const [services, locations] = await Promise.all([
    db
      .selectFrom('service')
      .selectAll()
      .where('organization_id', '=', id)
      .orderBy('name')
      .execute(),
    db
      .selectFrom('location')
      .selectAll()
      .where('organization_id', '=', id)
      .orderBy('name')
      .execute(),
  ]);
  return {
    ...organizationOut(org),
    services: services.map(serviceOut),
    locations: locations.map(locationOut),
  };
}

/** `/service_at_locations`: one page of the links between services and locations. */
export async function listHsdsServiceAtLocations(ctx: Ctx, query: PageParams) {
  actorOf(ctx);
  const paging = hsdsPaging(query);
  const base = ctx.deps.db.selectFrom('service_at_location');
  const total = await count(base.select((eb) => eb.fn.countAll<number>().as('n')));
  const rows = await base
    .selectAll()
    .orderBy('id')
    .limit(paging.perPage)
    .offset((paging.page - 1) * paging.perPage)
    .execute();
  return hsdsPage(
    total,
    paging,
    rows.map((r) => ({
      id: r.id,
      service_id: r.service_id,
      location_id: r.location_id,
      description: r.description,
    })),
  );
}

async function allTerms(db: Db) {
  const rows = await db
    .selectFrom('taxonomy_term')
    .select(['id', 'code', 'name', 'description', 'taxonomy'])
    .orderBy('code')
    .execute();
  return [...rows.map(termOut), ...SEXES.map(sexTerm)];
}

/** `/taxonomies`: the service-type taxonomies and the eligibility one. */
export async function listHsdsTaxonomies(ctx: Ctx, query: PageParams) {
  actorOf(ctx);
  const paging = hsdsPaging(query);
  const names = [...new Set((await allTerms(ctx.deps.db)).map((t) => t.taxonomy))].sort();
  const all = names.map((name) => ({
    id: taxonomyId(name),
    name,
    description:
      name === SEX_TAXONOMY
        ? 'Who a service takes, by sex (Pathfinder extension).'
        : `Service types of this Pathfinder node (${name}).`,
    uri: null,
    version: null,
  }));
  const start = (paging.page - 1) * paging.perPage;
  return hsdsPage(all.length, paging, all.slice(start, start + paging.perPage));
}

/** `/taxonomy_terms`: every term, optionally of one taxonomy. */
export async function listHsdsTaxonomyTerms(
  ctx: Ctx,
  query: PageParams & { taxonomy_id?: string | undefined; search?: string | undefined },
) {
  actorOf(ctx);
  const paging = hsdsPaging(query);
  const search = query.search?.toLowerCase();
  const all = (await allTerms(ctx.deps.db)).filter(
    (t) =>
      (!query.taxonomy_id || t.taxonomy_id === query.taxonomy_id) &&
      (!search || `${t.code} ${t.name}`.toLowerCase().includes(search)),
  );
  const start = (paging.page - 1) * paging.perPage;
  return hsdsPage(all.length, paging, all.slice(start, start + paging.perPage));
}
