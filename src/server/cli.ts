import { parseArgs } from 'node:util';
import { runAlertsCommand } from './cli/alertsCommand.ts';
import { CliError } from './cli/cliError.ts';
import { runAuditVerify, runBackup, runRestore } from './cli/dataCommands.ts';
import { runDetect } from './cli/detectCommand.ts';
import { runDirectory } from './cli/directoryCommands.ts';
import { runForm } from './cli/formCommands.ts';
import { runGenerate } from './cli/generateCommand.ts';
import { runDedup, runLink } from './cli/linkCommands.ts';
import { runMigrate, runSeed, runServe } from './cli/nodeCommands.ts';
import { runUser } from './cli/userCommands.ts';
import { loadConfig } from './config.ts';

const HELP = `Pathfinder: case management, referral and monitoring against child labour,
forced labour and human trafficking (SDG 8.7).

Usage: npx pathfinder <command> [options]

Commands:
  serve                         start the node (API, web app, background jobs)
  migrate                       bring the database schema up to date
  seed [--pack DIR]             load a country pack (default: the Nepal demo pack)
  user create --username U --name "Full Name" --agency CODE --role ROLE
              [--role ROLE…] [--area CODE…] [--language en] [--email E]
                                create a staff account; prints a temporary password
  user reset-password U         set a new temporary password (printed once)
  user unlock U                 lift a sign-in lock
  user disable U                disable an account and end its sessions
  user enable U                 enable a disabled account
  generate --cases N [--duplicates 0.1] [--seed 1] [--weeks 52] [--surge AREA:WEEKS:FACTOR]
                                synthetic persons and cases across the pack's areas
                                (a share recorded again by another agency, with variations),
                                identified over the last --weeks; --surge gives one area
                                FACTOR times its usual cases in the last WEEKS complete weeks
  form import FILE.xlsx [--out FORM.json] | form export FORM.json --out FILE.xlsx
                                country-specific questions: XLSForm workbook ⇄ pack JSON
  directory import FILE.json|FOLDER | directory export --out FILE.json
                                service directory: HSDS JSON document (or a folder of HSDS CSVs)
  link --left L.csv --right R.csv --map map.json --out pairs.csv [--truth COLUMN]
       [--clk schema.json --secret-file F]
                                link two lists of persons (docs/linkage.md)
  dedup --input X.csv --map map.json --out pairs.csv [--truth COLUMN] [--clk …]
                                find the same person recorded twice in one list
  detect --input series.csv --method M [--weeks N] [--alpha A] [--out F]
                                aberration detection on a weekly series (docs/alerts.md):
                                farrington, farrington-1996, noufaily, ears-c1|c2|c3, cusum
  alerts run [--week YYYY-Www]  evaluate one week (default: the last complete one) and store
                                its alerts; running a week again adds none (docs/alerts.md)
  audit verify                  check the audit log's hash chain; non-zero exit if broken
  backup [--out FILE]           consistent copy of the embedded database
                                (PostgreSQL: see docs/operations.md)
  restore FILE [--force]        replace the embedded database with a backup
                                (stop the server first)
  help                          this text

Settings come from environment variables (docs/configuration.md):
  DATABASE_URL (PostgreSQL; unset = embedded SQLite), PATHFINDER_DATA_DIR (./data),
  PORT (8087), HOST (127.0.0.1), PATHFINDER_DEMO_PASSWORD, LOG_LEVEL, …
`;

/** Runs one CLI command; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(HELP);
    return command === undefined ? 1 : 0;
  }
  try {
    const config = loadConfig();
    switch (command) {
      case 'serve':
        return await runServe(config);
      case 'migrate':
        return await runMigrate(config);
      case 'seed': {
        const { values } = parseArgs({
          args: rest,
          options: { pack: { type: 'string' } },
          strict: true,
        });
        return await runSeed(config, values.pack);
      }
      case 'link':
        return await runLink(rest);
      case 'dedup':
        return await runDedup(rest);
      case 'detect':
        return await runDetect(rest);
      case 'alerts':
        return await runAlertsCommand(config, rest);
      case 'generate': {
        const { values } = parseArgs({
          args: rest,
          options: {
            cases: { type: 'string' },
            duplicates: { type: 'string' },
            seed: { type: 'string' },
            weeks: { type: 'string' },
            surge: { type: 'string' },
          },
          strict: true,
        });
        return await runGenerate(config, values);
      }
      case 'user':
        return await runUser(config, rest);
      case 'form':
        return await runForm(rest);
      case 'directory':
        return await runDirectory(config, rest);
      case 'audit':
        if (rest[0] !== 'verify') throw new CliError('usage: pathfinder audit verify');
        return await runAuditVerify(config);
      case 'backup': {
        const { values } = parseArgs({
          args: rest,
          options: { out: { type: 'string' } },
          strict: true,
        });
        return await runBackup(config, values.out);
      }
      case 'restore': {
        const { values, positionals } = parseArgs({
          args: rest,
          options: { force: { type: 'boolean' } },
          allowPositionals: true,
          strict: true,
        });
        if (positionals.length !== 1 || positionals[0] === undefined)
          throw new CliError('usage: pathfinder restore FILE [--force]');
        return await runRestore(config, positionals[0], values.force ?? false);
      }
      default:
        throw new CliError(`unknown command "${command}" (see: npx pathfinder --help)`);
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`pathfinder: ${message}\n`);
    return error instanceof CliError ? error.exitCode : 1;
  }
}
