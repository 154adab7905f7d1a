import { nameKey, personAge } from '../../core/index.ts';
import type { Ctx } from '../context.ts';
import { containsText } from '../db/like.ts';
import { ProblemError } from '../http/problem.ts';
import { requireAny } from './access.ts';
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

/**
 * Search before create: the agency's persons whose name contains the words
 * typed (any script, accents ignored), narrowed by sex and approximate age.
 */
export async function searchPersons(
  ctx: Ctx,
  query: { q: string; sex?: string | undefined; age?: string | undefined },
): Promise<PersonMatch[]> {
  const actor = await requireAny(ctx, 'case:read:agency');
  const key = nameKey(query.q);
  if (key.length < 2) throw new ProblemError(400, 'invalid_query', { field: 'q' });
  let select = ctx.deps.db
    .selectFrom('person')
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
    .where('person.owner_agency_id', '=', actor.agencyId)
    .orderBy('person.name_key')
    .limit(50);
  for (const word of key.split(' ')) select = select.where(containsText(['person.name_key'], word));
  if (query.sex) select = select.where('person.sex', '=', query.sex);
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
    .filter((m) => wantedAge === null || m.age === null || Math.abs(m.age - wantedAge) <= 2);
  await audit(ctx, ctx.deps.db, {
    action: 'person.search',
    entity: 'person',
    entityIds: matches.map((m) => m.id),
  });
  return matches;
}
