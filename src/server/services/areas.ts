import type { Kysely, Transaction } from 'kysely';
import type { Ctx } from '../context.ts';
import { containsText } from '../db/like.ts';
import type { Database } from '../db/schema.ts';
import { notFound, ProblemError } from '../http/problem.ts';
import { actorOf, requireAny } from './access.ts';
import { decodeCursor, type Page, pageLimit, toPage } from './pagination.ts';
import { inTransaction, recordChanges } from './trail.ts';

export interface AreaView {
  code: string;
  level: number;
  parentCode: string | null;
  name: string;
  defaultName: string;
  names: Record<string, string>;
  hasGeometry: boolean;
  version: number;
}

export interface AreaInput {
  code: string;
  level: number;
  parentCode: string | null;
  defaultName: string;
  names: Record<string, string>;
  geometry?: unknown;
}

type AreaRow = {
  code: string;
  level: number;
  parent_code: string | null;
  default_name: string;
  names: string;
  has_geometry: number;
  version: number;
};

function view(row: AreaRow, language: string): AreaView {
  const names = JSON.parse(row.names) as Record<string, string>;
  return {
    code: row.code,
    level: row.level,
    parentCode: row.parent_code,
    name: names[language] ?? row.default_name,
    defaultName: row.default_name,
    names,
    hasGeometry: row.has_geometry === 1,
    version: row.version,
  };
}

const columns = (ctx: Ctx) =>
  ctx.deps.db
    .selectFrom('area')
    .select(['code', 'level', 'parent_code', 'default_name', 'names', 'version'])
    .select((eb) =>
      eb.case().when('geometry', 'is not', null).then(1).else(0).end().as('has_geometry'),
    );

/** The area hierarchy, page by page, filtered by parent, level or name. Reference data: any signed-in user. */
export async function listAreas(
  ctx: Ctx,
  query: {
    cursor?: string | undefined;
    limit?: string | undefined;
    parent?: string | undefined;
    level?: string | undefined;
    q?: string | undefined;
  },
): Promise<Page<AreaView>> {
  const actor = actorOf(ctx);
  const limit = pageLimit(query.limit);
  const after = decodeCursor(query.cursor, 1);
  let select = columns(ctx)
    .orderBy('code')
    .limit(limit + 1);
  if (after) select = select.where('code', '>', String(after[0]));
  if (query.parent !== undefined) {
    select =
      query.parent === ''
        ? select.where('parent_code', 'is', null)
        : select.where('parent_code', '=', query.parent);
  }
  if (query.level !== undefined) {
    const level = Number(query.level);
    if (!Number.isInteger(level)) throw new ProblemError(400, 'invalid_query', { field: 'level' });
    select = select.where('level', '=', level);
  }
  if (query.q) select = select.where(containsText(['code', 'default_name', 'names'], query.q));
  const rows = (await select.execute()) as AreaRow[];
  return toPage(
    rows,
    limit,
    (r) => view(r, actor.language),
    (r) => [r.code],
  );
}

/**
 * One area with its ancestors (nearest first); the outline only when asked for,
 * since a district's polygon can weigh more than everything else on the page.
 */
export async function getArea(
  ctx: Ctx,
  code: string,
  options: { geometry?: boolean } = {},
): Promise<AreaView & { geometry?: unknown; ancestors: string[] }> {
  const actor = actorOf(ctx);
  const row = (await columns(ctx).where('code', '=', code).executeTakeFirst()) as
    | AreaRow
    | undefined;
  if (!row) throw notFound('area');
  const ancestors = (await areaWithAncestors(ctx.deps.db, code)).slice(1);
  const result: AreaView & { geometry?: unknown; ancestors: string[] } = {
    ...view(row, actor.language),
    ancestors,
  };
  if (options.geometry !== false) {
    const geo = await ctx.deps.db
      .selectFrom('area')
      .select('geometry')
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    result.geometry = geo.geometry ? (JSON.parse(geo.geometry) as unknown) : null;
  }
  return result;
}

function checkGeometry(geometry: unknown): string | null {
  if (geometry === undefined || geometry === null) return null;
  const g = geometry as { type?: unknown; coordinates?: unknown };
  if ((g.type !== 'Polygon' && g.type !== 'MultiPolygon') || !Array.isArray(g.coordinates)) {
    throw new ProblemError(400, 'invalid_geometry');
  }
  return JSON.stringify(geometry);
}

export async function createArea(ctx: Ctx, input: AreaInput): Promise<AreaView> {
  await requireAny(ctx, 'area:write:all');
  const geometry = checkGeometry(input.geometry);
  await inTransaction(
    ctx,
    { action: 'area.create', entity: 'area', entityIds: [input.code] },
    async (trx) => {
      const taken = await trx
        .selectFrom('area')
        .select('code')
        .where('code', '=', input.code)
        .executeTakeFirst();
      if (taken) throw new ProblemError(409, 'code_taken');
      if (input.parentCode !== null) {
        const parent = await trx
          .selectFrom('area')
          .select('level')
          .where('code', '=', input.parentCode)
          .executeTakeFirst();
        if (!parent) throw new ProblemError(400, 'unknown_reference', { field: 'parentCode' });
        if (parent.level >= input.level) throw new ProblemError(400, 'invalid_area_level');
      }
      await trx
        .insertInto('area')
        .values({
          code: input.code,
          level: input.level,
          parent_code: input.parentCode,
          default_name: input.defaultName,
          names: JSON.stringify(input.names),
          geometry,
          version: 1,
          updated_at: ctx.deps.clock.now().toISOString(),
        })
        .execute();
      await recordChanges(ctx, trx, [
        { entity: 'area', entityId: input.code, version: 1, areaCode: input.code },
      ]);
    },
  );
  return (await getArea(ctx, input.code)) satisfies AreaView;
}

/** Renames an area or replaces its outline; codes are stable and never change. */
export async function updateArea(
  ctx: Ctx,
  code: string,
  input: {
    defaultName?: string | undefined;
    names?: Record<string, string> | undefined;
    geometry?: unknown;
    version: number;
  },
): Promise<AreaView> {
  await requireAny(ctx, 'area:write:all');
  const geometry = input.geometry === undefined ? undefined : checkGeometry(input.geometry);
  await inTransaction(
    ctx,
    { action: 'area.update', entity: 'area', entityIds: [code] },
    async (trx) => {
      const current = await trx
        .selectFrom('area')
        .select('version')
        .where('code', '=', code)
        .executeTakeFirst();
      if (!current) throw notFound('area');
      if (current.version !== input.version)
        throw new ProblemError(409, 'version_conflict', {}, { currentVersion: current.version });
      const version = current.version + 1;
      await trx
        .updateTable('area')
        .set({
          ...(input.defaultName !== undefined && { default_name: input.defaultName }),
          ...(input.names !== undefined && { names: JSON.stringify(input.names) }),
          ...(geometry !== undefined && { geometry }),
          version,
          updated_at: ctx.deps.clock.now().toISOString(),
        })
        .where('code', '=', code)
        .execute();
      await recordChanges(ctx, trx, [{ entity: 'area', entityId: code, version, areaCode: code }]);
    },
  );
  return getArea(ctx, code);
}

/** An area's code and every code below it (a province and its districts, …). */
export async function areaAndBelow(ctx: Ctx, code: string): Promise<string[]> {
  const all = [code];
  let level = [code];
  for (let depth = 0; depth < 6 && level.length > 0; depth++) {
    const children = await ctx.deps.db
      .selectFrom('area')
      .select('code')
      .where('parent_code', 'in', level)
      .execute();
    level = children.map((c) => c.code);
    all.push(...level);
  }
  return all;
}

const KNOWN_AREA_MS = 60_000;
const knownAreas = new WeakMap<object, Map<string, number>>();

/**
 * Whether an area code exists. Found codes are remembered for a minute (areas
 * are added, never removed), so a busy intake does not ask each time.
 */
export async function knownArea(ctx: Ctx, code: string): Promise<boolean> {
  let seen = knownAreas.get(ctx.deps.db);
  if (!seen) {
    seen = new Map();
    knownAreas.set(ctx.deps.db, seen);
  }
  if ((seen.get(code) ?? 0) > Date.now()) return true;
  const row = await ctx.deps.db
    .selectFrom('area')
    .select('code')
    .where('code', '=', code)
    .executeTakeFirst();
  if (row && seen.size < 100_000) seen.set(code, Date.now() + KNOWN_AREA_MS);
  return row !== undefined;
}

/** `code` and the codes of the areas above it, nearest first (a service for a province serves its districts). */
export async function areaWithAncestors(
  db: Kysely<Database> | Transaction<Database>,
  code: string,
): Promise<string[]> {
  const chain = [code];
  let current: string | null = code;
  while (current !== null && chain.length < 20) {
    const row: { parent_code: string | null } | undefined = await db
      .selectFrom('area')
      .select('parent_code')
      .where('code', '=', current)
      .executeTakeFirst();
    current = row?.parent_code ?? null;
    if (current === null || chain.includes(current)) break;
    chain.push(current);
  }
  return chain;
}
