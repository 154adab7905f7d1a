import type { Kysely } from 'kysely';

/** Case notes with a sensitivity flag, and consent recorded per purpose (issue #3). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('case_note')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('case_id', 'varchar(36)', (c) => c.notNull().references('case_file.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('sensitive', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'varchar(36)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_note_case_idx').on('case_note').column('case_id').execute();

  await db.schema
    .createTable('consent')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('case_id', 'varchar(36)', (c) => c.notNull().references('case_file.id'))
    .addColumn('person_id', 'varchar(36)', (c) => c.notNull().references('person.id'))
    .addColumn('purpose', 'varchar(40)', (c) => c.notNull())
    .addColumn('agency_types', 'varchar(400)', (c) => c.notNull().defaultTo(''))
    .addColumn('given', 'integer', (c) => c.notNull())
    .addColumn('given_by', 'varchar(20)', (c) => c.notNull())
    .addColumn('recorded_by', 'varchar(36)', (c) => c.notNull())
    .addColumn('recorded_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('withdrawn_at', 'varchar(32)')
    .addColumn('withdrawn_by', 'varchar(36)')
    .execute();
  await db.schema.createIndex('consent_case_idx').on('consent').column('case_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('consent').execute();
  await db.schema.dropTable('case_note').execute();
}
