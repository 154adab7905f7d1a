import type { Kysely } from 'kysely';

/** Persons, cases, screenings, tasks and the case timeline (issue #3). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('person')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('given_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('family_name', 'varchar(200)', (c) => c.notNull().defaultTo(''))
    .addColumn('name_key', 'varchar(400)', (c) => c.notNull())
    .addColumn('sex', 'varchar(10)', (c) => c.notNull())
    .addColumn('birth_date', 'varchar(10)')
    .addColumn('estimated_age', 'integer')
    .addColumn('age_recorded_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('area_code', 'varchar(64)', (c) => c.references('area.code'))
    .addColumn('owner_agency_id', 'varchar(36)', (c) => c.notNull().references('agency.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('person_agency_name_idx')
    .on('person')
    .columns(['owner_agency_id', 'name_key'])
    .execute();

  await db.schema
    .createTable('case_file')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('reference', 'varchar(40)', (c) => c.notNull().unique())
    .addColumn('person_id', 'varchar(36)', (c) => c.notNull().references('person.id'))
    .addColumn('topics', 'varchar(100)', (c) => c.notNull())
    .addColumn('step', 'varchar(30)', (c) => c.notNull())
    .addColumn('risk_level', 'varchar(10)', (c) => c.notNull())
    .addColumn('owner_agency_id', 'varchar(36)', (c) => c.notNull().references('agency.id'))
    .addColumn('area_code', 'varchar(64)', (c) => c.notNull().references('area.code'))
    .addColumn('created_by', 'varchar(36)', (c) => c.notNull())
    .addColumn('identified_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('closed_at', 'varchar(32)')
    .addColumn('closure_requested_by', 'varchar(36)')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('case_agency_step_idx')
    .on('case_file')
    .columns(['owner_agency_id', 'step', 'risk_level'])
    .execute();
  // The caseload: an agency's cases newest first (ties by id), often narrowed by risk;
  // the id in the key lets the index give the order, so no sort of the whole caseload.
  await db.schema
    .createIndex('case_agency_created_idx')
    .on('case_file')
    .columns(['owner_agency_id', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('case_agency_risk_created_idx')
    .on('case_file')
    .columns(['owner_agency_id', 'risk_level', 'created_at', 'id'])
    .execute();
  await db.schema.createIndex('case_person_idx').on('case_file').column('person_id').execute();

  await db.schema
    .createTable('screening')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('case_id', 'varchar(36)', (c) => c.notNull().references('case_file.id'))
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('rules_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('rules_version', 'varchar(40)', (c) => c.notNull())
    .addColumn('inputs', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('summary', 'varchar(60)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(36)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('screening_case_idx').on('screening').column('case_id').execute();

  await db.schema
    .createTable('task')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('case_id', 'varchar(36)', (c) => c.notNull().references('case_file.id'))
    .addColumn('kind', 'varchar(40)', (c) => c.notNull())
    .addColumn('due_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('done_at', 'varchar(32)')
    .addColumn('agency_id', 'varchar(36)', (c) => c.notNull().references('agency.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('task_agency_due_idx')
    .on('task')
    .columns(['agency_id', 'done_at', 'due_at'])
    .execute();
  await db.schema.createIndex('task_case_idx').on('task').column('case_id').execute();

  await db.schema
    .createTable('case_event')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('case_id', 'varchar(36)', (c) => c.notNull().references('case_file.id'))
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .addColumn('actor_user_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('type', 'varchar(40)', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('case_event_case_idx')
    .on('case_event')
    .columns(['case_id', 'at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['case_event', 'task', 'screening', 'case_file', 'person']) {
    await db.schema.dropTable(table).execute();
  }
}
