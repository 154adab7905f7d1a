// Sync benchmark (issue #5), against PostgreSQL (PATHFINDER_TEST_PG_URL):
// - sync.initial_10k: a fresh device (headless Chromium, the real PWA) signs in and pulls its
//   agency's caseload (about 10,000 cases) into its encrypted IndexedDB: seconds and bytes on
//   the wire (compressed, as the network carries them);
// - sync.incremental_100: 100 of those cases change on the server; the device syncs again;
// - sync.concurrent_200: 200 devices (Node, running the same SyncClient and vault code as the
//   PWA, each record sealed as in the PWA's store, kept in memory) each queue a note and sync,
//   all at once: p95 of one sync (push + pull) and the number of failed syncs;
// - web.shell.gzip_bytes: the JavaScript the app loads first (entry, preloads, one language), gzipped.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { chromium } from 'playwright-core';
import { registerDevice, SyncClient } from '../src/web/offline/syncClient.ts';
import { fetchTransport, type SyncTransport } from '../src/web/offline/syncTransport.ts';
import { createVault } from '../src/web/offline/vault.ts';
import {
  benchEnv,
  CLI,
  emit,
  login,
  PASSWORD,
  scratchPostgres,
  startServer,
  stopServer,
} from './lib.ts';
import { memoryStore } from './memoryStore.ts';

const CASES = Number(process.env.BENCH_SYNC_CASES ?? 40_000);
const DEVICES = Number(process.env.BENCH_SYNC_DEVICES ?? 200);
const ROUNDS = Number(process.env.BENCH_SYNC_ROUNDS ?? 3);
const WEB = join(import.meta.dirname, '..', 'dist', 'web');

function cli(args: string[], env: NodeJS.ProcessEnv): void {
  const r = spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pathfinder ${args.join(' ')} failed: ${r.stderr}`);
}

/**
 * The JavaScript the first screen needs, gzipped: the entry script, its modulepreloads and the
 * catalogue of one language (fetched at start; the largest one counts).
 */
function shellBytes(): { total: number; entry: number; language: number } {
  const gz = (path: string) => gzipSync(readFileSync(join(WEB, path))).length;
  const html = readFileSync(join(WEB, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const entry = scripts.reduce((sum, path) => sum + gz(path ?? ''), 0);
  const language = Math.max(
    0,
    ...readdirSync(join(WEB, 'assets'))
      .filter((f) => /^(en|fr|es)-[\w-]+\.js$/.test(f))
      .map((f) => gz(join('assets', f))),
  );
  return { total: entry + language, entry, language };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function browserSync(url: string, agencyCases: number, changeCases: () => Promise<void>) {
  const browser = await chromium.launch({
    executablePath: process.env.PATHFINDER_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 412, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(120_000);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const urls = new Map<string, string>();
    let syncBytes = 0;
    cdp.on('Network.responseReceived', (e) => urls.set(e.requestId, e.response.url));
    cdp.on('Network.loadingFinished', (e) => {
      const u = urls.get(e.requestId) ?? '';
      if (/\/api\/v1\/(sync|devices|services)/.test(u)) syncBytes += e.encodedDataLength;
    });
    await page.goto(url);
    await page.locator('#username').fill('inspector');
    await page.locator('#password').fill(PASSWORD);
    const started = performance.now();
    await page.locator('form button[type="submit"]').click();
    await page.locator('.menu-button').click();
    await page.getByRole('navigation').getByRole('link', { name: 'Sync', exact: true }).click();
    await page.getByText(/Last synced/).waitFor();
    const initial = (performance.now() - started) / 1000;
    // The count renders once the store has been read back; while the first sync runs, the page
    // may show what the first pages brought, so wait for the whole caseload.
    await page.waitForFunction(
      (expected) =>
        (document.querySelector('#sync-held + p')?.textContent ?? '')
          .replace(/,/g, '')
          .startsWith(`${expected} case`),
      agencyCases,
      { timeout: 120_000 },
    );
    const held = Number(
      /(\d[\d,]*) cases?/
        .exec((await page.locator('#sync-held + p').textContent()) ?? '')?.[1]
        ?.replace(/,/g, '') ?? 0,
    );
    emit('sync.initial_10k.seconds', initial, 's', {
      db: 'postgres',
      cases_on_device: held,
      agency_cases: agencyCases,
      includes: 'sign-in, key derivation (PBKDF2 600k), device registration, pull, reference data',
    });
    emit('sync.initial_10k.bytes', syncBytes, 'bytes', {
      db: 'postgres',
      cases_on_device: held,
      encoding: 'gzip, as sent',
    });
    await changeCases();
    const syncNow = page.getByRole('button', { name: 'Sync now' });
    const before = performance.now();
    await syncNow.click();
    await page.waitForFunction(
      () =>
        !(
          [...document.querySelectorAll('button')].find((b) => b.textContent === 'Sync now') as
            | HTMLButtonElement
            | undefined
        )?.disabled,
      undefined,
      { polling: 10 },
    );
    emit('sync.incremental_100.seconds', (performance.now() - before) / 1000, 's', {
      db: 'postgres',
      changed_cases: 100,
    });
  } finally {
    await browser.close();
  }
}

/** Each push and pull request's time, to tell the server's share from this process's. */
const requestTimes = {
  exchange: [] as number[],
  push: [] as number[],
  pull: [] as number[],
  pulled: [] as number[],
};

function timed(transport: SyncTransport): SyncTransport {
  return {
    async request<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) {
      const t0 = performance.now();
      const answer = await transport.request<T>(method, path, body);
      const kind =
        path === '/sync'
          ? 'exchange'
          : path.startsWith('/sync/push')
            ? 'push'
            : path.startsWith('/sync/pull')
              ? 'pull'
              : null;
      if (kind) requestTimes[kind].push(performance.now() - t0);
      if (kind === 'pull' || kind === 'exchange')
        requestTimes.pulled.push((answer as { changes?: unknown[] }).changes?.length ?? 0);
      return answer;
    },
    sendChunk: (path, offset, bytes) => transport.sendChunk(path, offset, bytes),
  };
}

/**
 * CPU seconds used so far by the server process, the PostgreSQL backends serving `database`,
 * and this process (the simulated devices): with every device starting at once on a machine of
 * few cores, the slowest sync takes about the sum divided by the cores.
 */
function cpuSeconds(serverPid: number | undefined, database: string) {
  const ticks = (pid: string | number) => {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      return Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
    } catch {
      return 0;
    }
  };
  let postgres = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(` ${database} `))
        postgres += ticks(pid);
    } catch {
      // gone meanwhile
    }
  }
  const own = process.cpuUsage();
  return {
    server: serverPid ? ticks(serverPid) / 100 : 0,
    postgres: postgres / 100,
    devices: (own.user + own.system) / 1e6,
  };
}

/** 200 devices that already hold the caseload (cursor at the head), syncing at once. */
async function concurrentDevices(
  url: string,
  caseIds: string[],
  cpu: () => ReturnType<typeof cpuSeconds>,
): Promise<void> {
  const sessions = await Promise.all(
    Array.from({ length: DEVICES }, async (_, i) => {
      const who = await login(url, i % 2 === 0 ? 'inspector' : 'labsupervisor');
      const transport = timed(
        fetchTransport({
          baseUrl: url,
          headers: () => ({ cookie: who.cookie, 'x-csrf-token': who.csrf }),
        }),
      );
      const deviceId = crypto.randomUUID();
      await registerDevice(transport, { id: deviceId, label: `bench device ${i}` });
      const store = memoryStore(`bench-device-${i}`);
      // A low iteration count: the key derivation is measured in the browser, not here.
      const { vault } = await createVault(PASSWORD, `bench-${i}`, { iterations: 1000 });
      return { transport, deviceId, store, vault };
    }),
  );
  // Where the feed stands now: one pull to the head, whose cursor every device then starts from.
  const first = sessions[0];
  if (!first) return;
  let cursor = '';
  for (;;) {
    const page = await first.transport.request<{ cursor: string; more: boolean }>(
      'GET',
      `/sync/pull?deviceId=${first.deviceId}&cursor=${cursor}&limit=500`,
    );
    cursor = page.cursor;
    if (!page.more) break;
  }
  const clients = await Promise.all(
    sessions.map(async (s) => {
      await s.store.writeCursor(cursor);
      return new SyncClient({ ...s });
    }),
  );
  // Round 1 meets a server that has not run this code yet (the JIT compiles it as it goes);
  // the figure is taken over the later rounds, as a server that has been up a while answers.
  // Every round is the same work: each device queues one note and syncs, all at once.
  const rounds: BurstRound[] = [];
  for (let round = 0; round < ROUNDS; round++)
    rounds.push(await burst(clients, caseIds, round, cpu));
  const warm = rounds.length > 1 ? rounds.slice(1) : rounds;
  const times = warm.flatMap((r) => r.times);
  const cpuOf = (k: 'server' | 'postgres' | 'devices') =>
    Math.round((warm.reduce((sum, r) => sum + r.cpu[k], 0) / warm.length) * 100) / 100;
  emit('sync.concurrent_200.p95_ms', percentile(times, 95), 'ms', {
    db: 'postgres',
    devices: DEVICES,
    rounds: `${warm.length} after ${rounds.length - warm.length} to warm up`,
    each: 'push one note, then pull what the others pushed, all devices at once',
    p50_ms: Math.round(percentile(times, 50)),
    max_ms: Math.round(Math.max(...times)),
    round_p95_ms: rounds.map((r) => Math.round(percentile(r.times, 95))),
    requests_per_round: rounds[0]?.requests,
    records_pulled_p50: rounds[0]?.pulledP50,
    cpu_s_per_round: {
      server: cpuOf('server'),
      postgres: cpuOf('postgres'),
      devices: cpuOf('devices'),
    },
  });
  emit(
    'sync.concurrent_200.errors',
    rounds.reduce((sum, r) => sum + r.errors, 0),
    'syncs',
    { db: 'postgres', devices: DEVICES, rounds: rounds.length },
  );
}

interface BurstRound {
  times: number[];
  errors: number;
  requests: Record<'exchange' | 'push' | 'pull', number>;
  pulledP50: number;
  cpu: { server: number; postgres: number; devices: number };
}

/** Each device queues one note, then all sync at once: each sync's time and failures. */
async function burst(
  clients: SyncClient[],
  caseIds: string[],
  round: number,
  cpu: () => ReturnType<typeof cpuSeconds>,
): Promise<BurstRound> {
  await Promise.all(
    clients.map((client, i) =>
      client.enqueue({
        mutationId: crypto.randomUUID(),
        kind: 'case.note',
        caseId: caseIds[i % caseIds.length] ?? '',
        payload: { text: `Visit ${round}.${i}: the child was at school.`, sensitive: false },
      }),
    ),
  );
  const times: number[] = [];
  let errors = 0;
  for (const list of Object.values(requestTimes)) list.length = 0;
  const before = cpu();
  await Promise.all(
    clients.map(async (client) => {
      const t0 = performance.now();
      try {
        const report = await client.sync();
        // A note refused is a failure too (the sync itself went through).
        if (report.stopped || report.rejected > 0 || report.pushed === 0) errors += 1;
      } catch {
        errors += 1;
      }
      times.push(performance.now() - t0);
    }),
  );
  const after = cpu();
  const used = (k: keyof typeof after) => after[k] - before[k];
  return {
    times,
    errors,
    requests: {
      exchange: requestTimes.exchange.length,
      push: requestTimes.push.length,
      pull: requestTimes.pull.length,
    },
    pulledP50: percentile(requestTimes.pulled, 50),
    cpu: { server: used('server'), postgres: used('postgres'), devices: used('devices') },
  };
}

if (!existsSync(join(WEB, 'index.html')))
  spawnSync('npx', ['vite', 'build', '--config', 'vite.config.ts'], { stdio: 'inherit' });
const shell = shellBytes();
emit('web.shell.gzip_bytes', shell.total, 'bytes', {
  files: 'entry script, modulepreloads and the largest language catalogue',
  entry: shell.entry,
  language: shell.language,
});

const base = process.env.PATHFINDER_TEST_PG_URL;
if (!base) {
  process.stderr.write('sync bench: set PATHFINDER_TEST_PG_URL (PostgreSQL) to measure sync\n');
} else {
  const scratch = await scratchPostgres(base, 'pf_bench_sync');
  const env = benchEnv({ DATABASE_URL: scratch.url, PATHFINDER_WEB_DIR: WEB });
  try {
    cli(['seed'], env);
    cli(['generate', '--cases', String(CASES), '--seed', '7'], env);
    const db = new pg.Client({ connectionString: scratch.url });
    await db.connect();
    const agency = await db.query<{ id: string; n: string }>(
      `SELECT a.id, count(*) AS n FROM case_file c JOIN agency a ON a.id = c.owner_agency_id
       WHERE a.code = 'NPL-LI-BAGMATI' GROUP BY a.id`,
    );
    const agencyId = agency.rows[0]?.id ?? '';
    const ids = (
      await db.query<{ id: string; version: number }>(
        // Open cases: a note on a closed one is refused (case_closed).
        "SELECT id, version FROM case_file WHERE owner_agency_id = $1 AND step <> 'closed' ORDER BY id LIMIT 200",
        [agencyId],
      )
    ).rows;
    await db.end();
    const server = await startServer(env);
    try {
      const url = server.url.replace('127.0.0.1', 'localhost');
      if (process.env.BENCH_SYNC_SKIP_BROWSER !== '1')
        await browserSync(url, Number(agency.rows[0]?.n ?? 0), async () => {
          const sup = await login(url, 'labsupervisor');
          await Promise.all(
            ids.slice(0, 100).map((c, i) =>
              fetch(`${url}/api/v1/cases/${c.id}/fields`, {
                method: 'PATCH',
                headers: {
                  cookie: sup.cookie,
                  'x-csrf-token': sup.csrf,
                  'content-type': 'application/json',
                },
                body: JSON.stringify({
                  version: c.version,
                  fields: { 'person.familyName': { value: `Changed ${i}` } },
                }),
              }),
            ),
          );
        });
      const database = new URL(scratch.url).pathname.slice(1);
      await concurrentDevices(
        url,
        ids.map((c) => c.id),
        () => cpuSeconds(server.child.pid, database),
      );
    } finally {
      await stopServer(server.child);
    }
  } finally {
    // BENCH_KEEP_DB=1 leaves the database for a look inside (EXPLAIN); its name goes to stderr.
    if (process.env.BENCH_KEEP_DB === '1') process.stderr.write(`kept ${scratch.url}\n`);
    else await scratch.drop();
  }
}
