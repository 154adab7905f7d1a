// Search before create ranked by the linkage engine (issue #6): `linkage.search.p95_ms` over
// LINKAGE_SEARCH_N generated cases (default 1,000,000 persons) on PostgreSQL. Queries are real
// names of the inspector's agency typed as a worker would: exactly, in the other order, with a
// typo, or only the start of the family name. Latency is timed per request, one at a time
// (the search's own cost; p95 computed exactly), then with 4 concurrent workers.
// Run alone: PATHFINDER_TEST_PG_URL=… npx tsx bench/linkageSearch.ts
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { benchEnv, CLI, emit, login, scratchPostgres, startServer, stopServer } from './lib.ts';

const N = Number(process.env.LINKAGE_SEARCH_N ?? 1_000_000);
const REQUESTS = Number(process.env.LINKAGE_SEARCH_REQUESTS ?? 600);

function cli(args: string[], env: NodeJS.ProcessEnv): void {
  const r = spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pathfinder ${args.join(' ')} failed: ${r.stderr}`);
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return (sorted[lo] ?? 0) + ((sorted[hi] ?? 0) - (sorted[lo] ?? 0)) * (rank - lo);
}

/** Queries from real names: exact, swapped, one typo, the first four letters of the family name. */
function queries(names: { given_name: string; family_name: string }[]): string[] {
  return names.flatMap((n, i) => {
    const family = n.family_name || n.given_name;
    const typo = family.length > 3 ? family.slice(0, 2) + family.slice(3) : family;
    const all = [
      `${n.given_name} ${n.family_name}`.trim(),
      `${n.family_name} ${n.given_name}`.trim(),
      `${n.given_name} ${typo}`.trim(),
      family.slice(0, 4),
    ];
    return [all[i % all.length] as string];
  });
}

async function timeAll(
  url: string,
  cookie: string,
  qs: readonly string[],
  workers: number,
): Promise<{ latencies: number[]; empty: number; failed: number }> {
  const latencies: number[] = [];
  let empty = 0;
  let failed = 0;
  let next = 0;
  const one = async () => {
    for (;;) {
      const k = next++;
      if (k >= qs.length) return;
      const started = performance.now();
      const res = await fetch(`${url}/api/v1/persons?q=${encodeURIComponent(qs[k] ?? '')}`, {
        headers: { cookie },
      });
      const body = (await res.json()) as { items?: unknown[] };
      latencies.push(performance.now() - started);
      if (!res.ok) failed++;
      else if ((body.items?.length ?? 0) === 0) empty++;
    }
  };
  await Promise.all(Array.from({ length: workers }, one));
  return { latencies: latencies.sort((a, b) => a - b), empty, failed };
}

/** Generates, serves, measures; emits `linkage.search.p95_ms`. */
export async function benchLinkageSearch(base: string): Promise<void> {
  const scratch = await scratchPostgres(base, 'pf_bench_linksearch');
  try {
    const env = benchEnv({
      DATABASE_URL: scratch.url,
      PATHFINDER_DATA_DIR: mkdtempSync(join(tmpdir(), 'pf-bench-linksearch-')),
      // The background duplicate pass would compete for the two cores; it is measured apart.
      PATHFINDER_JOBS: 'false',
    });
    cli(['seed'], env);
    const genStart = performance.now();
    cli(['generate', '--cases', String(N), '--seed', '42'], env);
    const genSeconds = (performance.now() - genStart) / 1000;
    const db = new pg.Client({ connectionString: scratch.url });
    await db.connect();
    const counts = await db.query<{ persons: string; agency: string }>(
      `SELECT (SELECT count(*) FROM person) AS persons,
              (SELECT count(*) FROM person p JOIN agency a ON a.id = p.owner_agency_id
                WHERE a.code = 'NPL-LI-BAGMATI') AS agency`,
    );
    const sample = await db.query<{ given_name: string; family_name: string }>(
      `SELECT p.given_name, p.family_name FROM person p JOIN agency a ON a.id = p.owner_agency_id
        WHERE a.code = 'NPL-LI-BAGMATI' ORDER BY md5(p.id) LIMIT $1`,
      [REQUESTS],
    );
    // As autovacuum leaves a table after a bulk load: statistics and the visibility map (index-only scans).
    await db.query('VACUUM ANALYZE');
    await db.end();
    const qs = queries(sample.rows);
    const server = await startServer(env);
    try {
      const inspector = await login(server.url, 'inspector');
      await timeAll(server.url, inspector.cookie, qs.slice(0, 50), 1);
      const single = await timeAll(server.url, inspector.cookie, qs, 1);
      const four = await timeAll(server.url, inspector.cookie, qs, 4);
      // A worker typing three letters of a common name (Nepal's "Thapa"), as bench/cases.ts asks.
      const broad = await timeAll(server.url, inspector.cookie, Array(200).fill('tha'), 1);
      const persons = Number(counts.rows[0]?.persons ?? 0);
      emit('linkage.search.p95_ms', percentile(single.latencies, 95), 'ms', {
        db: 'postgres',
        persons,
        agency_persons: Number(counts.rows[0]?.agency ?? 0),
        requests: single.latencies.length,
        connections: 1,
        p50_ms: Math.round(percentile(single.latencies, 50)),
        p99_ms: Math.round(percentile(single.latencies, 99)),
        p95_ms_4_connections: Math.round(percentile(four.latencies, 95)),
        broad_tha_p50_ms: Math.round(percentile(broad.latencies, 50)),
        broad_tha_p97_5_ms: Math.round(percentile(broad.latencies, 97.5)),
        broad_tha_max_ms: Math.round(broad.latencies.at(-1) ?? 0),
        empty_results: single.empty,
        failed: single.failed,
        generate_seconds: Math.round(genSeconds),
        queries: 'real names of the agency: exact, swapped order, one typo, first 4 letters',
      });
    } finally {
      await stopServer(server.child);
    }
  } finally {
    await scratch.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const base = process.env.PATHFINDER_TEST_PG_URL;
  if (!base) process.stderr.write('PATHFINDER_TEST_PG_URL is not set: linkage.search skipped\n');
  else await benchLinkageSearch(base);
}
