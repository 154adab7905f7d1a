#!/usr/bin/env node
// `npm test`: type check, lint, then every Vitest suite. Suites whose service is
// missing (PostgreSQL, Chromium) are skipped with a reason; with
// PATHFINDER_REQUIRE_ALL=1 (as in CI) a skipped suite fails the run.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import pg from 'pg';

const requireAll = process.env.PATHFINDER_REQUIRE_ALL === '1';
const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
const skipped = [];

async function postgresReachable(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return error.message;
  } finally {
    await client.end().catch(() => {});
  }
}

if (!env.PATHFINDER_TEST_PG_URL) {
  skipped.push('PostgreSQL runs of the integration suites: PATHFINDER_TEST_PG_URL is not set');
} else {
  const problem = await postgresReachable(env.PATHFINDER_TEST_PG_URL);
  if (problem) {
    skipped.push(
      `PostgreSQL runs of the integration suites: cannot connect to PATHFINDER_TEST_PG_URL (${problem})`,
    );
    delete env.PATHFINDER_TEST_PG_URL;
  }
}
const chromium = env.PATHFINDER_CHROMIUM || '/usr/bin/chromium';
const browser = existsSync(chromium);
if (browser) env.PATHFINDER_CHROMIUM = chromium;
else
  skipped.push(
    `browser suites (tests/e2e): Chromium not found at ${chromium} (apt-get install chromium, or set PATHFINDER_CHROMIUM)`,
  );

for (const why of skipped) console.log(`skipped: ${why}`);
if (requireAll && skipped.length) {
  console.error(`PATHFINDER_REQUIRE_ALL=1: ${skipped.length} suite(s) could not run`);
  process.exit(1);
}

function run(label, command, args) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.status !== 0) {
    console.error(`✗ ${label} failed`);
    process.exit(result.status ?? 1);
  }
}

run('type check (tsc --noEmit)', 'npx', ['tsc', '--noEmit', '-p', '.']);
run('lint and format (biome check)', 'npx', ['biome', 'check', '.']);
if (browser)
  run('build the web app for browser tests', 'npx', ['vite', 'build', '--logLevel', 'warn']);

const results = '.vitest-results.json';
rmSync(results, { force: true });
const projects = ['unit', 'integration', ...(browser ? ['e2e'] : [])].flatMap((p) => [
  '--project',
  p,
]);
console.log('\n▶ tests (vitest)');
const vitest = spawnSync(
  'npx',
  [
    'vitest',
    'run',
    ...projects,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${results}`,
  ],
  { stdio: 'inherit', env },
);
if (existsSync(results)) {
  const r = JSON.parse(readFileSync(results, 'utf8'));
  const skippedTests = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  console.log(
    `\n${r.numPassedTests} passed, ${r.numFailedTests} failed${skippedTests ? `, ${skippedTests} skipped` : ''}`,
  );
  if (r.numTotalTests === 0) {
    console.error('no test ran');
    process.exit(1);
  }
}
process.exit(vitest.status ?? 1);
