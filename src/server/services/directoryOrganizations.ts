import type { Kysely, Transaction } from 'kysely';
import type { Ctx } from '../context.ts';
import { containsText } from '../db/like.ts';
import type { Database } from '../db/schema.ts';
import { notFound, ProblemError } from '../http/problem.ts';
import { actorOf, requireAny } from './access.ts';
import { checkContact } from './directory.ts';
import type { LOCATION_TYPES } from './directoryDocument.ts';
import { decodeCursor, type Page, pageLimit, toPage } from './pagination.ts';
import { inTransaction, recordChanges } from './trail.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface OrganizationView {
  id: string;
  name: string;
  description: string;
  email: string | null;
  website: string | null;
  agency: { id: string; code: string; name: string } | null;
  serviceCount: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface OrganizationInput {
  name: string;
  description?: string | undefined;
  email?: string | null | undefined;
  website?: string | null | undefined;
  agencyId?: string | null | undefined;
}

export interface LocationView {
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

export interface LocationInput {
  organizationId: string;
  locationType?: (typeof LOCATION_TYPES)[number] | undefined;
  name: string;
  latitude?: number | null | undefined;
  longitude?: number | null | undefined;
  areaCode?: string | null | undefined;
  address1?: string | null | undefined;
  city?: string | null | undefined;
  stateProvince?: string | null | undefined;
  postalCode?: string | null | undefined;
  country?: string | null | undefined;
}

type ListQuery = {
  cursor?: string | undefined;
  limit?: string | undefined;
  q?: string | undefined;
};

async function organizationViews(db: Db, ids: readonly string[]): Promise<OrganizationView[]> {
  if (ids.length === 0) return [];
  const list = [...ids];
  const [rows, counts] = await Promise.all([
    db
      .selectFrom('organization as o')
      .leftJoin('agency as a', 'a.id', 'o.agency_id')
      .selectAll('o')
      .select(['a.code as agency_code', 'a.name as agency_name'])
      .where('o.id', 'in', list)
      .execute(),
    db
      .selectFrom('service')
      .select(['organization_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('organization_id', 'in', list)
      .groupBy('organization_id')
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
        email: r.email,
        website: r.website,
        agency:
          r.agency_id && r.agency_code && r.agency_name
            ? { id: r.agency_id, code: r.agency_code, name: r.agency_name }
            : null,
        serviceCount: Number(counts.find((c) => c.organization_id === id)?.n ?? 0),
        version: r.version,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
      },
    ];
  });
}

/** The organisations providing services, by name; any signed-in user. */
export async function listOrganizations(
  ctx: Ctx,
  query: ListQuery & { agency?: string | undefined },
): Promise<Page<OrganizationView>> {
  actorOf(ctx);
  const limit = pageLimit(query.limit);
  const after = decodeCursor(query.cursor, 2);
  let select = ctx.deps.db
    .selectFrom('organization')
    .select(['id', 'name'])
    .orderBy('name')
    .orderBy('id')
    .limit(limit + 1);
  if (after) {
    const [name, id] = [String(after[0]), String(after[1])];
    select = select.where((eb) =>
      eb.or([eb('name', '>', name), eb.and([eb('name', '=', name), eb('id', '>', id)])]),
    );
  }
  if (query.agency) select = select.where('agency_id', '=', query.agency);
  if (query.q) select = select.where(containsText(['name', 'description'], query.q));
  const page = toPage(
    await select.execute(),
    limit,
    (r) => r.id,
    (r) => [r.name, r.id],
  );
  return { items: await organizationViews(ctx.deps.db, page.items), nextCursor: page.nextCursor };
}

export async function getOrganization(ctx: Ctx, id: string): Promise<OrganizationView> {
  actorOf(ctx);
  const [view] = await organizationViews(ctx.deps.db, [id]);
  if (!view) throw notFound('organization');
  return view;
}

async function checkAgency(trx: Db, agencyId: string | null | undefined): Promise<void> {
  if (!agencyId) return;
  const agency = await trx
    .selectFrom('agency')
    .select('id')
    .where('id', '=', agencyId)
    .executeTakeFirst();
  if (!agency) throw new ProblemError(400, 'unknown_agency');
}

export async function createOrganization(
  ctx: Ctx,
  input: OrganizationInput,
): Promise<OrganizationView> {
  await requireAny(ctx, 'service:write:all');
  checkContact(input.email, input.website);
  const id = crypto.randomUUID();
  const now = ctx.deps.clock.now().toISOString();
  await inTransaction(
    ctx,
    { action: 'organization.create', entity: 'organization', entityIds: [id] },
    async (trx) => {
      await checkAgency(trx, input.agencyId);
      await trx
        .insertInto('organization')
        .values({
          id,
          name: input.name,
          description: input.description ?? '',
          email: input.email ?? null,
          website: input.website ?? null,
          agency_id: input.agencyId ?? null,
          version: 1,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await recordChanges(ctx, trx, [{ entity: 'organization', entityId: id, version: 1 }]);
    },
  );
  return getOrganization(ctx, id);
}

export async function updateOrganization(
  ctx: Ctx,
  id: string,
  input: Partial<OrganizationInput> & { version: number },
): Promise<OrganizationView> {
  await requireAny(ctx, 'service:write:all');
  checkContact(input.email, input.website);
  await inTransaction(
    ctx,
    { action: 'organization.update', entity: 'organization', entityIds: [id] },
    async (trx) => {
      const current = await trx
        .selectFrom('organization')
        .select('version')
        .where('id', '=', id)
        .executeTakeFirst();
      if (!current) throw notFound('organization');
      if (current.version !== input.version)
        throw new ProblemError(409, 'version_conflict', {}, { currentVersion: current.version });
      await checkAgency(trx, input.agencyId);
      const version = current.version + 1;
      await trx
        .updateTable('organization')
        .set({
          ...(input.name !== undefined && { name: input.name }),
          ...(input.description !== undefined && { description: input.description }),
          ...(input.email !== undefined && { email: input.email }),
          ...(input.website !== undefined && { website: input.website }),
          ...(input.agencyId !== undefined && { agency_id: input.agencyId }),
          version,
          updated_at: ctx.deps.clock.now().toISOString(),
        })
        .where('id', '=', id)
        .execute();
      await recordChanges(ctx, trx, [{ entity: 'organization', entityId: id, version }]);
    },
  );
  return getOrganization(ctx, id);
}

async function locationViews(db: Db, ids: readonly string[]): Promise<LocationView[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('location as l')
    .innerJoin('organization as o', 'o.id', 'l.organization_id')
    .selectAll('l')
    .select('o.name as organization_name')
    .where('l.id', 'in', [...ids])
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    return [
      {
        id: r.id,
        organizationId: r.organization_id,
        organizationName: r.organization_name,
        locationType: r.location_type,
        name: r.name,
        latitude: r.latitude,
        longitude: r.longitude,
        areaCode: r.area_code,
        address1: r.address_1,
        city: r.city,
        stateProvince: r.state_province,
        postalCode: r.postal_code,
        country: r.country,
        version: r.version,
      },
    ];
  });
}

/** Where services are delivered (a shelter's address among them): signed-in users only. */
export async function listLocations(
  ctx: Ctx,
  query: ListQuery & { organization?: string | undefined },
): Promise<Page<LocationView>> {
  actorOf(ctx);
  const limit = pageLimit(query.limit);
  const after = decodeCursor(query.cursor, 2);
  let select = ctx.deps.db
    .selectFrom('location')
    .select(['id', 'name'])
    .orderBy('name')
    .orderBy('id')
    .limit(limit + 1);
  if (after) {
    const [name, id] = [String(after[0]), String(after[1])];
    select = select.where((eb) =>
      eb.or([eb('name', '>', name), eb.and([eb('name', '=', name), eb('id', '>', id)])]),
    );
  }
  if (query.organization) select = select.where('organization_id', '=', query.organization);
  if (query.q) select = select.where(containsText(['name', 'city', 'address_1'], query.q));
  const page = toPage(
    await select.execute(),
    limit,
    (r) => r.id,
    (r) => [r.name, r.id],
  );
  return { items: await locationViews(ctx.deps.db, page.items), nextCursor: page.nextCursor };
}

export async function getLocation(ctx: Ctx, id: string): Promise<LocationView> {
  actorOf(ctx);
  const [view] = await locationViews(ctx.deps.db, [id]);
  if (!view) throw notFound('location');
  return view;
}

async function checkLocationRefs(
  trx: Db,
  organizationId: string | undefined,
  areaCode: string | null | undefined,
): Promise<void> {
  if (organizationId) {
    const org = await trx
      .selectFrom('organization')
      .select('id')
      .where('id', '=', organizationId)
      .executeTakeFirst();
    if (!org) throw new ProblemError(400, 'unknown_organization');
  }
  if (areaCode) {
    const area = await trx
      .selectFrom('area')
      .select('code')
      .where('code', '=', areaCode)
      .executeTakeFirst();
    if (!area) throw new ProblemError(400, 'unknown_area', { code: areaCode });
  }
}

const locationColumns = (input: Partial<LocationInput>) => ({
  ...(input.organizationId !== undefined && { organization_id: input.organizationId }),
  ...(input.locationType !== undefined && { location_type: input.locationType }),
  ...(input.name !== undefined && { name: input.name }),
  ...(input.latitude !== undefined && { latitude: input.latitude }),
  ...(input.longitude !== undefined && { longitude: input.longitude }),
  ...(input.areaCode !== undefined && { area_code: input.areaCode }),
  ...(input.address1 !== undefined && { address_1: input.address1 }),
  ...(input.city !== undefined && { city: input.city }),
  ...(input.stateProvince !== undefined && { state_province: input.stateProvince }),
  ...(input.postalCode !== undefined && { postal_code: input.postalCode }),
  ...(input.country !== undefined && { country: input.country }),
});

export async function createLocation(ctx: Ctx, input: LocationInput): Promise<LocationView> {
  await requireAny(ctx, 'service:write:all');
  const id = crypto.randomUUID();
  const now = ctx.deps.clock.now().toISOString();
  await inTransaction(
    ctx,
    { action: 'location.create', entity: 'location', entityIds: [id] },
    async (trx) => {
      await checkLocationRefs(trx, input.organizationId, input.areaCode);
      await trx
        .insertInto('location')
        .values({
          id,
          organization_id: input.organizationId,
          location_type: input.locationType ?? 'physical',
          name: input.name,
          latitude: null,
          longitude: null,
          area_code: null,
          address_1: null,
          city: null,
          state_province: null,
          postal_code: null,
          country: null,
          ...locationColumns(input),
          version: 1,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await recordChanges(ctx, trx, [{ entity: 'location', entityId: id, version: 1 }]);
    },
  );
  return getLocation(ctx, id);
}

export async function updateLocation(
  ctx: Ctx,
  id: string,
  input: Partial<LocationInput> & { version: number },
): Promise<LocationView> {
  await requireAny(ctx, 'service:write:all');
  await inTransaction(
    ctx,
    { action: 'location.update', entity: 'location', entityIds: [id] },
    async (trx) => {
      const current = await trx
        .selectFrom('location')
        .select('version')
        .where('id', '=', id)
        .executeTakeFirst();
      if (!current) throw notFound('location');
      if (current.version !== input.version)
        throw new ProblemError(409, 'version_conflict', {}, { currentVersion: current.version });
      await checkLocationRefs(trx, input.organizationId, input.areaCode);
      const version = current.version + 1;
      await trx
        .updateTable('location')
        .set({ ...locationColumns(input), version, updated_at: ctx.deps.clock.now().toISOString() })
        .where('id', '=', id)
        .execute();
      await recordChanges(ctx, trx, [{ entity: 'location', entityId: id, version }]);
    },
  );
  return getLocation(ctx, id);
}
