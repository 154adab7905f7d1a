import { type Kysely, sql } from 'kysely';
import { nameFilingKeys } from '../../../core/index.ts';
import { isPostgres } from './0001_foundation.ts';

/**
 * Record linkage in the product (issue #6, docs/linkage.md):
 *
 * - `person_key` also files each person under its transliterated words and
 *   name skeletons (search before create in any script); existing persons are
 *   filed here.
 * - `linkage_queue`: a row for every person written, added by a trigger in the
 *   writing transaction itself (whatever code path writes the person); the
 *   duplicate job reads it after commit.
 * - `duplicate_pair`: candidate pairs with score, band, explanation and the
 *   reviewer's decision; `person_merge`: each merge with every re-pointed row,
 *   so an unmerge restores exactly; `linkage_model`: the fitted model.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  const serial = pg ? 'bigserial' : 'integer';
  const real = pg ? 'double precision' : 'real';

  await db.schema
    .createTable('linkage_queue')
    .addColumn('seq', serial, (c) => c.primaryKey().$call((b) => (pg ? b : b.autoIncrement())))
    .addColumn('person_id', 'varchar(36)', (c) => c.notNull())
    .execute();
  const watched = ['given_name', 'family_name', 'sex', 'birth_date', 'estimated_age', 'area_code'];
  if (pg) {
    await sql`CREATE FUNCTION linkage_enqueue_rows() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO linkage_queue (person_id) SELECT id FROM new_persons;
        RETURN NULL;
      END $$`.execute(db);
    // One statement-level insert per statement: a bulk load of a million persons queues in one go.
    await sql`CREATE TRIGGER person_linkage_insert AFTER INSERT ON person
      REFERENCING NEW TABLE AS new_persons FOR EACH STATEMENT
      EXECUTE FUNCTION linkage_enqueue_rows()`.execute(db);
    await sql`CREATE FUNCTION linkage_enqueue_row() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO linkage_queue (person_id) VALUES (NEW.id);
        RETURN NULL;
      END $$`.execute(db);
    const changed = watched.map((c) => `OLD.${c} IS DISTINCT FROM NEW.${c}`).join(' OR ');
    await sql`CREATE TRIGGER person_linkage_update AFTER UPDATE ON person FOR EACH ROW
      WHEN (${sql.raw(changed)}) EXECUTE FUNCTION linkage_enqueue_row()`.execute(db);
  } else {
    await sql`CREATE TRIGGER person_linkage_insert AFTER INSERT ON person
      BEGIN INSERT INTO linkage_queue (person_id) VALUES (NEW.id); END`.execute(db);
    await sql`CREATE TRIGGER person_linkage_update AFTER UPDATE OF ${sql.raw(watched.join(', '))} ON person
      BEGIN INSERT INTO linkage_queue (person_id) VALUES (NEW.id); END`.execute(db);
  }

  await db.schema
    .createTable('duplicate_pair')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    // person_a < person_b: one row per unordered pair.
    .addColumn('person_a', 'varchar(36)', (c) => c.notNull().references('person.id'))
    .addColumn('person_b', 'varchar(36)', (c) => c.notNull().references('person.id'))
    .addColumn('weight', real, (c) => c.notNull())
    .addColumn('probability', real, (c) => c.notNull())
    .addColumn('decision', 'varchar(10)', (c) => c.notNull())
    .addColumn('explanation', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('found_by', 'varchar(10)', (c) => c.notNull())
    .addColumn('found_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('decided_by', 'varchar(36)')
    .addColumn('decided_at', 'varchar(32)')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('duplicate_pair_persons_uq', ['person_a', 'person_b'])
    .execute();
  await db.schema
    .createIndex('duplicate_pair_review_idx')
    .on('duplicate_pair')
    .columns(['status', 'weight', 'id'])
    .execute();
  await db.schema
    .createIndex('duplicate_pair_b_idx')
    .on('duplicate_pair')
    .column('person_b')
    .execute();

  await db.schema
    .createTable('person_merge')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('pair_id', 'varchar(36)', (c) => c.references('duplicate_pair.id'))
    .addColumn('kept_id', 'varchar(36)', (c) => c.notNull().references('person.id'))
    .addColumn('merged_id', 'varchar(36)', (c) => c.notNull().references('person.id'))
    // JSON: the rows re-pointed from the merged person to the kept one, and its filing keys.
    .addColumn('moved', 'text', (c) => c.notNull())
    .addColumn('merged_by', 'varchar(36)', (c) => c.notNull())
    .addColumn('merged_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('unmerged_by', 'varchar(36)')
    .addColumn('unmerged_at', 'varchar(32)')
    .execute();
  await db.schema
    .createIndex('person_merge_merged_idx')
    .on('person_merge')
    .columns(['merged_id', 'unmerged_at'])
    .execute();
  await db.schema
    .createIndex('person_merge_kept_idx')
    .on('person_merge')
    .column('kept_id')
    .execute();

  await db.schema
    .createTable('linkage_model')
    .addColumn('id', 'varchar(20)', (c) => c.primaryKey())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('persons', 'integer', (c) => c.notNull())
    .addColumn('pairs', 'integer', (c) => c.notNull())
    .addColumn('fitted_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  // File existing persons under their transliterated words and skeletons too.
  let after = '';
  for (;;) {
    const persons = await sql<{ id: string; owner_agency_id: string; name_key: string }>`
      SELECT id, owner_agency_id, name_key FROM person WHERE id > ${after} ORDER BY id LIMIT 2000`.execute(
      db,
    );
    const last = persons.rows.at(-1);
    if (!last) break;
    after = last.id;
    const rows = persons.rows.flatMap((p) => {
      const words = new Set(p.name_key.split(' '));
      return nameFilingKeys(p.name_key)
        .filter((k) => !words.has(k))
        .map((key) => ({ agency_id: p.owner_agency_id, key: key.slice(0, 200), person_id: p.id }));
    });
    for (let i = 0; i < rows.length; i += 500)
      await db
        .insertInto('person_key' as never)
        .values(rows.slice(i, i + 500) as never)
        .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DELETE FROM person_key WHERE key LIKE '#%'`.execute(db);
  await db.schema.dropTable('linkage_model').execute();
  await db.schema.dropTable('person_merge').execute();
  await db.schema.dropTable('duplicate_pair').execute();
  if (isPostgres(db)) {
    await sql`DROP TRIGGER IF EXISTS person_linkage_update ON person`.execute(db);
    await sql`DROP TRIGGER IF EXISTS person_linkage_insert ON person`.execute(db);
    await sql`DROP FUNCTION IF EXISTS linkage_enqueue_rows()`.execute(db);
    await sql`DROP FUNCTION IF EXISTS linkage_enqueue_row()`.execute(db);
  } else {
    await sql`DROP TRIGGER IF EXISTS person_linkage_update`.execute(db);
    await sql`DROP TRIGGER IF EXISTS person_linkage_insert`.execute(db);
  }
  await db.schema.dropTable('linkage_queue').execute();
}
