// Aberration-detection benchmark (docs/alerts.md): parity with R surveillance,
// Farrington on 10,000 weekly series, and speed against R itself.
//   alerts.parity.max_rel_diff   max over the shared reference tables and their columns
//                                of |ours − R| / max(|R|, 1) (../shared/data/aberration)
//   alerts.farrington_10k.seconds  `farrington` on 10,000 synthetic series of 364 weeks,
//                                last 52 evaluated, across os.availableParallelism() workers
//   alerts.r_ratio               R's elapsed time (system.time around farringtonFlexible
//                                only) on 100 of those series, divided by ours (one thread)
//   dashboard.p95_ms             95th percentile of every dashboard request (national, area and
//                                agency views as their readers open them, and time to referral)
//                                over BENCH_DASHBOARD_CASES generated cases (default 1,000,000)
//                                on PostgreSQL (PATHFINDER_TEST_PG_URL; skipped without it)
// Run: npx tsx bench/alerts.ts   (BENCH_ALERT_SERIES changes the 10,000;
//                                 BENCH_DASHBOARD_ONLY=1 measures the dashboards alone)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { farringtonFlexible } from '../src/core/aberration/index.ts';
import { compareWithReference, parseSeriesCsv } from '../src/core/aberration/rParity.ts';

const WEEKS = 364;
const EVALUATE = 52;
const SERIES = Number(process.env.BENCH_ALERT_SERIES ?? 10_000);
const R_SERIES = 100;

/** mulberry32: a small seeded generator, so every run sees the same series. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function poisson(lambda: number, random: () => number): number {
  // Inversion by sequential search: exact, and quick for the means used here (≤ ~150).
  let k = 0;
  let p = Math.exp(-lambda);
  let cumulative = p;
  const u = random();
  while (u > cumulative && k < 10_000) {
    k++;
    p *= lambda / k;
    cumulative += p;
  }
  return k;
}

/**
 * Series number `index`: a level from 0.5 to 50 cases a week, seasonality,
 * a mild trend, week-to-week extra variation, and in a third of the series an
 * outbreak in the last year.
 */
function syntheticSeries(index: number): number[] {
  const random = generator(20_240_601 + index * 7919);
  const levels = [0.5, 1, 2, 5, 10, 20, 50];
  const level = levels[index % levels.length] as number;
  const amplitude = 0.6 * random();
  const phase = 2 * Math.PI * random();
  const trend = -0.001 + 0.004 * random();
  const outbreakAt = random() < 1 / 3 ? WEEKS - 1 - Math.floor(random() * EVALUATE) : -1;
  const counts: number[] = [];
  for (let t = 0; t < WEEKS; t++) {
    const noise = Math.exp(
      0.25 * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()),
    );
    let mean =
      level * Math.exp(amplitude * Math.sin((2 * Math.PI * t) / 52 + phase) + trend * t) * noise;
    if (outbreakAt >= 0 && t >= outbreakAt && t < outbreakAt + 4) mean += 2 * level + 3;
    counts.push(poisson(mean, random));
  }
  return counts;
}

/** Runs `farrington` on series from..to-1; returns the number of alarms (so the work is used). */
function runRange(series: readonly number[][]): number {
  let alarms = 0;
  for (const counts of series) {
    const result = farringtonFlexible({ counts, evaluate: EVALUATE });
    if (!result.ok) throw new Error(result.error.code);
    for (const week of result.weeks) if (week.alarm) alarms++;
  }
  return alarms;
}

async function main(): Promise<void> {
  const { emit } = await import('./lib.ts');
  if (process.env.BENCH_DASHBOARD_ONLY === '1') return dashboards();
  const parity = referenceParity();
  emit('alerts.parity.max_rel_diff', parity.max, 'ratio', {
    exact: parity.max,
    source: parity.source,
    tables: parity.tables,
    columns: parity.columns,
  });
  const extra = extraParity();
  if (extra)
    emit('alerts.parity_extra.max_rel_diff', extra.max, 'ratio', { exact: extra.max, ...extra });

  const workers = Math.max(1, Math.min(availableParallelism(), SERIES));
  const { seconds, cpuSeconds, alarms } = await timeAcrossWorkers(workers);
  emit('alerts.farrington_10k.seconds', seconds, 's', {
    cpu_seconds: cpuSeconds,
    series: SERIES,
    weeks: WEEKS,
    evaluated: EVALUATE,
    workers,
    alarms,
    target: 10,
  });

  const r = compareWithR();
  if (r) emit('alerts.r_ratio', r.ratio, 'x', { ...r, target: 50 });
  await dashboards();
}

/**
 * dashboard.p95_ms: a scratch PostgreSQL database, the demo pack, generated
 * cases, a server; then each dashboard as its readers open it, one request at
 * a time (as a person opens a page), after a warm-up round.
 */
async function dashboards(): Promise<void> {
  const { benchEnv, CLI, emit, login, scratchPostgres, startServer, stopServer } = await import(
    './lib.ts'
  );
  const base = process.env.PATHFINDER_TEST_PG_URL;
  if (!base) {
    process.stderr.write('PATHFINDER_TEST_PG_URL is not set: dashboard.p95_ms skipped\n');
    return;
  }
  const cases = Number(process.env.BENCH_DASHBOARD_CASES ?? 1_000_000);
  const rounds = Number(process.env.BENCH_DASHBOARD_ROUNDS ?? 20);
  const scratch = await scratchPostgres(base, 'pf_bench_dashboards');
  // Background jobs off: after a bulk load the duplicate pass would take both cores for minutes.
  const env = benchEnv({ DATABASE_URL: scratch.url, PATHFINDER_JOBS: 'false' });
  const cli = (args: string[]) => {
    const r = spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`pathfinder ${args.join(' ')} failed: ${r.stderr}`);
  };
  try {
    cli(['seed']);
    const started = performance.now();
    cli(['generate', '--cases', String(cases), '--seed', '42']);
    const generateSeconds = (performance.now() - started) / 1000;
    const server = await startServer(env);
    try {
      const readers = {
        analyst: await login(server.url, 'analyst'),
        supervisor: await login(server.url, 'supervisor'),
        inspector: await login(server.url, 'inspector'),
      };
      const pages: [keyof typeof readers, string][] = [
        ['analyst', '/api/v1/dashboards?view=national'],
        ['analyst', '/api/v1/dashboards?view=area&area=NPL-P3'],
        ['analyst', '/api/v1/dashboards?view=area&area=NPL-D-LALITPUR'],
        ['analyst', '/api/v1/dashboards?view=agency'],
        ['analyst', '/api/v1/dashboards?view=national&weeks=104'],
        ['supervisor', '/api/v1/dashboards?view=area&area=NPL-D-KATHMANDU'],
        ['supervisor', '/api/v1/dashboards?view=agency'],
        ['inspector', '/api/v1/dashboards?view=agency'],
        ['analyst', '/api/v1/stats/referral-delays?groupBy=area'],
        ['inspector', '/api/v1/stats/referral-delays'],
      ];
      const timings: number[] = [];
      const byPage: Record<string, number[]> = {};
      for (let round = -1; round < rounds; round++)
        for (const [who, path] of pages) {
          const t0 = performance.now();
          const res = await fetch(`${server.url}${path}`, {
            headers: { cookie: readers[who].cookie },
          });
          await res.arrayBuffer();
          const ms = performance.now() - t0;
          if (res.status !== 200) throw new Error(`${path} as ${who}: ${res.status}`);
          if (round < 0) continue; // warm-up
          timings.push(ms);
          const key = `${who} ${path}`;
          byPage[key] = [...(byPage[key] ?? []), ms];
        }
      const p95 = (xs: number[]) => {
        const sorted = [...xs].sort((a, b) => a - b);
        return sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)] ?? 0;
      };
      emit('dashboard.p95_ms', p95(timings), 'ms', {
        db: 'postgres',
        cases,
        requests: timings.length,
        generate_s: Math.round(generateSeconds),
        jobs: 'off',
        load_average: loadavg().map((l) => Math.round(l * 100) / 100),
        per_page_p95_ms: Object.fromEntries(
          Object.entries(byPage).map(([k, v]) => [k, Math.round(p95(v))]),
        ),
        target: 300,
      });
    } finally {
      await stopServer(server.child);
    }
  } finally {
    await scratch.drop();
  }
}

/** Max relative difference over the shared reference tables (the fixture copy if ../shared is absent). */
function referenceParity(): { max: number; source: string; tables: number; columns: number } {
  const shared = join(import.meta.dirname, '..', '..', 'shared', 'data', 'aberration');
  const base = existsSync(join(shared, 'outputs'))
    ? shared
    : join(import.meta.dirname, '..', 'tests', 'fixtures', 'aberration');
  let max = 0;
  let columns = 0;
  const tables = readdirSync(join(base, 'outputs')).filter((f) => f.endsWith('.reference.csv'));
  for (const file of tables) {
    const counts = parseSeriesCsv(
      readFileSync(join(base, 'series', file.replace('.reference.csv', '.csv')), 'utf8'),
    );
    for (const column of compareWithReference(
      counts,
      readFileSync(join(base, 'outputs', file), 'utf8'),
    )) {
      columns++;
      max = Math.max(
        max,
        column.mismatches.length > 0 || column.refused ? Infinity : column.maxRelDiff,
      );
    }
  }
  return {
    max,
    source: base === shared ? '../shared/data/aberration' : 'tests/fixtures/aberration',
    tables: tables.length,
    columns,
  };
}

/** The same over tests/fixtures/aberration/extra (other series and settings); refusals are expected there. */
function extraParity(): {
  max: number;
  tables: number;
  columns: number;
  refusedColumns: number;
} | null {
  const base = join(import.meta.dirname, '..', 'tests', 'fixtures', 'aberration', 'extra');
  if (!existsSync(base)) return null;
  let max = 0;
  let columns = 0;
  let refusedColumns = 0;
  const tables = readdirSync(base).filter((f) => f.endsWith('.extra.csv'));
  for (const file of tables) {
    const counts = parseSeriesCsv(
      readFileSync(join(base, 'series', file.replace('.extra.csv', '.csv')), 'utf8'),
    );
    for (const column of compareWithReference(counts, readFileSync(join(base, file), 'utf8'))) {
      columns++;
      if (column.refused) refusedColumns++;
      else max = Math.max(max, column.mismatches.length > 0 ? Infinity : column.maxRelDiff);
    }
  }
  return { max, tables: tables.length, columns, refusedColumns };
}

/**
 * Workers do not inherit tsx's module hooks, and `--import tsx` in a worker's
 * execArgv comes too late for its entry file: so each worker starts from a
 * small ES module that registers tsx and then imports this file.
 */
const WORKER_ENTRY = new URL(
  `data:text/javascript,${encodeURIComponent(
    `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))};
     register();
     await import(${JSON.stringify(import.meta.url)});`,
  )}`,
);

/** Splits the series over workers; times from "go" (series already made) to the last report. */
async function timeAcrossWorkers(
  count: number,
): Promise<{ seconds: number; cpuSeconds: number; alarms: number }> {
  const pool: Worker[] = [];
  const ready: Promise<void>[] = [];
  for (let w = 0; w < count; w++) {
    const from = Math.floor((SERIES * w) / count);
    const to = Math.floor((SERIES * (w + 1)) / count);
    const worker = new Worker(WORKER_ENTRY, { workerData: { from, to } });
    pool.push(worker);
    ready.push(new Promise((resolve) => worker.once('message', () => resolve())));
  }
  await Promise.all(ready);
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const results = await Promise.all(
    pool.map(
      (worker) =>
        new Promise<number>((resolve, reject) => {
          worker.once('message', (m: { alarms: number }) => resolve(m.alarms));
          worker.once('error', reject);
          worker.postMessage('go');
        }),
    ),
  );
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  await Promise.all(pool.map((w) => w.terminate()));
  // CPU seconds of the whole process (all threads): on a busy machine, wall time
  // measures the other load too.
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return { seconds, cpuSeconds, alarms: results.reduce((a, b) => a + b, 0) };
}

const R_SCRIPT = `
suppressPackageStartupMessages(library(surveillance))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1])
elapsed <- 0
uppers <- list()
for (id in unique(d$id)) {
  y <- d$count[d$id == id]
  n <- length(y)
  s <- sts(observed = matrix(y, ncol = 1), start = c(2000, 1), frequency = 52)
  ctl <- list(range = (n - ${EVALUATE} + 1):n)
  tm <- system.time(res <- suppressWarnings(farringtonFlexible(s, control = ctl)))
  elapsed <- elapsed + tm[["elapsed"]]
  uppers[[length(uppers) + 1]] <- data.frame(id = id, upper = as.numeric(upperbound(res)),
                                            alarm = as.integer(alarms(res)))
}
u <- do.call(rbind, uppers)
u$upper <- ifelse(is.na(u$upper), "NA", sprintf("%.17g", u$upper))
write.csv(u, args[2], row.names = FALSE, quote = FALSE)
cat(sprintf("%.6f\\n", elapsed))
`;

/** R's time for the first 100 series against ours (single thread, after one warm-up pass). */
function compareWithR(): (Record<string, number> & { ratio: number }) | null {
  const probe = spawnSync('Rscript', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    process.stderr.write(
      'alerts.r_ratio skipped: Rscript not found (apt-get install r-base-core r-cran-surveillance)\n',
    );
    return null;
  }
  const series = Array.from({ length: R_SERIES }, (_, i) => syntheticSeries(i));
  const dir = mkdtempSync(join(tmpdir(), 'pathfinder-alerts-'));
  try {
    const input = join(dir, 'series.csv');
    const output = join(dir, 'uppers.csv');
    const script = join(dir, 'farrington.R');
    writeFileSync(
      input,
      `id,week,count\n${series.flatMap((s, id) => s.map((c, t) => `${id},${t + 1},${c}`)).join('\n')}\n`,
    );
    writeFileSync(script, R_SCRIPT);
    const run = spawnSync('Rscript', [script, input, output], {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    if (run.status !== 0) {
      process.stderr.write(`alerts.r_ratio skipped: R failed: ${run.stderr.slice(0, 500)}\n`);
      return null;
    }
    const rSeconds = Number(run.stdout.trim().split('\n').pop());
    runRange(series); // warm-up, as R's own code is compiled already
    const start = performance.now();
    runRange(series);
    const oursSeconds = (performance.now() - start) / 1000;
    return {
      ratio: rSeconds / oursSeconds,
      r_seconds: rSeconds,
      ours_seconds: oursSeconds,
      series: R_SERIES,
      ...rParity(series, readFileSync(output, 'utf8')),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Our thresholds and alarms against R's on the same 100 series. */
function rParity(
  series: readonly number[][],
  csv: string,
): { max_rel_diff: number; alarm_mismatches: number } {
  const rows = csv
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','));
  let max = 0;
  let alarmMismatches = 0;
  series.forEach((counts, id) => {
    const result = farringtonFlexible({ counts, evaluate: EVALUATE });
    if (!result.ok) return;
    const theirs = rows.filter((r) => Number(r[0]) === id);
    result.weeks.forEach((week, i) => {
      const [, upper = 'NA', alarm = 'NA'] = theirs[i] ?? [];
      const ours = week.alarm === null ? 'NA' : week.alarm ? '1' : '0';
      if (ours !== alarm) alarmMismatches++;
      if ((upper === 'NA') !== (week.upper === null)) max = Infinity;
      else if (week.upper !== null)
        max = Math.max(
          max,
          Math.abs(week.upper - Number(upper)) / Math.max(Math.abs(Number(upper)), 1),
        );
    });
  });
  return { max_rel_diff: max, alarm_mismatches: alarmMismatches };
}

if (!isMainThread) {
  // Worker: make its share of the series, say so, run on "go", report.
  const { from, to } = workerData as { from: number; to: number };
  const series: number[][] = [];
  for (let i = from; i < to; i++) series.push(syntheticSeries(i));
  runRange(series.slice(0, 20)); // warm the JIT before the clock starts, as for R below
  parentPort?.on('message', () => parentPort?.postMessage({ alarms: runRange(series) }));
  parentPort?.postMessage({ ready: true });
} else {
  await main();
}
