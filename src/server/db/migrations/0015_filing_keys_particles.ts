import { type Kysely, sql } from 'kysely';
import { linkageKey, nameFilingKeys } from '../../../core/index.ts';

/**
 * A name's pair keys are now made of its first four words with identifying words before
 * particles (Bahadur, Kumari, Thị, de …; core/linkage/scoreAgainst.ts), where they were the
 * first four in alphabetical order: the same pairs unless the name has five words or more. Only
 * those persons get their missing keys here. Nothing is removed (an older key is only an extra
 * row), and a person merged into another stays without keys.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  let after = '';
  for (;;) {
    // With the person's card (migration 0014), copied beside each key.
    const persons = await sql<{
      id: string;
      owner_agency_id: string;
      name_key: string;
      [card: string]: unknown;
    }>`SELECT p.id, p.owner_agency_id, p.name_key, p.given_name, p.family_name, p.sex,
          p.birth_date, p.estimated_age, p.age_recorded_on, p.area_code
        FROM person p WHERE p.id > ${after}
          AND NOT EXISTS (SELECT 1 FROM person_merge m
            WHERE m.merged_id = p.id AND m.unmerged_at IS NULL)
        ORDER BY p.id LIMIT 2000`.execute(db);
    const last = persons.rows.at(-1);
    if (!last) break;
    after = last.id;
    const rows = persons.rows
      .filter((p) => new Set(linkageKey(p.name_key).split(' ')).size >= 5)
      .flatMap(({ id, owner_agency_id, name_key, ...card }) =>
        nameFilingKeys(name_key).map((key) => ({
          agency_id: owner_agency_id,
          key: key.slice(0, 200),
          person_id: id,
          ...card,
        })),
      );
    for (let i = 0; i < rows.length; i += 500)
      await db
        .insertInto('person_key' as never)
        .values(rows.slice(i, i + 500) as never)
        .onConflict((oc) => oc.doNothing())
        .execute();
  }
}

export async function down(): Promise<void> {
  // The keys added are keys the name has: nothing to undo.
}
