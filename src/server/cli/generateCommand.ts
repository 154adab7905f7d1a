import type { Config } from '../config.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { openDeps } from '../node.ts';
import { generateCases, type Surge } from '../synthetic/generate.ts';
import { CliError } from './cliError.ts';

/** `pathfinder generate`: synthetic persons and cases, with progress, for demos and benchmarks. */
export async function runGenerate(
  config: Config,
  values: {
    cases?: string | undefined;
    duplicates?: string | undefined;
    seed?: string | undefined;
    weeks?: string | undefined;
    surge?: string | undefined;
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
  const weeks = values.weeks === undefined ? undefined : Number(values.weeks);
  if (weeks !== undefined && !(Number.isInteger(weeks) && weeks >= 1 && weeks <= 1040))
    throw new CliError('--weeks must be a whole number of weeks from 1 to 1040');
  const surge = values.surge === undefined ? undefined : parseSurge(values.surge, weeks ?? 52);
  const { deps, database } = openDeps(config);
  try {
    await migrateToLatest(deps.db);
    let last = 0;
    const result = await generateCases(deps, {
      cases,
      duplicateShare,
      seed,
      weeks,
      surge,
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

/** `AREA:WEEKS:FACTOR`, e.g. `NPL-D-BANKE:2:6`: six times the usual cases in Banke, the last two weeks. */
function parseSurge(text: string, span: number): Surge {
  const m = /^([A-Za-z0-9][A-Za-z0-9._-]*):(\d+):(\d+(?:\.\d+)?)$/.exec(text);
  const weeks = Number(m?.[2]);
  const factor = Number(m?.[3]);
  if (!m?.[1] || !(weeks >= 1 && weeks <= span) || !(factor > 1 && factor <= 1000))
    throw new CliError(
      `--surge must be AREA:WEEKS:FACTOR with 1 ≤ WEEKS ≤ ${span} (the --weeks span) and FACTOR above 1 (got "${text}")`,
    );
  return { area: m[1], weeks, factor };
}
