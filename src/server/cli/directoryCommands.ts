import { existsSync, statSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Config } from '../config.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { ProblemError } from '../http/problem.ts';
import { openDeps } from '../node.ts';
import { CSV_TABLES, type CsvTable, documentFromCsv } from '../services/directoryCsv.ts';
import { type DocumentProblem, describeProblem } from '../services/directoryDocument.ts';
import {
  DIRECTORY_KINDS,
  type DirectoryCounts,
  exportDirectory,
  importDirectory,
} from '../services/directoryTransfer.ts';
import { CliError } from './cliError.ts';
import { systemCtx } from './systemCtx.ts';

const USAGE = `usage: pathfinder directory import FILE.json|FOLDER_OF_CSVS
       pathfinder directory export --out FILE.json`;

function options(args: string[]) {
  try {
    return parseArgs({
      args,
      options: { out: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new CliError(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
}

/** The document in a JSON file, or built from the HSDS CSV tables in a folder (services.csv, …). */
async function readDocument(path: string): Promise<unknown> {
  if (statSync(path).isDirectory()) {
    const tables: Partial<Record<CsvTable, string>> = {};
    for (const table of CSV_TABLES) {
      const file = join(path, `${table}.csv`);
      if (existsSync(file)) tables[table] = await readFile(file, 'utf8');
    }
    if (Object.keys(tables).length === 0)
      throw new CliError(
        `${path} holds none of ${CSV_TABLES.map((t) => `${t}.csv`).join(', ')}`,
        1,
      );
    try {
      return documentFromCsv(tables);
    } catch (error) {
      throw new CliError(`${path}: a CSV file cannot be read (${String(error)})`, 1);
    }
  }
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new CliError(`${path} is not a JSON document (${String(error)})`, 1);
  }
}

function summary(counts: DirectoryCounts): string {
  return DIRECTORY_KINDS.map(
    (k) =>
      `  ${k.padEnd(22)} ${counts.created[k]} created, ${counts.updated[k]} updated, ${counts.unchanged[k]} unchanged`,
  ).join('\n');
}

/** `pathfinder directory import|export`: the service directory as HSDS JSON (or CSV tables in). */
export async function runDirectory(config: Config, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = options(rest);
  if (sub === 'import') {
    const [path, ...extra] = positionals;
    if (path === undefined || extra.length > 0 || values.out !== undefined)
      throw new CliError(USAGE);
    if (!existsSync(path)) throw new CliError(`no file or folder at ${resolve(path)}`, 1);
    const doc = await readDocument(path);
    const { deps, database } = openDeps(config);
    try {
      await migrateToLatest(deps.db);
      const counts = await importDirectory(systemCtx(deps), doc);
      process.stdout.write(`directory imported from ${resolve(path)}:\n${summary(counts)}\n`);
      return 0;
    } catch (error) {
      if (error instanceof ProblemError && error.code === 'directory_import_invalid') {
        const problems = (error.extra.problems ?? []) as DocumentProblem[];
        throw new CliError(
          `${path}: ${problems.length} problem(s), nothing imported:\n- ${problems.map(describeProblem).join('\n- ')}`,
          1,
        );
      }
      throw error;
    } finally {
      await database.close();
    }
  }
  if (sub === 'export') {
    if (positionals.length > 0 || values.out === undefined) throw new CliError(USAGE);
    const { deps, database } = openDeps(config);
    try {
      await migrateToLatest(deps.db);
      const doc = await exportDirectory(systemCtx(deps));
      const target = resolve(values.out);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, `${JSON.stringify(doc, null, 2)}\n`);
      process.stdout.write(
        `directory exported: ${doc.organizations.length} organizations, ${doc.services.length} services, ${doc.locations.length} locations → ${target}\n`,
      );
      return 0;
    } finally {
      await database.close();
    }
  }
  throw new CliError(USAGE);
}
