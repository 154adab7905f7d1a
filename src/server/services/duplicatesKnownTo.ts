import type { Ctx } from '../context.ts';
import { ownCase } from './cases.ts';
import { linkageModels } from './linkageModel.ts';
import { audit } from './trail.ts';

/** Another agency type that probably knows the person, and how many of its cases. */
export interface KnownTo {
  agencyType: string;
  cases: number;
}

/**
 * "Possibly known to": for the person of one of the actor's cases, the other
 * agencies' cases of the same person — after a merge — and of persons the
 * engine matches with it (open pairs at or above the match threshold). Agency
 * types and counts only: never a name, a reference or an agency, which the
 * worker has no right to see; access goes through a referral.
 */
export async function knownTo(ctx: Ctx, caseId: string): Promise<KnownTo[]> {
  const kase = await ownCase(ctx, caseId);
  const person = kase.person_id;
  const { dedup } = await linkageModels(ctx.deps);
  const db = ctx.deps.db;
  const pairs = await db
    .selectFrom('duplicate_pair')
    .select(['person_a', 'person_b'])
    .where('status', '=', 'open')
    .where('probability', '>=', dedup.matchThreshold)
    .where((eb) => eb.or([eb('person_a', '=', person), eb('person_b', '=', person)]))
    .limit(100)
    .execute();
  const persons = [person, ...pairs.map((p) => (p.person_a === person ? p.person_b : p.person_a))];
  const rows = await db
    .selectFrom('case_file')
    .innerJoin('agency', 'agency.id', 'case_file.owner_agency_id')
    .select((eb) => ['agency.type as agency_type', eb.fn.countAll<number>().as('n')])
    .where('case_file.person_id', 'in', persons)
    .where('case_file.owner_agency_id', '!=', kase.owner_agency_id)
    .groupBy('agency.type')
    .orderBy('agency.type')
    .execute();
  const result = rows.map((r) => ({ agencyType: r.agency_type, cases: Number(r.n) }));
  await audit(ctx, db, {
    action: 'person.known_to',
    entity: 'case',
    entityIds: [caseId],
    details: { agencyTypes: result.length },
  });
  return result;
}
