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
import type { Database } from '../db/schema.ts';
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

/** The person fields copied beside each of its filing keys (migration 0014): what search ranks on. */
export type PersonCard = Pick<
  Database['person'],
  | 'given_name'
  | 'family_name'
  | 'sex'
  | 'birth_date'
  | 'estimated_age'
  | 'age_recorded_on'
  | 'area_code'
>;

/**
 * The rows of `person_key` for a person: the linkage filing keys of its name
 * key (transliterated words, name skeletons and pairs of skeletons), so a name
 * is found from any script and any spelling that sounds alike. Without `card`,
 * a trigger copies the person's fields in.
 */
export function personKeyRows(
  personId: string,
  agencyId: string,
  key: string,
  card?: PersonCard,
): Database['person_key'][] {
  // Queries are looked up transliterated (queryFilingKeys): the name key's own words in their
  // script would never be read.
  const all = new Set(nameFilingKeys(key).map((w) => w.slice(0, 200)));
  const copy = {
    given_name: card?.given_name ?? null,
    family_name: card?.family_name ?? null,
    sex: card?.sex ?? null,
    birth_date: card?.birth_date ?? null,
    estimated_age: card?.estimated_age ?? null,
    age_recorded_on: card?.age_recorded_on ?? null,
    area_code: card?.area_code ?? null,
  };
  return [...all].map((w) => ({ agency_id: agencyId, key: w, person_id: personId, ...copy }));
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
  const { words, skeletons, pairs, particlePairs } = queryFilingKeys(query.q);
  const [lead = ''] = words;
  if (nameKey(query.q).length < 2 || lead.length === 0)
    throw new ProblemError(400, 'invalid_query', { field: 'q' });
  const db = ctx.deps.db;
  const sex = query.sex ?? null;
  const areas = query.area ? await areaAndBelow(ctx, query.area) : null;
  // Each key row carries the person's ranking fields (migration 0014): a lookup is one range of
  // the index, and no person row is read. Sex and area, when given, filter the same range.
  const keyed = () => {
    let base = db
      .selectFrom('person_key')
      .select(['person_key.person_id as id', ...CARD_COLUMNS])
      .where('person_key.agency_id', '=', actor.agencyId);
    if (sex) base = base.where('person_key.sex', '=', sex);
    if (areas) base = base.where('person_key.area_code', 'in', areas);
    return base;
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
  // Two words that sound like the query's: a small block — two identifying words ("Ram Thapa"
  // for "Ram Bahadur Thapa"), and a pair with a particle (the only pair of "Goma Devi Rai" long
  // enough, or the one a typo in the family name leaves); without the first, the longest
  // word's skeleton.
  if (pairs[0]) lookups.push(exact(pairs[0]));
  else if (skeletons[0]) lookups.push(exact(skeletons[0]));
  if (particlePairs[0]) lookups.push(exact(particlePairs[0]));
  const byId = new Map<string, CandidateRow>();
  for (const rows of await Promise.all(lookups))
    for (const r of rows) if (!byId.has(r.id)) byId.set(r.id, r);
  const today = ctx.deps.clock.now().toISOString().slice(0, 10);
  const wantedAge = query.age === undefined ? null : Number(query.age);
  const rows = await completeCards(ctx, [...byId.values()]);
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

const CARD_COLUMNS = [
  'person_key.given_name',
  'person_key.family_name',
  'person_key.sex',
  'person_key.birth_date',
  'person_key.estimated_age',
  'person_key.age_recorded_on',
  'person_key.area_code',
] as const;

/** A candidate as its key row carries it. */
type CandidateRow = Omit<Database['person_key'], 'agency_id' | 'key' | 'person_id'> & {
  id: string;
};

/**
 * Candidates with their ranking fields; the triggers of migration 0014 always fill the copy,
 * but a key row without one (sex null) is read from its person rather than ranked blind.
 */
async function completeCards(
  ctx: Ctx,
  rows: CandidateRow[],
): Promise<Parameters<typeof personRecord>[0][]> {
  type PersonRow = Parameters<typeof personRecord>[0];
  const missing = rows.filter((r) => r.sex === null).map((r) => r.id);
  const read = new Map<string, PersonRow>();
  if (missing.length > 0)
    for (const p of await ctx.deps.db
      .selectFrom('person')
      .select([...LINKAGE_COLUMNS])
      .where('person.id', 'in', missing)
      .execute())
      read.set(p.id, p);
  return rows.flatMap((r) => {
    if (r.sex === null) {
      const person = read.get(r.id);
      return person ? [person] : [];
    }
    return [
      {
        id: r.id,
        given_name: r.given_name ?? '',
        family_name: r.family_name ?? '',
        sex: r.sex,
        birth_date: r.birth_date,
        estimated_age: r.estimated_age,
        age_recorded_on: r.age_recorded_on ?? '',
        area_code: r.area_code,
      },
    ];
  });
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
