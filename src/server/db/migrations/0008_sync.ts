import type { Kysely } from 'kysely';

/**
 * Offline sync (issue #5, docs/sync.md): registered devices, the mutations a
 * device pushed (each applied once, its answer kept for a retry), conflicts kept
 * for a person to resolve, and per-field versions of the offline-editable records.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('device')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('app_user.id'))
    .addColumn('label', 'varchar(200)', (c) => c.notNull())
    .addColumn('user_agent', 'varchar(500)')
    .addColumn('registered_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('last_seen_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('revoked_at', 'varchar(32)')
    .addColumn('revoked_by', 'varchar(36)')
    .execute();
  await db.schema.createIndex('device_user_idx').on('device').column('user_id').execute();

  await db.schema
    .createTable('sync_mutation')
    .addColumn('mutation_id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('device_id', 'varchar(36)', (c) => c.notNull().references('device.id'))
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('kind', 'varchar(40)', (c) => c.notNull())
    .addColumn('received_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('result', 'text')
    .execute();

  await db.schema
    .createTable('sync_conflict')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('entity', 'varchar(40)', (c) => c.notNull())
    .addColumn('entity_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('case_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('field', 'varchar(60)', (c) => c.notNull())
    .addColumn('base_version', 'integer')
    .addColumn('server_version', 'integer', (c) => c.notNull())
    .addColumn('server_value', 'text', (c) => c.notNull())
    .addColumn('device_value', 'text', (c) => c.notNull())
    .addColumn('device_id', 'varchar(36)')
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('agency_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('resolved_at', 'varchar(32)')
    .addColumn('resolved_by', 'varchar(36)')
    .addColumn('resolution', 'text')
    .execute();
  await db.schema
    .createIndex('sync_conflict_agency_idx')
    .on('sync_conflict')
    .columns(['agency_id', 'resolved_at'])
    .execute();

  await db.schema
    .alterTable('person')
    .addColumn('field_versions', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema
    .alterTable('case_file')
    .addColumn('field_versions', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  // The pull reads an agency's changes after a cursor.
  await db.schema
    .createIndex('change_log_agency_seq_idx')
    .on('change_log')
    .columns(['agency_id', 'seq'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('change_log_agency_seq_idx').execute();
  await db.schema.alterTable('case_file').dropColumn('field_versions').execute();
  await db.schema.alterTable('person').dropColumn('field_versions').execute();
  await db.schema.dropTable('sync_conflict').execute();
  await db.schema.dropTable('sync_mutation').execute();
  await db.schema.dropTable('device').execute();
}
