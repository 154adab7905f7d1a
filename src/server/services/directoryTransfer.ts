import type { Kysely, Transaction } from 'kysely';
import type { Ctx } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { ProblemError } from '../http/problem.ts';
import { actorOf, requireAny } from './access.ts';
import { derivedUuid } from './derivedUuid.ts';
import {
  type DirectoryDocument,
  type DirectoryRefs,
  type DocumentProblem,
  directoryProblems,
  documentReferences,
  documentShapeProblems,
  SEXES,
} from './directoryDocument.ts';
import { audit, type Change, inTransaction, recordChanges } from './trail.ts';

type Db = Kysely<Database> | Transaction<Database>;

export const DIRECTORY_KINDS = [
  'taxonomy_terms',
  'organizations',
  'locations',
  'services',
  'service_at_locations',
] as const;
export type DirectoryKind = (typeof DIRECTORY_KINDS)[number];
type Tally = Record<DirectoryKind, number>;

/** What an import or a pack seed did: records created, changed, and found already equal. */
export interface DirectoryCounts {
  created: Tally;
  updated: Tally;
  unchanged: Tally;
}

/** The taxonomy used when a document's term names none. */
export const DEFAULT_TAXONOMY = 'Pathfinder service types';

const zero = (): Tally => ({
  taxonomy_terms: 0,
  organizations: 0,
  locations: 0,
  services: 0,
  service_at_locations: 0,
});
export const noCounts = (): DirectoryCounts => ({
  created: zero(),
  updated: zero(),
  unchanged: zero(),
});

/** Runs `query` over `values` 500 at a time (bounded statement parameters on both dialects). */
async function inChunks<V, R>(values: readonly V[], query: (chunk: V[]) => Promise<R[]>) {
  const out: R[] = [];
  for (let i = 0; i < values.length; i += 500) out.push(...(await query(values.slice(i, i + 500))));
  return out;
}

/** Comma lists as stored: sexes in catalogue order, languages as given, each once. */
export function joinSexes(sexes: readonly string[] | undefined): string {
  const wanted = new Set(sexes ?? []);
  return SEXES.filter((s) => wanted.has(s)).join(',');
}
export function joinLanguages(languages: readonly string[] | undefined): string {
  return [...new Set(languages ?? [])].join(',');
}
export const splitList = (text: string): string[] => (text ? text.split(',') : []);

const same = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  Object.keys(a).every((k) => (a[k] ?? null) === (b[k] ?? null));

/** What the document refers to that exists on the node (agencies, areas, types, records). */
export async function directoryRefs(db: Db, doc: DirectoryDocument): Promise<DirectoryRefs> {
  const wanted = documentReferences(doc);
  const codes = async (
    table: 'agency' | 'area' | 'taxonomy_term',
    values: string[],
  ): Promise<Set<string>> =>
    new Set(
      (
        await inChunks(values, (chunk) =>
          db.selectFrom(table).select('code').where('code', 'in', chunk).execute(),
        )
      ).map((r) => r.code),
    );
  const ids = async (
    table: 'organization' | 'service' | 'location',
    values: string[],
  ): Promise<Set<string>> =>
    new Set(
      (
        await inChunks(values, (chunk) =>
          db.selectFrom(table).select('id').where('id', 'in', chunk).execute(),
        )
      ).map((r) => r.id),
    );
  return {
    agencyCodes: await codes('agency', wanted.agencyCodes),
    areaCodes: await codes('area', wanted.areaCodes),
    termCodes: await codes('taxonomy_term', wanted.termCodes),
    organizationIds: await ids('organization', wanted.organizationIds),
    serviceIds: await ids('service', wanted.serviceIds),
    locationIds: await ids('location', wanted.locationIds),
  };
}

/**
 * Inserts or updates every record of a checked document, parents first:
 * service types by code, the rest by id. A record equal to the stored one is
 * left alone (no new version), so loading the same document twice changes
 * nothing. Returns the counts and the change-log entries to record.
 */
export async function upsertDirectory(
  trx: Transaction<Database>,
  doc: DirectoryDocument,
  now: string,
): Promise<{ counts: DirectoryCounts; changes: Change[] }> {
  const counts = noCounts();
  const changes: Change[] = [];
  const tally = (kind: DirectoryKind, outcome: 'created' | 'updated' | 'unchanged') => {
    counts[outcome][kind] += 1;
  };

  for (const t of doc.taxonomy_terms ?? []) {
    const current = await trx
      .selectFrom('taxonomy_term')
      .selectAll()
      .where('code', '=', t.code)
      .executeTakeFirst();
    const values = {
      name: t.name,
      names: JSON.stringify(t.names ?? { en: t.name }),
      description: t.description ?? '',
      taxonomy: t.taxonomy ?? current?.taxonomy ?? DEFAULT_TAXONOMY,
      accept_hours: t.accept_hours ?? null,
      first_service_hours: t.first_service_hours ?? null,
      targets_source: t.targets_source ?? null,
    };
    if (current && same(values, current)) tally('taxonomy_terms', 'unchanged');
    else if (current) {
      await trx.updateTable('taxonomy_term').set(values).where('id', '=', current.id).execute();
      tally('taxonomy_terms', 'updated');
      changes.push({ entity: 'taxonomy_term', entityId: current.id, version: 1 });
    } else {
      let id = t.id ?? derivedUuid('taxonomy_term', t.code);
      const taken = await trx
        .selectFrom('taxonomy_term')
        .select('id')
        .where('id', '=', id)
        .executeTakeFirst();
      if (taken) id = crypto.randomUUID();
      await trx
        .insertInto('taxonomy_term')
        .values({ id, code: t.code, ...values })
        .execute();
      tally('taxonomy_terms', 'created');
      changes.push({ entity: 'taxonomy_term', entityId: id, version: 1 });
    }
  }

  const agencyIds = new Map(
    (
      await inChunks(documentReferences(doc).agencyCodes, (chunk) =>
        trx.selectFrom('agency').select(['id', 'code']).where('code', 'in', chunk).execute(),
      )
    ).map((a) => [a.code, a.id]),
  );
  const termIds = new Map(
    (await trx.selectFrom('taxonomy_term').select(['id', 'code']).execute()).map((t) => [
      t.code,
      t.id,
    ]),
  );

  const orgs = doc.organizations ?? [];
  const storedOrgs = new Map(
    (
      await inChunks(
        orgs.map((o) => o.id),
        (chunk) => trx.selectFrom('organization').selectAll().where('id', 'in', chunk).execute(),
      )
    ).map((r) => [r.id, r]),
  );
  for (const o of orgs) {
    const values = {
      name: o.name,
      description: o.description,
      email: o.email ?? null,
      website: o.website ?? null,
      agency_id: o.agency_code ? (agencyIds.get(o.agency_code) ?? null) : null,
    };
    const current = storedOrgs.get(o.id);
    if (current && same(values, current)) tally('organizations', 'unchanged');
    else if (current) {
      const version = current.version + 1;
      await trx
        .updateTable('organization')
        .set({ ...values, version, updated_at: now })
        .where('id', '=', o.id)
        .execute();
      tally('organizations', 'updated');
      changes.push({ entity: 'organization', entityId: o.id, version });
    } else {
      await trx
        .insertInto('organization')
        .values({ id: o.id, ...values, version: 1, created_at: now, updated_at: now })
        .execute();
      tally('organizations', 'created');
      changes.push({ entity: 'organization', entityId: o.id, version: 1 });
    }
  }

  const locations = doc.locations ?? [];
  const storedLocations = new Map(
    (
      await inChunks(
        locations.map((l) => l.id),
        (chunk) => trx.selectFrom('location').selectAll().where('id', 'in', chunk).execute(),
      )
    ).map((r) => [r.id, r]),
  );
  for (const l of locations) {
    const address = l.addresses?.[0];
    const values = {
      organization_id: l.organization_id,
      location_type: l.location_type,
      name: l.name,
      latitude: l.latitude ?? null,
      longitude: l.longitude ?? null,
      area_code: l.area_code ?? null,
      address_1: address?.address_1 ?? null,
      city: address?.city ?? null,
      state_province: address?.state_province ?? null,
      postal_code: address?.postal_code ?? null,
      country: address?.country ?? null,
    };
    const current = storedLocations.get(l.id);
    if (current && same(values, current)) tally('locations', 'unchanged');
    else if (current) {
      const version = current.version + 1;
      await trx
        .updateTable('location')
        .set({ ...values, version, updated_at: now })
        .where('id', '=', l.id)
        .execute();
      tally('locations', 'updated');
      changes.push({ entity: 'location', entityId: l.id, version });
    } else {
      await trx
        .insertInto('location')
        .values({ id: l.id, ...values, version: 1, created_at: now, updated_at: now })
        .execute();
      tally('locations', 'created');
      changes.push({ entity: 'location', entityId: l.id, version: 1 });
    }
  }

  const services = doc.services ?? [];
  const serviceIds = services.map((s) => s.id);
  const storedServices = new Map(
    (
      await inChunks(serviceIds, (chunk) =>
        trx.selectFrom('service').selectAll().where('id', 'in', chunk).execute(),
      )
    ).map((r) => [r.id, r]),
  );
  const storedAreas = new Map<string, string[]>();
  for (const a of await inChunks(serviceIds, (chunk) =>
    trx
      .selectFrom('service_area')
      .select(['service_id', 'area_code'])
      .where('service_id', 'in', chunk)
      .execute(),
  ))
    storedAreas.set(a.service_id, [...(storedAreas.get(a.service_id) ?? []), a.area_code]);
  for (const s of services) {
    const values = {
      organization_id: s.organization_id,
      name: s.name,
      description: s.description ?? '',
      status: s.status,
      email: s.email ?? null,
      url: s.url ?? null,
      eligibility_description: s.eligibility_description ?? null,
      minimum_age: s.minimum_age ?? null,
      maximum_age: s.maximum_age ?? null,
      sexes: joinSexes(s.eligibility?.sexes),
      languages: joinLanguages(s.eligibility?.languages),
      taxonomy_term_id: termIds.get(s.taxonomy_term) ?? '',
    };
    const areas = [...new Set(s.service_areas)].sort();
    const current = storedServices.get(s.id);
    const areasSame = (storedAreas.get(s.id) ?? []).sort().join(' ') === areas.join(' ');
    if (current && areasSame && same(values, current)) {
      tally('services', 'unchanged');
      continue;
    }
    const version = (current?.version ?? 0) + 1;
    if (current) {
      await trx
        .updateTable('service')
        .set({ ...values, version, last_modified: now })
        .where('id', '=', s.id)
        .execute();
      tally('services', 'updated');
    } else {
      await trx
        .insertInto('service')
        .values({ id: s.id, ...values, version, created_at: now, last_modified: now })
        .execute();
      tally('services', 'created');
    }
    if (!areasSame) await writeServiceAreas(trx, s.id, areas);
    changes.push({ entity: 'service', entityId: s.id, version });
  }

  const links = doc.service_at_locations ?? [];
  const storedLinks = new Map(
    (
      await inChunks(
        links.map((l) => l.id),
        (chunk) =>
          trx.selectFrom('service_at_location').selectAll().where('id', 'in', chunk).execute(),
      )
    ).map((r) => [r.id, r]),
  );
  for (const link of links) {
    const values = {
      service_id: link.service_id,
      location_id: link.location_id,
      description: link.description ?? '',
    };
    const current = storedLinks.get(link.id);
    if (current && same(values, current)) tally('service_at_locations', 'unchanged');
    else {
      if (current)
        await trx
          .updateTable('service_at_location')
          .set(values)
          .where('id', '=', link.id)
          .execute();
      else
        await trx
          .insertInto('service_at_location')
          .values({ id: link.id, ...values })
          .execute();
      tally('service_at_locations', current ? 'updated' : 'created');
      changes.push({ entity: 'service_at_location', entityId: link.id, version: 1 });
    }
  }
  return { counts, changes };
}

/** Replaces the areas a service covers. */
export async function writeServiceAreas(
  trx: Transaction<Database>,
  serviceId: string,
  codes: readonly string[],
): Promise<void> {
  await trx.deleteFrom('service_area').where('service_id', '=', serviceId).execute();
  const unique = [...new Set(codes)];
  for (let i = 0; i < unique.length; i += 500)
    await trx
      .insertInto('service_area')
      .values(unique.slice(i, i + 500).map((area_code) => ({ service_id: serviceId, area_code })))
      .execute();
}

/** The whole directory as one document (the service types included), ordered for stable diffs. */
export async function directoryDocument(db: Db): Promise<Required<DirectoryDocument>> {
  const [terms, orgs, agencies, services, areas, locations, links] = await Promise.all([
    db.selectFrom('taxonomy_term').selectAll().orderBy('code').execute(),
    db.selectFrom('organization').selectAll().orderBy('name').orderBy('id').execute(),
    db.selectFrom('agency').select(['id', 'code']).execute(),
    db.selectFrom('service').selectAll().orderBy('name').orderBy('id').execute(),
    db.selectFrom('service_area').selectAll().orderBy('area_code').execute(),
    db.selectFrom('location').selectAll().orderBy('name').orderBy('id').execute(),
    db.selectFrom('service_at_location').selectAll().orderBy('service_id').orderBy('id').execute(),
  ]);
  const agencyCode = new Map(agencies.map((a) => [a.id, a.code]));
  const termCode = new Map(terms.map((t) => [t.id, t.code]));
  const areasOf = new Map<string, string[]>();
  for (const a of areas)
    areasOf.set(a.service_id, [...(areasOf.get(a.service_id) ?? []), a.area_code]);
  return {
    organizations: orgs.map((o) => ({
      id: o.id,
      name: o.name,
      description: o.description,
      email: o.email,
      website: o.website,
      agency_code: o.agency_id ? (agencyCode.get(o.agency_id) ?? null) : null,
    })),
    services: services.map((s) => ({
      id: s.id,
      organization_id: s.organization_id,
      name: s.name,
      description: s.description,
      status: s.status as 'active',
      email: s.email,
      url: s.url,
      eligibility_description: s.eligibility_description,
      minimum_age: s.minimum_age,
      maximum_age: s.maximum_age,
      taxonomy_term: termCode.get(s.taxonomy_term_id) ?? '',
      service_areas: areasOf.get(s.id) ?? [],
      eligibility: {
        sexes: splitList(s.sexes) as (typeof SEXES)[number][],
        languages: splitList(s.languages),
      },
    })),
    locations: locations.map((l) => ({
      id: l.id,
      organization_id: l.organization_id,
      location_type: l.location_type as 'physical',
      name: l.name,
      latitude: l.latitude,
      longitude: l.longitude,
      area_code: l.area_code,
      addresses:
        l.address_1 || l.city || l.state_province || l.postal_code || l.country
          ? [
              {
                address_1: l.address_1,
                city: l.city,
                state_province: l.state_province,
                postal_code: l.postal_code,
                country: l.country,
              },
            ]
          : [],
    })),
    service_at_locations: links.map((l) => ({
      id: l.id,
      service_id: l.service_id,
      location_id: l.location_id,
      description: l.description,
    })),
    taxonomy_terms: terms.map((t) => ({
      id: t.id,
      code: t.code,
      name: t.name,
      names: JSON.parse(t.names) as Record<string, string>,
      description: t.description,
      taxonomy: t.taxonomy,
      accept_hours: t.accept_hours,
      first_service_hours: t.first_service_hours,
      targets_source: t.targets_source,
    })),
  };
}

/** The directory for download (any signed-in user may read it); audited, as it leaves the node. */
export async function exportDirectory(
  ctx: Ctx,
  format: 'json' | 'csv' = 'json',
): Promise<Required<DirectoryDocument>> {
  actorOf(ctx);
  const doc = await directoryDocument(ctx.deps.db);
  await audit(ctx, ctx.deps.db, {
    action: 'directory.export',
    entity: 'directory',
    details: { format, services: doc.services.length },
  });
  return doc;
}

/** The refusal of a document, listing every problem. */
export function invalidDocument(problems: DocumentProblem[]): ProblemError {
  return new ProblemError(
    400,
    'directory_import_invalid',
    { count: problems.length },
    { problems },
  );
}

/**
 * Loads a directory document: checks all of it first (every problem with its
 * path; nothing written if there is one), then inserts or updates everything
 * in one audited transaction.
 */
export async function importDirectory(ctx: Ctx, value: unknown): Promise<DirectoryCounts> {
  await requireAny(ctx, 'service:write:all');
  const shape = documentShapeProblems(value);
  if (shape.length > 0) throw invalidDocument(shape);
  const doc = value as DirectoryDocument;
  const now = ctx.deps.clock.now().toISOString();
  return inTransaction(
    ctx,
    (counts: DirectoryCounts) => ({
      action: 'directory.import',
      entity: 'directory',
      details: { ...counts },
    }),
    async (trx) => {
      const problems = directoryProblems(doc, await directoryRefs(trx, doc));
      if (problems.length > 0) throw invalidDocument(problems);
      const { counts, changes } = await upsertDirectory(trx, doc, now);
      await recordChanges(ctx, trx, changes);
      return counts;
    },
  );
}
