// Case benchmark (issue #3): creates (person + case + task + audit in one
// transaction), reads of one case, and a caseload page of 50 filtered by area and
// risk over BENCH_CASES generated cases (default 1,000,000), a person search by a
// name prefix, at 32 connections; and generation speed. SQLite, and PostgreSQL when PATHFINDER_TEST_PG_URL is set.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  benchEnv,
  CLI,
  emit,
  load,
  login,
  scratchPostgres,
  startServer,
  stopServer,
} from './lib.ts';

const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 15);

function cli(args: string[], env: NodeJS.ProcessEnv): string {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    env,
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (r.status !== 0) throw new Error(`pathfinder ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

async function measure(db: 'sqlite' | 'postgres', env: NodeJS.ProcessEnv): Promise<void> {
  cli(['seed'], env);
  const started = performance.now();
  cli(['generate', '--cases', String(CASES), '--seed', '42'], env);
  const seconds = (performance.now() - started) / 1000;
  emit('generate.cases_per_s', CASES / seconds, 'cases/s', {
    db,
    cases: CASES,
    seconds: Math.round(seconds),
  });
  const server = await startServer(env);
  try {
    const inspector = await login(server.url, 'inspector');
    const ctx = { db, connections: 32, duration_s: DURATION_S, cases: CASES };
    const create = await load({
      url: `${server.url}/api/v1/cases`,
      method: 'POST',
      headers: {
        cookie: inspector.cookie,
        'x-csrf-token': inspector.csrf,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        person: { givenName: 'Sita', familyName: 'Tamang', sex: 'female', estimatedAge: 13 },
        topics: ['child_labour'],
        riskLevel: 'high',
        areaCode: 'NPL-D-BHAKTAPUR',
      }),
      duration: DURATION_S,
    });
    emit('cases.create.rps', create.requests.average, 'req/s', {
      ...ctx,
      p99_ms: create.latency.p99,
      non2xx: create.non2xx,
    });
    const page = (await (
      await fetch(`${server.url}/api/v1/cases?limit=1`, { headers: { cookie: inspector.cookie } })
    ).json()) as {
      items: { id: string }[];
    };
    const read = await load({
      url: `${server.url}/api/v1/cases/${page.items[0]?.id}`,
      headers: { cookie: inspector.cookie },
      duration: DURATION_S,
    });
    emit('cases.read.rps', read.requests.average, 'req/s', {
      ...ctx,
      p99_ms: read.latency.p99,
      non2xx: read.non2xx,
    });
    const list = await load({
      url: `${server.url}/api/v1/cases?area=NPL-P3&risk=high&limit=50`,
      headers: { cookie: inspector.cookie },
      duration: DURATION_S,
    });
    emit('cases.list.p95_ms', list.latency.p97_5, 'ms', {
      ...ctx,
      percentile: 'p97.5 (autocannon reports no p95)',
      rps: list.requests.average,
      non2xx: list.non2xx,
    });
    // Search before create over the agency's persons (the linkage issue needs < 100 ms at 1M).
    const search = await load({
      url: `${server.url}/api/v1/persons?q=${encodeURIComponent('tha')}`,
      headers: { cookie: inspector.cookie },
      duration: DURATION_S,
    });
    // One worker at a time: the search's own latency, without queueing behind 31 others.
    const single = await load({
      url: `${server.url}/api/v1/persons?q=${encodeURIComponent('tha')}`,
      headers: { cookie: inspector.cookie },
      duration: Math.min(DURATION_S, 5),
      connections: 1,
    });
    emit('persons.search.single_p95_ms', single.latency.p97_5, 'ms', {
      ...ctx,
      connections: 1,
      percentile: 'p97.5 (autocannon reports no p95)',
      p50_ms: single.latency.p50,
      rps: single.requests.average,
    });
    emit('persons.search.p95_ms', search.latency.p97_5, 'ms', {
      ...ctx,
      percentile: 'p97.5 (autocannon reports no p95)',
      rps: search.requests.average,
      p50_ms: search.latency.p50,
      non2xx: search.non2xx,
    });
  } finally {
    await stopServer(server.child);
  }
}

// BENCH_DBS=postgres (or sqlite) measures one database only.
const dbs = (process.env.BENCH_DBS ?? 'sqlite,postgres').split(',');
if (dbs.includes('sqlite'))
  await measure(
    'sqlite',
    benchEnv({ PATHFINDER_DATA_DIR: mkdtempSync(join(tmpdir(), 'pf-bench-cases-')) }),
  );
const base = dbs.includes('postgres') ? process.env.PATHFINDER_TEST_PG_URL : undefined;
if (base) {
  const scratch = await scratchPostgres(base, 'pf_bench_cases');
  try {
    await measure(
      'postgres',
      benchEnv({
        DATABASE_URL: scratch.url,
        PATHFINDER_DATA_DIR: mkdtempSync(join(tmpdir(), 'pf-bench-cases-')),
      }),
    );
  } finally {
    await scratch.drop();
  }
} else {
  process.stderr.write('PATHFINDER_TEST_PG_URL is not set: PostgreSQL figures skipped\n');
}
