import { type Kysely, sql } from 'kysely';
import { isPostgres } from './0001_foundation.ts';

/**
 * Case assignment ("my cases"), indexed person-name keys (search over a million
 * persons), attachments and answers to the country pack's forms (issue #3).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);

  await db.schema.alterTable('case_file').addColumn('assigned_user_id', 'varchar(36)').execute();
  await sql`UPDATE case_file SET assigned_user_id = created_by`.execute(db);
  await db.schema
    .createIndex('case_assigned_created_idx')
    .on('case_file')
    .columns(['assigned_user_id', 'created_at', 'id'])
    .execute();

  // One row per word of a person's name key; prefix search walks this index in order.
  // PostgreSQL compares in byte order ("C") so that `key >= 'ram' AND key < 'ram\uffff'`
  // is a range scan whatever the database's locale.
  await db.schema
    .createTable('person_key')
    .addColumn('agency_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('key', pg ? sql`varchar(200) COLLATE "C"` : 'varchar(200)', (c) => c.notNull())
    .addColumn('person_id', 'varchar(36)', (c) => c.notNull().references('person.id'))
    .addPrimaryKeyConstraint('person_key_pk', ['agency_id', 'key', 'person_id'])
    .execute();
  await db.schema
    .createIndex('person_key_person_idx')
    .on('person_key')
    .column('person_id')
    .execute();
  const persons = await sql<{ id: string; owner_agency_id: string; name_key: string }>`
    SELECT id, owner_agency_id, name_key FROM person`.execute(db);
  for (let i = 0; i < persons.rows.length; i += 500) {
    const rows = persons.rows.slice(i, i + 500).flatMap((p) =>
      [...new Set(p.name_key.split(' ').filter((w) => w.length > 0))].map((key) => ({
        agency_id: p.owner_agency_id,
        key,
        person_id: p.id,
      })),
    );
    if (rows.length > 0)
      await db
        .insertInto('person_key' as never)
        .values(rows as never)
        .execute();
  }

  await db.schema
    .createTable('attachment')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('case_id', 'varchar(36)', (c) => c.notNull().references('case_file.id'))
    .addColumn('file_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('media_type', 'varchar(100)', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('sensitive', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'varchar(36)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('deleted_at', 'varchar(32)')
    .addColumn('deleted_by', 'varchar(36)')
    .execute();
  await db.schema.createIndex('attachment_case_idx').on('attachment').column('case_id').execute();
  // The bytes apart from the list, so listing a case's files never reads them.
  await db.schema
    .createTable('attachment_content')
    .addColumn('attachment_id', 'varchar(36)', (c) => c.primaryKey().references('attachment.id'))
    .addColumn('content', pg ? 'bytea' : 'blob', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('case_form_answer')
    .addColumn('case_id', 'varchar(36)', (c) => c.notNull().references('case_file.id'))
    .addColumn('form_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('form_version', 'varchar(40)', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'varchar(36)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_form_answer_pk', ['case_id', 'form_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['case_form_answer', 'attachment_content', 'attachment', 'person_key']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropIndex('case_assigned_created_idx').execute();
  await db.schema.alterTable('case_file').dropColumn('assigned_user_id').execute();
}
