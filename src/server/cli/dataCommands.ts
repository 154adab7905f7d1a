import { copyFileSync, existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { sealAudit, verifyAudit } from '../audit/auditLog.ts';
import type { Config } from '../config.ts';
import { openSqlite } from '../db/database.ts';
import { pendingMigrations } from '../db/migrate.ts';
import { openDeps } from '../node.ts';
import { CliError } from './cliError.ts';

const PG_BACKUP = `On PostgreSQL, back up with pg_dump and restore with pg_restore (docs/operations.md):
  pg_dump --format=custom --file=pathfinder-$(date +%F).dump "$DATABASE_URL"
  pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" pathfinder-YYYY-MM-DD.dump
then run: npx pathfinder audit verify`;

/** Checks the audit chain; exit 0 when whole, 3 when broken (naming the first broken row). */
export async function runAuditVerify(config: Config): Promise<number> {
  const { deps, database } = openDeps(config);
  try {
    const result = await verifyAudit(deps.db);
    const tail = result.unsealed ? `; ${result.unsealed} newer row(s) not sealed yet` : '';
    if (result.ok) {
      process.stdout.write(
        `audit chain OK: ${result.sealed} sealed rows, head ${result.headHash.slice(0, 16)}…${tail}\n`,
      );
      return 0;
    }
    const b = result.firstBroken;
    process.stderr.write(
      `audit chain BROKEN at row ${b?.seq}${b?.id ? ` (id ${b.id})` : ''}: ${b?.reason}${tail}\n`,
    );
    return 3;
  } finally {
    await database.close();
  }
}

function sqliteFile(config: Config): string {
  if (config.databaseUrl) throw new CliError(PG_BACKUP, 2);
  return join(config.dataDir, 'pathfinder.sqlite');
}

/** Writes a consistent online copy of the embedded database (safe while the server runs). */
export async function runBackup(config: Config, out: string | undefined): Promise<number> {
  const file = sqliteFile(config);
  if (!existsSync(file)) throw new CliError(`no database at ${file}`, 1);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const target = resolve(out ?? join(config.dataDir, 'backups', `pathfinder-${stamp}.sqlite`));
  if (existsSync(target)) throw new CliError(`${target} already exists`, 1);
  mkdirSync(dirname(target), { recursive: true });
  // Seal first so the copy's chain is complete up to now.
  const { deps, database } = openDeps(config);
  try {
    await sealAudit(deps.db, deps.clock, deps.dialect);
  } finally {
    await database.close();
  }
  const source = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    await source.backup(target);
  } finally {
    source.close();
  }
  process.stdout.write(`backup written: ${target}\n`);
  return 0;
}

/**
 * Replaces the embedded database with a backup, after checking that the backup
 * is a Pathfinder database whose audit chain verifies. The server must be stopped.
 */
export async function runRestore(config: Config, backup: string, force: boolean): Promise<number> {
  const file = sqliteFile(config);
  const source = resolve(backup);
  if (!existsSync(source)) throw new CliError(`no backup at ${source}`, 1);
  const probe = openSqlite(source);
  try {
    const pending = await pendingMigrations(probe.db).catch(() => {
      throw new CliError(`${source} is not a Pathfinder database`, 1);
    });
    const check = await verifyAudit(probe.db);
    if (!check.ok)
      throw new CliError(
        `the backup's audit chain is broken at row ${check.firstBroken?.seq}: ${check.firstBroken?.reason}`,
        3,
      );
    if (pending.length)
      process.stdout.write(
        `note: the backup predates ${pending.length} migration(s); they run at next start\n`,
      );
  } finally {
    await probe.close();
  }
  if (existsSync(file) && !force) {
    throw new CliError(
      `${file} exists: stop the server, then run again with --force to replace it (the current file is kept as .before-restore)`,
      1,
    );
  }
  mkdirSync(dirname(file), { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) {
    const part = `${file}${suffix}`;
    if (existsSync(part)) renameSync(part, `${file}.before-restore${suffix}`);
  }
  copyFileSync(source, file);
  process.stdout.write(`restored ${source} → ${file}; audit chain verified\n`);
  return 0;
}
