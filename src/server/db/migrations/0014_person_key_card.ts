import { type Kysely, sql } from 'kysely';
import { isPostgres } from './0001_foundation.ts';

/** The person fields search before create ranks on, kept beside each filing key. */
const CARD = [
  ['given_name', 'varchar(200)'],
  ['family_name', 'varchar(200)'],
  ['sex', 'varchar(20)'],
  ['birth_date', 'varchar(10)'],
  ['estimated_age', 'integer'],
  ['age_recorded_on', 'varchar(10)'],
  ['area_code', 'varchar(64)'],
] as const;

/**
 * Search before create reads its candidates' ranking fields from the filing keys
 * themselves (issue #6, docs/linkage.md): `person_key` carries a copy of the person's
 * name, sex, birth date or estimated age and area. A prefix range of the index then
 * holds everything ranking needs, instead of one random `person` row per candidate
 * (the slow part of a search at a million persons when those rows are not cached).
 *
 * - PostgreSQL: the primary key index INCLUDEs the copy, so a search is an index-only
 *   range scan.
 * - Triggers keep the copy right whatever code path writes: a key row inserted without
 *   it (sex is null) takes it from its person right after, and a change to one of these fields of a
 *   person is copied to all its keys.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  for (const [column, type] of CARD)
    await db.schema.alterTable('person_key').addColumn(column, sql.raw(type)).execute();
  const columns = CARD.map(([c]) => c);
  const list = columns.join(', ');
  if (pg) {
    await sql`UPDATE person_key k SET ${sql.raw(columns.map((c) => `${c} = p.${c}`).join(', '))}
      FROM person p WHERE p.id = k.person_id`.execute(db);
    await sql`ALTER TABLE person_key DROP CONSTRAINT person_key_pk`.execute(db);
    await sql`ALTER TABLE person_key ADD CONSTRAINT person_key_pk
      PRIMARY KEY (agency_id, key, person_id) INCLUDE (${sql.raw(list)})`.execute(db);
    // After the row, not before: a key written in the same statement as its person (intake's
    // one multi-table statement) sees that person only once the statement is done.
    await sql`CREATE FUNCTION person_key_card() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE person_key k SET ${sql.raw(columns.map((c) => `${c} = p.${c}`).join(', '))}
          FROM person p
          WHERE p.id = NEW.person_id AND k.agency_id = NEW.agency_id AND k.key = NEW.key
            AND k.person_id = NEW.person_id;
        RETURN NULL;
      END $$`.execute(db);
    await sql`CREATE TRIGGER person_key_card AFTER INSERT ON person_key FOR EACH ROW
      WHEN (NEW.sex IS NULL) EXECUTE FUNCTION person_key_card()`.execute(db);
    await sql`CREATE FUNCTION person_card_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE person_key SET ${sql.raw(columns.map((c) => `${c} = NEW.${c}`).join(', '))}
          WHERE person_id = NEW.id;
        RETURN NULL;
      END $$`.execute(db);
    const changed = columns.map((c) => `OLD.${c} IS DISTINCT FROM NEW.${c}`).join(' OR ');
    await sql`CREATE TRIGGER person_card_changed AFTER UPDATE ON person FOR EACH ROW
      WHEN (${sql.raw(changed)}) EXECUTE FUNCTION person_card_changed()`.execute(db);
  } else {
    const fromPerson = (id: string) =>
      columns.map((c) => `${c} = (SELECT p.${c} FROM person p WHERE p.id = ${id})`).join(', ');
    await sql`UPDATE person_key SET ${sql.raw(fromPerson('person_key.person_id'))}`.execute(db);
    await sql`CREATE TRIGGER person_key_card AFTER INSERT ON person_key WHEN NEW.sex IS NULL
      BEGIN
        UPDATE person_key SET ${sql.raw(fromPerson('NEW.person_id'))}
          WHERE agency_id = NEW.agency_id AND key = NEW.key AND person_id = NEW.person_id;
      END`.execute(db);
    await sql`CREATE TRIGGER person_card_changed AFTER UPDATE OF ${sql.raw(list)} ON person
      BEGIN
        UPDATE person_key SET ${sql.raw(columns.map((c) => `${c} = NEW.${c}`).join(', '))}
          WHERE person_id = NEW.id;
      END`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  if (pg) {
    await sql`DROP TRIGGER person_card_changed ON person`.execute(db);
    await sql`DROP FUNCTION person_card_changed()`.execute(db);
    await sql`DROP TRIGGER person_key_card ON person_key`.execute(db);
    await sql`DROP FUNCTION person_key_card()`.execute(db);
    await sql`ALTER TABLE person_key DROP CONSTRAINT person_key_pk`.execute(db);
    await sql`ALTER TABLE person_key ADD CONSTRAINT person_key_pk
      PRIMARY KEY (agency_id, key, person_id)`.execute(db);
  } else {
    await sql`DROP TRIGGER person_card_changed`.execute(db);
    await sql`DROP TRIGGER person_key_card`.execute(db);
  }
  for (const [column] of CARD)
    await db.schema.alterTable('person_key').dropColumn(column).execute();
}
