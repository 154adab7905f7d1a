import type { Config } from '../config.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { openDeps } from '../node.ts';
import { generateCases } from '../synthetic/generate.ts';
import { CliError } from './cliError.ts';

/** `pathfinder generate`: synthetic persons and cases, with progress, for demos and benchmarks. */
export async function runGenerate(
  config: Config,
  values: {
    cases?: string | undefined;
    duplicates?: string | undefined;
    seed?: string | undefined;
  },
): Promise<number> {
  const cases = Number(values.cases);
  const duplicateShare = values.duplicates === undefined ? 0.1 : Number(values.duplicates);
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(cases) || cases < 1 || cases > 10_000_000)
    throw new CliError('--cases must be a whole number from 1 to 10,000,000');
  if (!(duplicateShare >= 0 && duplicateShare <= 1))
    throw new CliError('--duplicates must be a share from 0 to 1');
  if (!Number.isInteger(seed)) throw new CliError('--seed must be a whole number');
  const { deps, database } = openDeps(config);
  try {
    await migrateToLatest(deps.db);
    let last = 0;
    const result = await generateCases(deps, {
      cases,
      duplicateShare,
      seed,
      batchSize: 1000,
      onProgress: (done, total) => {
        const pct = Math.floor((done / total) * 100);
        if (pct >= last + 5 || done === total) {
          last = pct;
          process.stderr.write(
            `\r${done.toLocaleString('en')} / ${total.toLocaleString('en')} cases (${pct}%)`,
          );
        }
      },
    });
    process.stderr.write('\n');
    process.stdout.write(
      `generated ${result.cases} cases for ${result.persons} person records (${result.duplicates} recorded again by another agency) in ${(result.ms / 1000).toFixed(1)} s\n`,
    );
  } finally {
    await database.close();
  }
  return 0;
}
