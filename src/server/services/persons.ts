import { nameKey, personAge } from '../../core/index.ts';
import type { Ctx } from '../context.ts';
import { containsText } from '../db/like.ts';
import { ProblemError } from '../http/problem.ts';
import { requireAny } from './access.ts';
import { areaAndBelow } from './areas.ts';
import { audit } from './trail.ts';

export interface PersonMatch {
  id: string;
  givenName: string;
  familyName: string;
  sex: string;
  age: number | null;
  areaCode: string | null;
  caseCount: number;
}

/** The rows of `person_key` for a person: each distinct word of the name key. */
export function personKeyRows(
  personId: string,
  agencyId: string,
  key: string,
): { agency_id: string; key: string; person_id: string }[] {
  return [...new Set(key.split(' ').filter((w) => w.length > 0))].map((w) => ({
    agency_id: agencyId,
    key: w.slice(0, 200),
    person_id: personId,
  }));
}

/** Above every character a name key can hold: `key < prefix + TOP` bounds a prefix range. */
const TOP = '\u{10FFFF}';

/**
 * Search before create: the agency's persons with a name word starting with
 * each word typed (any script, accents ignored), narrowed by sex, area and
 * approximate age. The longest word walks the `person_key` index in order, so
 * the cost follows the page, not the number of persons.
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
  const key = nameKey(query.q);
  if (key.length < 2) throw new ProblemError(400, 'invalid_query', { field: 'q' });
  const words = [...new Set(key.split(' '))].sort((a, b) => b.length - a.length);
  const [lead = '', ...others] = words;
  let select = ctx.deps.db
    .selectFrom('person_key')
    .innerJoin('person', 'person.id', 'person_key.person_id')
    .select((eb) => [
      'person.id',
      'person.given_name',
      'person.family_name',
      'person.sex',
      'person.birth_date',
      'person.estimated_age',
      'person.age_recorded_on',
      'person.area_code',
      eb
        .selectFrom('case_file')
        .select((c) => c.fn.countAll<number>().as('n'))
        .whereRef('case_file.person_id', '=', 'person.id')
        .as('case_count'),
    ])
    .where('person_key.agency_id', '=', actor.agencyId)
    .where('person_key.key', '>=', lead)
    .where('person_key.key', '<', lead + TOP)
    .orderBy('person_key.key')
    .orderBy('person_key.person_id')
    .limit(200);
  // Other words: a word of the name starting with them (or inside it, for compound names).
  for (const word of others) select = select.where(containsText(['person.name_key'], word));
  if (query.sex) select = select.where('person.sex', '=', query.sex);
  if (query.area)
    select = select.where('person.area_code', 'in', await areaAndBelow(ctx, query.area));
  const today = ctx.deps.clock.now().toISOString().slice(0, 10);
  const wantedAge = query.age === undefined ? null : Number(query.age);
  const rows = await select.execute();
  const matches = rows
    .map((r) => {
      const age = personAge(
        {
          birthDate: r.birth_date,
          estimatedAge: r.estimated_age,
          ageRecordedOn: r.age_recorded_on,
        },
        today,
      );
      return {
        id: r.id,
        givenName: r.given_name,
        familyName: r.family_name,
        sex: r.sex,
        age: age?.years ?? null,
        areaCode: r.area_code,
        caseCount: Number(r.case_count ?? 0),
      };
    })
    // Ages given by children and estimated by workers are rough: two years either way.
    .filter((m) => wantedAge === null || m.age === null || Math.abs(m.age - wantedAge) <= 2)
    .filter((m, i, all) => all.findIndex((o) => o.id === m.id) === i)
    .slice(0, 50);
  await audit(ctx, ctx.deps.db, {
    action: 'person.search',
    entity: 'person',
    entityIds: matches.map((m) => m.id),
  });
  return matches;
}
