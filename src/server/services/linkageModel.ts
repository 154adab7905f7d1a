import { sql } from 'kysely';
import {
  type LinkageModel,
  loadModel,
  type PersonRecord,
  priorModel,
  type StoredModel,
  searchModel,
} from '../../core/index.ts';
import type { Deps } from '../context.ts';

/** The fields the duplicate job compares persons on (the person table's identifying fields). */
export const DEDUP_FIELDS = ['given_name', 'family_name', 'birth_date', 'sex', 'area'] as const;

interface Cached {
  readAt: number;
  fittedAt: string | null;
  dedup: LinkageModel;
  search: LinkageModel;
}

const cache = new WeakMap<Deps, Cached>();
const TTL_MS = 30_000;

/**
 * The node's linkage models: the one fitted by the last background pass (with
 * reviewers' decisions folded in), else prior probabilities until a pass has
 * run; and the search model derived from it. Read at most every 30 s.
 */
export async function linkageModels(deps: Deps): Promise<Cached> {
  const now = Date.now();
  const have = cache.get(deps);
  if (have && now - have.readAt < TTL_MS) return have;
  const row = await deps.db
    .selectFrom('linkage_model')
    .select(['model', 'fitted_at'])
    .where('id', '=', 'node')
    .executeTakeFirst();
  const dedup = row ? loadModel(JSON.parse(row.model) as StoredModel) : await unfitted(deps);
  const fresh: Cached = {
    readAt: now,
    fittedAt: row?.fitted_at ?? null,
    dedup,
    search: searchModel(row ? dedup : null),
  };
  cache.set(deps, fresh);
  return fresh;
}

/**
 * Before the first pass: prior probabilities, and a prior λ over all pairs of
 * the node's persons as if one in ten were recorded twice (0.1·N matches among
 * N²/2 pairs), so that a shared common name alone never reads as a match.
 */
async function unfitted(deps: Deps): Promise<LinkageModel> {
  const model = priorModel(DEDUP_FIELDS);
  model.params.lambda = Math.min(0.1, 0.2 / Math.max(2, await personCount(deps)));
  return model;
}

const counted = new WeakMap<Deps, { at: number; n: number }>();
const COUNT_TTL_MS = 10 * 60_000;

/**
 * About how many persons the node holds, for the prior: only its order of magnitude
 * matters. PostgreSQL's planner estimate when the table has been analysed (counting a
 * million rows took seconds inside a search request), else a count, kept 10 minutes.
 */
async function personCount(deps: Deps): Promise<number> {
  const have = counted.get(deps);
  if (have && Date.now() - have.at < COUNT_TTL_MS) return have.n;
  let n = -1;
  if (deps.dialect === 'postgres') {
    const row = await sql<{ n: number }>`
      SELECT reltuples::float8 AS n FROM pg_class WHERE oid = 'person'::regclass`.execute(deps.db);
    n = Number(row.rows[0]?.n ?? -1);
  }
  if (!(n >= 0)) {
    const row = await deps.db
      .selectFrom('person')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    n = Number(row.n);
  }
  counted.set(deps, { at: Date.now(), n });
  return n;
}

/** Forgets the cached models (after a pass stores a new one). */
export function forgetLinkageModels(deps: Deps): void {
  cache.delete(deps);
}

/** The person columns linkage reads. */
export const LINKAGE_COLUMNS = [
  'person.id',
  'person.given_name',
  'person.family_name',
  'person.sex',
  'person.birth_date',
  'person.estimated_age',
  'person.age_recorded_on',
  'person.area_code',
] as const;

/** A person row as the engine sees it. */
export function personRecord(r: {
  id: string;
  given_name: string;
  family_name: string;
  sex: string;
  birth_date: string | null;
  estimated_age: number | null;
  age_recorded_on: string;
  area_code: string | null;
}): PersonRecord {
  return {
    id: r.id,
    givenName: r.given_name,
    familyName: r.family_name,
    sex: r.sex,
    birthDate: r.birth_date,
    estimatedAge: r.estimated_age,
    ageRecordedOn: r.age_recorded_on,
    area: r.area_code,
  };
}
