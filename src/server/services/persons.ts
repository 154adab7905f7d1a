import {
  nameFilingKeys,
  nameKey,
  type PairExplanation,
  type PersonRecord,
  personAge,
  queryFilingKeys,
  rankCandidates,
} from '../../core/index.ts';
import type { Ctx } from '../context.ts';
import { ProblemError } from '../http/problem.ts';
import { requireAny } from './access.ts';
import { areaAndBelow } from './areas.ts';
import { LINKAGE_COLUMNS, linkageModels, personRecord } from './linkageModel.ts';
import { audit } from './trail.ts';

/** Why a candidate ranks where it does: each field's outcome and its weight in bits. */
export interface MatchReason {
  field: string;
  outcome: 'agree' | 'partial' | 'disagree' | 'missing';
  weight: number;
}

export interface PersonMatch {
  id: string;
  givenName: string;
  familyName: string;
  sex: string;
  age: number | null;
  areaCode: string | null;
  caseCount: number;
  /** Match probability under the linkage model, and the total weight (bits). */
  score: number;
  weight: number;
  reasons: MatchReason[];
}

/**
 * The rows of `person_key` for a person: each distinct word of the name key,
 * and the linkage filing keys (transliterated words, name skeletons and pairs
 * of skeletons), so a name is found from any script and any spelling that
 * sounds alike.
 */
export function personKeyRows(
  personId: string,
  agencyId: string,
  key: string,
): { agency_id: string; key: string; person_id: string }[] {
  const words = [...new Set(key.split(' ').filter((w) => w.length > 0))];
  const all = new Set([...words, ...nameFilingKeys(key)].map((w) => w.slice(0, 200)));
  return [...all].map((w) => ({ agency_id: agencyId, key: w, person_id: personId }));
}

/** Above every character a name key can hold: `key < prefix + TOP` bounds a prefix range. */
const TOP = '\u{10FFFF}';
/** Candidates read per lookup; each lookup walks the index in key order. */
const PER_LOOKUP = 60;
const RESULTS = 50;

/** One rounded number for the response (weights are bits, to a tenth). */
const round = (x: number, digits: number): number => Number(x.toFixed(digits));

function reasons(e: PairExplanation): MatchReason[] {
  return e.fields.map((f) => ({
    field: f.field,
    outcome: f.outcome,
    weight: round(f.weight + f.frequencyAdjustment, 1),
  }));
}

/**
 * Search before create: candidates from the agency's filing keys — a word
 * starting with the longest word typed (transliterated: any script), the
 * skeletons of two words together, or of the longest word — then ranked by the
 * linkage engine on name, birth date or approximate age and sex, best first,
 * each with the reasons. Sex, age (two years either way) and area, when given,
 * also narrow the list. A few index range reads, whatever the number of persons.
 */
export async function searchPersons(
  ctx: Ctx,
  query: {
    q: string;
    sex?: string | undefined;
    age?: string | undefined;
    area?: string | undefined;
  },
): Promise<PersonMatch[]> {
  const actor = await requireAny(ctx, 'case:read:agency');
  const { words, skeletons, pairs } = queryFilingKeys(query.q);
  const [lead = ''] = words;
  if (nameKey(query.q).length < 2 || lead.length === 0)
    throw new ProblemError(400, 'invalid_query', { field: 'q' });
  const db = ctx.deps.db;
  const sex = query.sex ?? null;
  const areas = query.area ? await areaAndBelow(ctx, query.area) : null;
  // With sex or area given, the index walk skips persons they rule out (the page stays full).
  const keyed = () => {
    const base = db
      .selectFrom('person_key')
      .select('person_key.person_id')
      .where('person_key.agency_id', '=', actor.agencyId);
    if (!sex && !areas) return base;
    let joined = base.innerJoin('person', 'person.id', 'person_key.person_id');
    if (sex) joined = joined.where('person.sex', '=', sex);
    if (areas) joined = joined.where('person.area_code', 'in', areas);
    return joined;
  };
  const exact = (key: string) =>
    keyed()
      .where('person_key.key', '=', key)
      .orderBy('person_key.person_id')
      .limit(PER_LOOKUP)
      .execute();
  const prefix = (key: string) =>
    keyed()
      .where('person_key.key', '>=', key)
      .where('person_key.key', '<', key + TOP)
      .orderBy('person_key.key')
      .orderBy('person_key.person_id')
      .limit(PER_LOOKUP)
      .execute();
  const lookups = [prefix(lead)];
  // Two words that sound like the query's: a small block; else the longest word's skeleton.
  if (pairs[0]) lookups.push(exact(pairs[0]));
  else if (skeletons[0]) lookups.push(exact(skeletons[0]));
  const ids = [...new Set((await Promise.all(lookups)).flat().map((r) => r.person_id))];
  const today = ctx.deps.clock.now().toISOString().slice(0, 10);
  const wantedAge = query.age === undefined ? null : Number(query.age);
  const rows = ids.length > 0 ? await readPersons(ctx, ids) : [];
  const candidates = rows
    .map((r) => ({
      row: r,
      age: personAge(
        {
          birthDate: r.birth_date,
          estimatedAge: r.estimated_age,
          ageRecordedOn: r.age_recorded_on,
        },
        today,
      ),
    }))
    // Ages given by children and estimated by workers are rough: two years either way.
    .filter((c) => wantedAge === null || c.age === null || Math.abs(c.age.years - wantedAge) <= 2);
  const incoming: PersonRecord = {
    id: '',
    fullName: query.q,
    sex: query.sex ?? null,
    estimatedAge: wantedAge,
    ageRecordedOn: today,
  };
  const { search } = await linkageModels(ctx.deps);
  const ranked = rankCandidates(
    search,
    incoming,
    candidates.map((c) => personRecord(c.row)),
    {
      limit: RESULTS,
      // The person sought is, half the time, one of the candidates read (else not registered yet).
      prior: 0.5 / Math.max(2, candidates.length),
      // A candidate whose name is unlike the query is not a match, whatever else agrees.
      keep: (e) => e.fields.some((f) => f.field === 'full_name' && f.outcome !== 'disagree'),
    },
  );
  const counts = await caseCounts(
    ctx,
    ranked.map((r) => candidates[r.index]?.row.id ?? ''),
  );
  const matches = ranked.map((r): PersonMatch => {
    const c = candidates[r.index] as (typeof candidates)[number];
    return {
      id: c.row.id,
      givenName: c.row.given_name,
      familyName: c.row.family_name,
      sex: c.row.sex,
      age: c.age?.years ?? null,
      areaCode: c.row.area_code,
      caseCount: counts.get(c.row.id) ?? 0,
      score: round(r.probability, 4),
      weight: round(r.weight, 1),
      reasons: reasons(r.explanation),
    };
  });
  await audit(ctx, db, {
    action: 'person.search',
    entity: 'person',
    entityIds: matches.map((m) => m.id),
  });
  return matches;
}

function readPersons(ctx: Ctx, ids: string[]) {
  return ctx.deps.db
    .selectFrom('person')
    .select([...LINKAGE_COLUMNS])
    .where('person.id', 'in', ids)
    .execute();
}

/** Cases per person, for the persons shown only. */
async function caseCounts(ctx: Ctx, ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.deps.db
    .selectFrom('case_file')
    .select((eb) => ['person_id', eb.fn.countAll<number>().as('n')])
    .where('person_id', 'in', ids)
    .groupBy('person_id')
    .execute();
  return new Map(rows.map((r) => [r.person_id, Number(r.n)]));
}
