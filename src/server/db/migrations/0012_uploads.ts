import type { Kysely } from 'kysely';
import { isPostgres } from './0001_foundation.ts';

/**
 * Resumable uploads (docs/sync.md, "Attachments"): a device announces a file
 * (`upload`), then sends it in chunks (`upload_part`, one row per chunk, keyed by
 * its offset) that survive a dropped connection; when the last byte arrives and
 * the SHA-256 matches, the parts become one attachment in one transaction.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .createTable('upload')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('case_id', 'varchar(36)', (c) => c.notNull().references('case_file.id'))
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('device_id', 'varchar(36)')
    .addColumn('file_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('media_type', 'varchar(100)', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('sensitive', 'integer', (c) => c.notNull())
    .addColumn('received_bytes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('attachment_id', 'varchar(36)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('upload_updated_idx').on('upload').column('updated_at').execute();
  await db.schema
    .createTable('upload_part')
    .addColumn('upload_id', 'varchar(36)', (c) => c.notNull().references('upload.id'))
    .addColumn('offset_bytes', 'integer', (c) => c.notNull())
    .addColumn('content', pg ? 'bytea' : 'blob', (c) => c.notNull())
    .addPrimaryKeyConstraint('upload_part_pk', ['upload_id', 'offset_bytes'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('upload_part').execute();
  await db.schema.dropTable('upload').execute();
}
