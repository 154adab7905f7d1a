// Record-linkage benchmark: FEBRL quality (clear text and CLKs), the 5k × 5k link time, and
// de-duplication of generated persons at scale. Reads ../shared/data/linkage/ directly.
// Run: npx tsx bench/linkage.ts   (LINKAGE_DEDUP_N=1000000 for the million-person run)
// emit() rounds values to 2 decimals, so each F1 is repeated to 4 decimals in its context.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createClkEncoder } from '../src/core/linkage/clk/clkEncode.ts';
import { linkClks } from '../src/core/linkage/clk/clkLink.ts';
import { parseClkSchema } from '../src/core/linkage/clk/clkSchema.ts';
import { dedupPersons, linkPersons } from '../src/core/linkage/linkPersons.ts';
import type { PersonRecord } from '../src/core/linkage/prepareRecord.ts';
import {
  type LinkMap,
  pairMetrics,
  parseLinkMap,
  readCsvRows,
  toPersonRecords,
  truthKeys,
} from '../src/server/cli/linkCommands.ts';
import { dedupInParallel } from '../src/server/services/duplicatesParallel.ts';
import { DEDUP_FIELDS, personRecord } from '../src/server/services/linkageModel.ts';
import { benchEnv, CLI, emit } from './lib.ts';
import { benchLinkageSearch } from './linkageSearch.ts';

const DATA = join(import.meta.dirname, '..', '..', 'shared', 'data', 'linkage');
const FEBRL = join(DATA, 'febrl');
const TRUTH = 'rec-(\\d+)';

const febrlFields: Record<string, unknown> = {
  given_name: 'given_name',
  family_name: 'surname',
  birth_date: { column: 'date_of_birth', format: 'YYYYMMDD' },
  address: ['street_number', 'address_1', 'address_2'],
  area: 'suburb',
  postcode: 'postcode',
  id_number: 'soc_sec_id',
};
const MAP = parseLinkMap({ id: 'rec_id', fields: febrlFields });
const { id_number: _, ...withoutId } = febrlFields;
const MAP_NO_ID = parseLinkMap({ id: 'rec_id', fields: withoutId });

const round = (x: number): number => Math.round(x * 10000) / 10000;
const seconds = (start: number): number => (performance.now() - start) / 1000;

function febrl(
  file: string,
  map: LinkMap,
): { records: PersonRecord[]; keys: string[]; rows: Record<string, string>[] } {
  const { rows } = readCsvRows(join(FEBRL, file));
  return { records: toPersonRecords(rows, map), keys: truthKeys(rows, 'rec_id', TRUTH), rows };
}

function linkFebrl4(map: LinkMap) {
  const a = febrl('dataset4a.csv', map);
  const b = febrl('dataset4b.csv', map);
  const times: number[] = [];
  let result = linkPersons(a.records, b.records);
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    result = linkPersons(a.records, b.records);
    times.push(seconds(start));
  }
  const matches = result.pairs.filter((p) => p.decision === 'match');
  return { metrics: pairMetrics(matches, a.keys, b.keys), times, result };
}

// FEBRL 4: two lists, one-to-one.
const full = linkFebrl4(MAP);
const noId = linkFebrl4(MAP_NO_ID);
emit('linkage.febrl4.f1', round(full.metrics.f1), 'ratio', {
  f1: round(full.metrics.f1),
  precision: round(full.metrics.precision),
  recall: round(full.metrics.recall),
  predicted: full.metrics.predicted,
  true_pairs: full.metrics.truePairs,
  candidates: full.result.model.candidates,
  fields: full.result.model.fields.join(','),
  without_id_number: {
    f1: round(noId.metrics.f1),
    precision: round(noId.metrics.precision),
    recall: round(noId.metrics.recall),
  },
});
const sortedTimes = [...full.times].sort((x, y) => x - y);
emit('linkage.link_5k.seconds', sortedTimes[1] ?? 0, 's', {
  runs: full.times.map(round),
  note: '4a × 4b (5,000 × 5,000), engine only (records already read from CSV): prepare, block, compare, EM, score, one-to-one',
});

// FEBRL 4 on CLKs only (clkhash schema, secret "secret", Dice ≥ 0.8, greedy one-to-one).
{
  const schema = parseClkSchema(
    JSON.parse(readFileSync(join(DATA, 'clkhash_febrl4_schema_v3_final.json'), 'utf8')),
  );
  const read = (file: string) => readCsvRows(join(FEBRL, file));
  const a = read('dataset4a.csv');
  const b = read('dataset4b.csv');
  const columns = schema.features.map((f) => f.identifier);
  let start = performance.now();
  const encoder = createClkEncoder(schema, 'secret');
  const ca = a.rows.map((r) => encoder.encode(columns.map((c) => r[c] ?? '')));
  const cb = b.rows.map((r) => encoder.encode(columns.map((c) => r[c] ?? '')));
  const encodeSeconds = seconds(start);
  start = performance.now();
  const pairs = linkClks(ca, cb, { threshold: 0.8 });
  const linkSeconds = seconds(start);
  const m = pairMetrics(
    pairs.filter((p) => p.decision === 'match'),
    truthKeys(a.rows, 'rec_id', TRUTH),
    truthKeys(b.rows, 'rec_id', TRUTH),
  );
  emit('linkage.febrl4_clk.f1', round(m.f1), 'ratio', {
    f1: round(m.f1),
    precision: round(m.precision),
    recall: round(m.recall),
    threshold: 0.8,
    encode_seconds: round(encodeSeconds),
    link_seconds: round(linkSeconds),
    published: 'clkhash tutorial: precision 1.000, recall 0.992 at 0.8',
  });
}

// FEBRL 1–3: de-duplication of one list.
for (const n of [1, 2, 3]) {
  const run = (map: LinkMap) => {
    const d = febrl(`dataset${n}.csv`, map);
    const start = performance.now();
    const result = dedupPersons(d.records);
    const time = seconds(start);
    return {
      m: pairMetrics(
        result.pairs.filter((p) => p.decision === 'match'),
        d.keys,
        null,
      ),
      time,
      result,
    };
  };
  const r = run(MAP);
  const r2 = run(MAP_NO_ID);
  emit(`linkage.febrl${n}.f1`, round(r.m.f1), 'ratio', {
    f1: round(r.m.f1),
    precision: round(r.m.precision),
    recall: round(r.m.recall),
    predicted: r.m.predicted,
    true_pairs: r.m.truePairs,
    candidates: r.result.model.candidates,
    seconds: round(r.time),
    without_id_number: {
      f1: round(r2.m.f1),
      precision: round(r2.m.precision),
      recall: round(r2.m.recall),
    },
  });
}

// Search before create over a million persons on PostgreSQL (bench/linkageSearch.ts).
if (process.env.PATHFINDER_TEST_PG_URL)
  await benchLinkageSearch(process.env.PATHFINDER_TEST_PG_URL);
else process.stderr.write('PATHFINDER_TEST_PG_URL is not set: linkage.search skipped\n');

// De-duplication of a million persons from the product's generator (`pathfinder generate`, its
// default share of persons recorded again), read from the database; generation excluded.
// LINKAGE_DEDUP_DB=path/to/pathfinder.sqlite reuses a generated database (e.g. from an earlier run).
await benchDedupGenerated(Number(process.env.LINKAGE_DEDUP_1M_N ?? 1_000_000));

// De-duplication at scale: generated persons, 10% recorded twice with typical errors.
{
  const n = Number(process.env.LINKAGE_DEDUP_N ?? 100_000);
  const { records, keys } = generatePersons(n, 0.1, 7);
  const start = performance.now();
  const result = dedupPersons(records);
  const time = seconds(start);
  const m = pairMetrics(
    result.pairs.filter((p) => p.decision === 'match'),
    keys,
    null,
  );
  emit('linkage.dedup_generated.seconds', time, 's', {
    records: n,
    candidates: result.model.candidates,
    precision: round(m.precision),
    recall: round(m.recall),
    f1: round(m.f1),
    note: 'single thread; dedupPersons over generated persons (bench/linkage.ts generatePersons)',
  });
}

async function benchDedupGenerated(cases: number): Promise<void> {
  let file = process.env.LINKAGE_DEDUP_DB;
  let generateSeconds: number | null = null;
  if (!file) {
    const dir = mkdtempSync(join(tmpdir(), 'pf-bench-dedup-'));
    const env = benchEnv({ PATHFINDER_DATA_DIR: dir });
    const run = (args: string[]) => {
      const r = spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`pathfinder ${args.join(' ')} failed: ${r.stderr}`);
    };
    run(['seed']);
    const start = performance.now();
    run(['generate', '--cases', String(cases), '--seed', '42']);
    generateSeconds = seconds(start);
    file = join(dir, 'pathfinder.sqlite');
  }
  const db = new Database(file, { readonly: true });
  let start = performance.now();
  const rows = db
    .prepare(
      `SELECT p.id, p.given_name, p.family_name, p.sex, p.birth_date, p.estimated_age,
              p.age_recorded_on, p.area_code, t.identity
         FROM person p LEFT JOIN synthetic_truth t ON t.person_id = p.id ORDER BY p.id`,
    )
    .all() as (Parameters<typeof personRecord>[0] & { identity: string | null })[];
  db.close();
  const records = rows.map(personRecord);
  const keys = rows.map((r) => r.identity ?? r.id);
  const readSeconds = seconds(start);
  start = performance.now();
  const cpu = process.cpuUsage();
  const result = await dedupInParallel(records, { fields: [...DEDUP_FIELDS] });
  const time = seconds(start);
  const used = process.cpuUsage(cpu);
  const m = pairMetrics(
    result.pairs.filter((p) => p.decision === 'match'),
    keys,
    null,
  );
  emit('linkage.dedup_1m.seconds', time, 's', {
    records: records.length,
    candidates: result.model.candidates,
    precision: round(m.precision),
    recall: round(m.recall),
    f1: round(m.f1),
    cpu_seconds: round((used.user + used.system) / 1e6),
    read_seconds: round(readSeconds),
    generate_seconds: generateSeconds === null ? null : round(generateSeconds),
    load_average: loadavg().map((x) => Math.round(x * 100) / 100),
    note: 'persons from `pathfinder generate --seed 42` in SQLite, the pass fields; dedupInParallel (2 threads), reading excluded',
  });
}

/** Generated persons: names from short lists, 10% duplicated with a typo, swap or date error. */
function generatePersons(
  n: number,
  duplicateShare: number,
  seed: number,
): { records: PersonRecord[]; keys: string[] } {
  let s = seed >>> 0;
  const random = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const syllables = [
    'ka',
    'ri',
    'mo',
    'na',
    'sa',
    'li',
    'to',
    'be',
    'ra',
    'du',
    'me',
    'ni',
    'ya',
    'go',
    'shi',
    'ta',
    'el',
    'an',
    'or',
    'is',
  ];
  const word = (parts: number): string =>
    Array.from({ length: parts }, () => pick(syllables)).join('');
  const givens = Array.from({ length: 800 }, () => word(2 + Math.floor(random() * 2)));
  const families = Array.from({ length: 3000 }, () => word(2 + Math.floor(random() * 2)));
  const areas = Array.from(
    { length: 1500 },
    () => `${word(2)} ${pick(['north', 'south', 'central', 'east', 'west'])}`,
  );
  const typo = (text: string): string => {
    if (text.length < 3) return text;
    const i = 1 + Math.floor(random() * (text.length - 2));
    const r = random();
    if (r < 0.33) return text.slice(0, i) + text.slice(i + 1);
    if (r < 0.66)
      return text.slice(0, i) + pick(['a', 'e', 'i', 'o', 'u', 'n', 'r']) + text.slice(i + 1);
    return text.slice(0, i - 1) + (text[i] ?? '') + (text[i - 1] ?? '') + text.slice(i + 1);
  };
  const records: PersonRecord[] = [];
  const keys: string[] = [];
  const originals = Math.round(n / (1 + duplicateShare));
  for (let i = 0; i < originals; i++) {
    const year = 1950 + Math.floor(random() * 70);
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    records.push({
      id: `p${i}`,
      givenName: pick(givens),
      familyName: `${pick(families)}${random() < 0.3 ? ` ${pick(families)}` : ''}`,
      birthDate: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      sex: random() < 0.5 ? 'f' : 'm',
      area: pick(areas),
      phone: random() < 0.4 ? String(600000000 + Math.floor(random() * 399999999)) : null,
    });
    keys.push(String(i));
  }
  for (let k = 0; records.length < n; k++) {
    const i = Math.floor(random() * originals);
    const o = records[i] as PersonRecord;
    const r = random();
    const dup: PersonRecord = { ...o, id: `d${k}` };
    if (r < 0.3) dup.givenName = typo(o.givenName ?? '');
    else if (r < 0.5) dup.familyName = typo(o.familyName ?? '');
    else if (r < 0.6) [dup.givenName, dup.familyName] = [o.familyName, o.givenName];
    else if (r < 0.8)
      dup.birthDate = `${o.birthDate?.slice(0, 8)}${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
    else dup.area = pick(areas);
    if (random() < 0.3) dup.phone = null;
    records.push(dup);
    keys.push(String(i));
  }
  return { records, keys };
}
