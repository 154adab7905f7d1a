import type { Kysely } from 'kysely';

/** Case plan goals, interventions and follow-up visits: what "what works" analyses will read (issue #3). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('case_goal')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('case_id', 'varchar(36)', (c) => c.notNull().references('case_file.id'))
    .addColumn('description', 'varchar(500)', (c) => c.notNull())
    .addColumn('due_date', 'varchar(10)')
    .addColumn('done_at', 'varchar(32)')
    .addColumn('created_by', 'varchar(36)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_goal_case_idx').on('case_goal').column('case_id').execute();

  await db.schema
    .createTable('intervention')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('case_id', 'varchar(36)', (c) => c.notNull().references('case_file.id'))
    .addColumn('type', 'varchar(40)', (c) => c.notNull())
    .addColumn('started_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('ended_on', 'varchar(10)')
    .addColumn('provider', 'varchar(200)')
    .addColumn('created_by', 'varchar(36)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('intervention_case_idx')
    .on('intervention')
    .column('case_id')
    .execute();

  await db.schema
    .createTable('follow_up')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('case_id', 'varchar(36)', (c) => c.notNull().references('case_file.id'))
    .addColumn('visited_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('still_working', 'integer')
    .addColumn('in_school', 'integer')
    .addColumn('safe', 'integer')
    .addColumn('with_family', 'integer')
    .addColumn('created_by', 'varchar(36)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('follow_up_case_idx').on('follow_up').column('case_id').execute();

  // Synthetic data only: which records stand for the same made-up person, kept apart
  // from the records so linkage can be measured against it.
  await db.schema
    .createTable('synthetic_truth')
    .addColumn('person_id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('identity', 'varchar(36)', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['synthetic_truth', 'follow_up', 'intervention', 'case_goal'])
    await db.schema.dropTable(table).execute();
}
