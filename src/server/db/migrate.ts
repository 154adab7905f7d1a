import { type Kysely, type Migration, type MigrationResult, Migrator } from 'kysely';
import * as m0001 from './migrations/0001_foundation.ts';
import * as m0002 from './migrations/0002_cases.ts';
import * as m0003 from './migrations/0003_case_plan.ts';
import * as m0004 from './migrations/0004_notes_consent.ts';
import * as m0005 from './migrations/0005_caseload_attachments_forms.ts';
import * as m0006 from './migrations/0006_directory_referrals.ts';
import * as m0007 from './migrations/0007_referral_fillfactor.ts';
import * as m0008 from './migrations/0008_sync.ts';
import * as m0009 from './migrations/0009_sync_feed.ts';
import * as m0010 from './migrations/0010_alerts.ts';
import * as m0011 from './migrations/0011_linkage.ts';
import * as m0012 from './migrations/0012_uploads.ts';
import * as m0013 from './migrations/0013_dashboards.ts';
import * as m0014 from './migrations/0014_person_key_card.ts';
import * as m0015 from './migrations/0015_filing_keys_particles.ts';
import type { Database } from './schema.ts';

/** Every migration, in order. Add new ones here; never edit one that has shipped. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_cases': m0002,
  '0003_case_plan': m0003,
  '0004_notes_consent': m0004,
  '0005_caseload_attachments_forms': m0005,
  '0006_directory_referrals': m0006,
  '0007_referral_fillfactor': m0007,
  '0008_sync': m0008,
  '0009_sync_feed': m0009,
  '0010_alerts': m0010,
  '0011_linkage': m0011,
  '0012_uploads': m0012,
  '0013_dashboards': m0013,
  '0014_person_key_card': m0014,
  '0015_filing_keys_particles': m0015,
};

function migrator(db: Kysely<Database>): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
    migrationTableName: 'schema_migration',
    migrationLockTableName: 'schema_migration_lock',
    // Features developed side by side may land their migrations out of number order.
    allowUnorderedMigrations: true,
  });
}

/** Brings the schema up to date; throws with the failing migration's name on error. */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationResult[]> {
  const { error, results } = await migrator(db).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(
      `migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return results ?? [];
}

/** Names of migrations not yet applied (empty when the schema is current). */
export async function pendingMigrations(db: Kysely<Database>): Promise<string[]> {
  const all = await migrator(db).getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
