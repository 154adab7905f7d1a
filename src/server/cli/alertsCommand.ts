import { parseArgs } from 'node:util';
import type { Config } from '../config.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { openDeps } from '../node.ts';
import { runAlertWeek } from '../services/alertsRun.ts';
import { lastCompleteWeek, weekOfLabel } from '../services/seriesWeeks.ts';
import { CliError } from './cliError.ts';

const USAGE = 'usage: pathfinder alerts run [--week YYYY-Www]';

/** `pathfinder alerts run`: the weekly alert job on demand, for one week (docs/alerts.md). */
export async function runAlertsCommand(config: Config, args: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    throw new CliError(`${error instanceof Error ? error.message : String(error)} (${USAGE})`);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1 || positionals[0] !== 'run') throw new CliError(USAGE);
  const week = values.week === undefined ? undefined : weekOfLabel(values.week);
  if (week === null)
    throw new CliError(`--week must be an ISO week such as 2026-W05 (got "${values.week}")`);
  const { deps, database } = openDeps(config);
  try {
    await migrateToLatest(deps.db);
    if (week !== undefined && week > lastCompleteWeek(deps.clock.now()))
      throw new CliError(
        `week ${values.week} is not over yet: alerts are worked out for complete weeks`,
      );
    const s = await runAlertWeek(deps, week);
    const skipped = Object.entries(s.skipped)
      .map(([reason, n]) => `${n} ${reason}`)
      .join(', ');
    process.stdout.write(
      `week ${s.week}, method ${s.method}: ${s.evaluated} of ${s.series} series evaluated, ` +
        `${s.created} new alert(s), ${s.notified} person(s) notified` +
        (skipped ? `; not evaluated: ${skipped}\n` : '\n'),
    );
  } finally {
    await database.close();
  }
  return 0;
}

function parse(args: string[]) {
  return parseArgs({
    args,
    options: { week: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
}
