import { type Kysely, sql, type Transaction } from 'kysely';
import type { Ctx } from '../context.ts';
import { containsText } from '../db/like.ts';
import type { Database } from '../db/schema.ts';
import { notFound, ProblemError } from '../http/problem.ts';
import { actorOf, requireAny } from './access.ts';
import { areaWithAncestors } from './areas.ts';
import { isEmail, isWebUrl, type SERVICE_STATUSES, type SEXES } from './directoryDocument.ts';
import { joinLanguages, joinSexes, splitList, writeServiceAreas } from './directoryTransfer.ts';
import { decodeCursor, type Page, pageLimit, toPage } from './pagination.ts';
import { inTransaction, recordChanges } from './trail.ts';

type Db = Kysely<Database> | Transaction<Database>;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];
export type Sex = (typeof SEXES)[number];

export interface ServiceTypeView {
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

export interface ServiceLocationView {
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

export interface ServiceView {
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
  /** The agency that answers referrals to the service, with its type (what consent names). */
  agency: { id: string; code: string; name: string; type: string } | null;
  areaCodes: string[];
  locations: ServiceLocationView[];
  version: number;
  createdAt: string;
  lastModified: string;
}

export interface ServiceInput {
  organizationId: string;
  name: string;
  description?: string | undefined;
  status?: ServiceStatus | undefined;
  email?: string | null | undefined;
  url?: string | null | undefined;
  eligibilityDescription?: string | null | undefined;
  minimumAge?: number | null | undefined;
  maximumAge?: number | null | undefined;
  sexes?: Sex[] | undefined;
  languages?: string[] | undefined;
  type: string;
  areaCodes: string[];
  locationIds?: string[] | undefined;
}

export interface ServiceSearch {
  cursor?: string | undefined;
  limit?: string | undefined;
  q?: string | undefined;
  type?: string | undefined;
  area?: string | undefined;
  age?: string | undefined;
  sex?: string | undefined;
  language?: string | undefined;
  status?: string | undefined;
  organization?: string | undefined;
}

/** The protection-service types with their names in every language and their referral targets. */
export async function listServiceTypes(ctx: Ctx): Promise<ServiceTypeView[]> {
  const actor = actorOf(ctx);
  const rows = await ctx.deps.db.selectFrom('taxonomy_term').selectAll().orderBy('code').execute();
  return rows.map((t) => {
    const names = JSON.parse(t.names) as Record<string, string>;
    return {
      id: t.id,
      code: t.code,
      name: names[actor.language] ?? t.name,
      names,
      description: t.description,
      taxonomy: t.taxonomy,
      acceptHours: t.accept_hours,
      firstServiceHours: t.first_service_hours,
      targetsSource: t.targets_source,
    };
  });
}

/** Views of the given services, in the given order. */
export async function serviceViews(db: Db, ids: readonly string[]): Promise<ServiceView[]> {
  if (ids.length === 0) return [];
  const list = [...ids];
  const [rows, areas, links] = await Promise.all([
    db
      .selectFrom('service as s')
      .innerJoin('organization as o', 'o.id', 's.organization_id')
      .leftJoin('agency as a', 'a.id', 'o.agency_id')
      .innerJoin('taxonomy_term as t', 't.id', 's.taxonomy_term_id')
      .selectAll('s')
      .select([
        'o.name as organization_name',
        'a.id as agency_id',
        'a.code as agency_code',
        'a.name as agency_name',
        'a.type as agency_type',
        't.code as type_code',
      ])
      .where('s.id', 'in', list)
      .execute(),
    db
      .selectFrom('service_area')
      .select(['service_id', 'area_code'])
      .where('service_id', 'in', list)
      .orderBy('area_code')
      .execute(),
    db
      .selectFrom('service_at_location as sal')
      .innerJoin('location as l', 'l.id', 'sal.location_id')
      .select([
        'sal.id as link_id',
        'sal.service_id',
        'sal.description',
        'l.id',
        'l.name',
        'l.location_type',
        'l.area_code',
        'l.address_1',
        'l.city',
        'l.latitude',
        'l.longitude',
      ])
      .where('sal.service_id', 'in', list)
      .orderBy('l.name')
      .execute(),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return list.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    return [
      {
        id: r.id,
        name: r.name,
        description: r.description,
        status: r.status,
        email: r.email,
        url: r.url,
        eligibilityDescription: r.eligibility_description,
        minimumAge: r.minimum_age,
        maximumAge: r.maximum_age,
        sexes: splitList(r.sexes),
        languages: splitList(r.languages),
        type: r.type_code,
        organization: { id: r.organization_id, name: r.organization_name },
        agency:
          r.agency_id && r.agency_code && r.agency_name && r.agency_type
            ? { id: r.agency_id, code: r.agency_code, name: r.agency_name, type: r.agency_type }
            : null,
        areaCodes: areas.filter((a) => a.service_id === id).map((a) => a.area_code),
        locations: links
          .filter((l) => l.service_id === id)
          .map((l) => ({
            id: l.id,
            linkId: l.link_id,
            name: l.name,
            locationType: l.location_type,
            areaCode: l.area_code,
            address1: l.address_1,
            city: l.city,
            latitude: l.latitude,
            longitude: l.longitude,
            description: l.description,
          })),
        version: r.version,
        createdAt: r.created_at,
        lastModified: r.last_modified,
      },
    ];
  });
}

/** A comma-list column holds `value`, or is empty (no restriction). */
const listAccepts = (column: string, value: string) =>
  sql<boolean>`(${sql.ref(column)} = '' OR (',' || ${sql.ref(column)} || ',') LIKE ${`%,${value},%`})`;

/**
 * Finding a service for a referral: by type, area (the area or any area above
 * it), age, sex, language, status (active unless asked) and text. Any
 * signed-in user or token may search: the directory names no client, but
 * shelter addresses are not for the public.
 */
export async function searchServices(ctx: Ctx, query: ServiceSearch): Promise<Page<ServiceView>> {
  actorOf(ctx);
  const db = ctx.deps.db;
  const limit = pageLimit(query.limit);
  const after = decodeCursor(query.cursor, 2);
  let select = db
    .selectFrom('service as s')
    .innerJoin('organization as o', 'o.id', 's.organization_id')
    .select(['s.id', 's.name'])
    .orderBy('s.name')
    .orderBy('s.id')
    .limit(limit + 1);
  if (after) {
    const [name, id] = [String(after[0]), String(after[1])];
    select = select.where((eb) =>
      eb.or([eb('s.name', '>', name), eb.and([eb('s.name', '=', name), eb('s.id', '>', id)])]),
    );
  }
  const status = query.status ?? 'active';
  if (status !== 'any') select = select.where('s.status', '=', status);
  if (query.type) {
    const term = await db
      .selectFrom('taxonomy_term')
      .select('id')
      .where('code', '=', query.type)
      .executeTakeFirst();
    select = select.where('s.taxonomy_term_id', '=', term?.id ?? '');
  }
  if (query.area) {
    const codes = await areaWithAncestors(db, query.area);
    select = select.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('service_area as sa')
          .select('sa.service_id')
          .whereRef('sa.service_id', '=', 's.id')
          .where('sa.area_code', 'in', codes),
      ),
    );
  }
  if (query.age !== undefined) {
    const age = Number(query.age);
    select = select
      .where((eb) => eb.or([eb('s.minimum_age', 'is', null), eb('s.minimum_age', '<=', age)]))
      .where((eb) => eb.or([eb('s.maximum_age', 'is', null), eb('s.maximum_age', '>=', age)]));
  }
  if (query.organization) select = select.where('s.organization_id', '=', query.organization);
  if (query.sex) select = select.where(listAccepts('s.sexes', query.sex));
  if (query.language) select = select.where(listAccepts('s.languages', query.language));
  if (query.q) select = select.where(containsText(['s.name', 's.description', 'o.name'], query.q));
  const page = toPage(
    await select.execute(),
    limit,
    (r) => r.id,
    (r) => [r.name, r.id],
  );
  return { items: await serviceViews(db, page.items), nextCursor: page.nextCursor };
}

export async function getService(ctx: Ctx, id: string): Promise<ServiceView> {
  actorOf(ctx);
  const [view] = await serviceViews(ctx.deps.db, [id]);
  if (!view) throw notFound('service');
  return view;
}

/** Refuses an email or web address a referral could not use. */
export function checkContact(email?: string | null, url?: string | null): void {
  if (email && !isEmail(email)) throw new ProblemError(400, 'invalid_email', { value: email });
  if (url && !isWebUrl(url)) throw new ProblemError(400, 'invalid_url', { value: url });
}

function checkAges(min: number | null | undefined, max: number | null | undefined): void {
  if (min !== null && min !== undefined && max !== null && max !== undefined && min > max)
    throw new ProblemError(400, 'age_range_invalid', { min, max });
}

/** Every code that `table` lacks, or 400 with the first one. */
async function checkCodes(
  trx: Db,
  table: 'area',
  codes: readonly string[],
  code: string,
): Promise<void> {
  if (codes.length === 0) return;
  const unique = [...new Set(codes)];
  const found = new Set(
    (await trx.selectFrom(table).select('code').where('code', 'in', unique).execute()).map(
      (r) => r.code,
    ),
  );
  const missing = unique.find((c) => !found.has(c));
  if (missing) throw new ProblemError(400, code, { code: missing });
}

async function termId(trx: Db, code: string): Promise<string> {
  const term = await trx
    .selectFrom('taxonomy_term')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirst();
  if (!term) throw new ProblemError(400, 'unknown_service_type', { code });
  return term.id;
}

async function checkOrganization(trx: Db, id: string): Promise<void> {
  const org = await trx
    .selectFrom('organization')
    .select('id')
    .where('id', '=', id)
    .executeTakeFirst();
  if (!org) throw new ProblemError(400, 'unknown_organization');
}

/** Links the service to exactly these locations, keeping the links that stay. */
async function writeLocations(
  trx: Transaction<Database>,
  serviceId: string,
  locationIds: readonly string[],
): Promise<void> {
  const wanted = [...new Set(locationIds)];
  if (wanted.length) {
    const found = new Set(
      (await trx.selectFrom('location').select('id').where('id', 'in', wanted).execute()).map(
        (r) => r.id,
      ),
    );
    const missing = wanted.find((id) => !found.has(id));
    if (missing) throw new ProblemError(400, 'unknown_location', { id: missing });
  }
  const current = await trx
    .selectFrom('service_at_location')
    .select(['id', 'location_id'])
    .where('service_id', '=', serviceId)
    .execute();
  const gone = current.filter((c) => !wanted.includes(c.location_id)).map((c) => c.id);
  if (gone.length) await trx.deleteFrom('service_at_location').where('id', 'in', gone).execute();
  const added = wanted.filter((id) => !current.some((c) => c.location_id === id));
  if (added.length)
    await trx
      .insertInto('service_at_location')
      .values(
        added.map((location_id) => ({
          id: crypto.randomUUID(),
          service_id: serviceId,
          location_id,
          description: '',
        })),
      )
      .execute();
}

export async function createService(ctx: Ctx, input: ServiceInput): Promise<ServiceView> {
  await requireAny(ctx, 'service:write:all');
  checkAges(input.minimumAge, input.maximumAge);
  checkContact(input.email, input.url);
  const id = crypto.randomUUID();
  const now = ctx.deps.clock.now().toISOString();
  await inTransaction(
    ctx,
    { action: 'service.create', entity: 'service', entityIds: [id] },
    async (trx) => {
      await checkOrganization(trx, input.organizationId);
      const term = await termId(trx, input.type);
      await checkCodes(trx, 'area', input.areaCodes, 'unknown_area');
      await trx
        .insertInto('service')
        .values({
          id,
          organization_id: input.organizationId,
          name: input.name,
          description: input.description ?? '',
          status: input.status ?? 'active',
          email: input.email ?? null,
          url: input.url ?? null,
          eligibility_description: input.eligibilityDescription ?? null,
          minimum_age: input.minimumAge ?? null,
          maximum_age: input.maximumAge ?? null,
          sexes: joinSexes(input.sexes),
          languages: joinLanguages(input.languages),
          taxonomy_term_id: term,
          version: 1,
          created_at: now,
          last_modified: now,
        })
        .execute();
      await writeServiceAreas(trx, id, input.areaCodes);
      if (input.locationIds) await writeLocations(trx, id, input.locationIds);
      await recordChanges(ctx, trx, [{ entity: 'service', entityId: id, version: 1 }]);
    },
  );
  return getService(ctx, id);
}

/** Changes a service; deactivating is a status change (services are never deleted: referrals name them). */
export async function updateService(
  ctx: Ctx,
  id: string,
  input: Partial<ServiceInput> & { version: number },
): Promise<ServiceView> {
  await requireAny(ctx, 'service:write:all');
  checkContact(input.email, input.url);
  await inTransaction(
    ctx,
    {
      action: 'service.update',
      entity: 'service',
      entityIds: [id],
      details: input.status ? { status: input.status } : undefined,
    },
    async (trx) => {
      const current = await trx
        .selectFrom('service')
        .select(['version', 'minimum_age', 'maximum_age'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!current) throw notFound('service');
      if (current.version !== input.version)
        throw new ProblemError(409, 'version_conflict', {}, { currentVersion: current.version });
      checkAges(
        input.minimumAge === undefined ? current.minimum_age : input.minimumAge,
        input.maximumAge === undefined ? current.maximum_age : input.maximumAge,
      );
      if (input.organizationId) await checkOrganization(trx, input.organizationId);
      const term = input.type ? await termId(trx, input.type) : undefined;
      if (input.areaCodes) await checkCodes(trx, 'area', input.areaCodes, 'unknown_area');
      const version = current.version + 1;
      await trx
        .updateTable('service')
        .set({
          ...(input.organizationId !== undefined && { organization_id: input.organizationId }),
          ...(input.name !== undefined && { name: input.name }),
          ...(input.description !== undefined && { description: input.description }),
          ...(input.status !== undefined && { status: input.status }),
          ...(input.email !== undefined && { email: input.email }),
          ...(input.url !== undefined && { url: input.url }),
          ...(input.eligibilityDescription !== undefined && {
            eligibility_description: input.eligibilityDescription,
          }),
          ...(input.minimumAge !== undefined && { minimum_age: input.minimumAge }),
          ...(input.maximumAge !== undefined && { maximum_age: input.maximumAge }),
          ...(input.sexes !== undefined && { sexes: joinSexes(input.sexes) }),
          ...(input.languages !== undefined && { languages: joinLanguages(input.languages) }),
          ...(term !== undefined && { taxonomy_term_id: term }),
          version,
          last_modified: ctx.deps.clock.now().toISOString(),
        })
        .where('id', '=', id)
        .execute();
      if (input.areaCodes) await writeServiceAreas(trx, id, input.areaCodes);
      if (input.locationIds) await writeLocations(trx, id, input.locationIds);
      await recordChanges(ctx, trx, [{ entity: 'service', entityId: id, version }]);
    },
  );
  return getService(ctx, id);
}
