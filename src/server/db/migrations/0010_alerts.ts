import type { Kysely } from 'kysely';

/**
 * Area alerts (issue #7, docs/alerts.md):
 *
 * - Weekly series are counted from `case_file` when asked (never a second copy
 *   that could drift): two indexes cover those counts — by week across the
 *   country (the weekly job) and by area (an area's chart, the map).
 * - `alert`: one per area, topic and ISO week (unique: the weekly job may run
 *   again), with what the method saw and its settings, and a state.
 * - `alert_event`: each state change with its comment.
 * - `alert_run`: one row per evaluated week: when, with which method, what came out.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('case_identified_area_idx')
    .on('case_file')
    .columns(['identified_at', 'area_code', 'topics'])
    .execute();
  await db.schema
    .createIndex('case_area_identified_idx')
    .on('case_file')
    .columns(['area_code', 'identified_at', 'topics'])
    .execute();

  await db.schema
    .createTable('alert')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('area_code', 'varchar(64)', (c) => c.notNull().references('area.code'))
    .addColumn('topic', 'varchar(40)', (c) => c.notNull())
    .addColumn('week', 'varchar(8)', (c) => c.notNull())
    .addColumn('week_start', 'varchar(10)', (c) => c.notNull())
    .addColumn('observed', 'integer', (c) => c.notNull())
    .addColumn('expected', 'double precision')
    .addColumn('threshold', 'double precision')
    .addColumn('method', 'varchar(40)', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('state', 'varchar(20)', (c) => c.notNull())
    .addColumn('closed_as', 'varchar(20)')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('alert_area_topic_week_key', ['area_code', 'topic', 'week'])
    .execute();
  await db.schema
    .createIndex('alert_state_week_idx')
    .on('alert')
    .columns(['state', 'week_start', 'id'])
    .execute();
  await db.schema.createIndex('alert_week_idx').on('alert').columns(['week_start', 'id']).execute();

  await db.schema
    .createTable('alert_event')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('alert_id', 'varchar(36)', (c) => c.notNull().references('alert.id'))
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .addColumn('actor_user_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('from_state', 'varchar(20)')
    .addColumn('to_state', 'varchar(20)', (c) => c.notNull())
    .addColumn('closed_as', 'varchar(20)')
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .createIndex('alert_event_alert_idx')
    .on('alert_event')
    .columns(['alert_id', 'at'])
    .execute();

  await db.schema
    .createTable('alert_run')
    .addColumn('week', 'varchar(8)', (c) => c.primaryKey())
    .addColumn('method', 'varchar(40)', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('started_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('finished_at', 'varchar(32)')
    .addColumn('series', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('evaluated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('alerts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('skipped', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('alert_run').execute();
  await db.schema.dropTable('alert_event').execute();
  await db.schema.dropTable('alert').execute();
  await db.schema.dropIndex('case_area_identified_idx').execute();
  await db.schema.dropIndex('case_identified_area_idx').execute();
}
