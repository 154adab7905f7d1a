/**
 * `pathfinder link` and `pathfinder dedup`: the analysts' record-linkage
 * commands over CSV files. A map file says which column plays which role;
 * the engine (src/core/linkage) does the rest. With `--clk`, records are
 * encoded as clkhash-compatible CLKs and only the encodings are compared.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import {
  type Clk,
  ClkSchemaError,
  createClkEncoder,
  dedupClks,
  dedupPersons,
  linkClks,
  linkPersons,
  type PersonRecord,
  parseClkSchema,
} from '../../core/index.ts';
import { CliError } from './cliError.ts';

/** Roles a column can play, and the PersonRecord field each fills. */
const ROLES = {
  full_name: 'fullName',
  given_name: 'givenName',
  family_name: 'familyName',
  birth_date: 'birthDate',
  birth_year: 'birthYear',
  birth_month: 'birthMonth',
  birth_day: 'birthDay',
  age: 'estimatedAge',
  sex: 'sex',
  area: 'area',
  address: 'address',
  postcode: 'postcode',
  phone: 'phone',
  id_number: 'idNumber',
} as const;
type Role = keyof typeof ROLES;

/** One role's source: columns joined with a space, and for dates their format. */
interface RoleSource {
  columns: string[];
  format?: string;
  /** For `age`: the date (YYYY-MM-DD) on which ages were recorded. */
  asOf?: string;
}

/** A parsed map file. */
export interface LinkMap {
  id: string;
  roles: Partial<Record<Role, RoleSource>>;
}

const DATE_FORMATS = /^(YYYY|MM|DD|[^A-Za-z0-9])+$/;

function roleSource(role: string, value: unknown): RoleSource {
  const columnsOf = (v: unknown): string[] | null =>
    typeof v === 'string' && v
      ? [v]
      : Array.isArray(v) && v.length > 0 && v.every((c) => typeof c === 'string' && c)
        ? (v as string[])
        : null;
  const direct = columnsOf(value);
  if (direct) return { columns: direct };
  if (typeof value === 'object' && value !== null) {
    const o = value as Record<string, unknown>;
    const columns = columnsOf(o.column ?? o.columns);
    if (!columns)
      throw new CliError(`map: role "${role}" needs "column" (a name or a list of names)`);
    const source: RoleSource = { columns };
    if (o.format !== undefined) {
      if (
        typeof o.format !== 'string' ||
        !DATE_FORMATS.test(o.format) ||
        !o.format.includes('YYYY')
      )
        throw new CliError(
          `map: role "${role}" has an unsupported format (use e.g. YYYYMMDD, YYYY-MM-DD, DD/MM/YYYY)`,
        );
      source.format = o.format;
    }
    if (o.asOf !== undefined) {
      if (typeof o.asOf !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(o.asOf))
        throw new CliError(`map: role "${role}" asOf must be YYYY-MM-DD`);
      source.asOf = o.asOf;
    }
    return source;
  }
  throw new CliError(`map: role "${role}" must be a column name, a list of names or {"column": …}`);
}

/** Reads and checks a map file's JSON. */
export function parseLinkMap(json: unknown): LinkMap {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new CliError('map: expected a JSON object with "id" and "fields"');
  const o = json as Record<string, unknown>;
  if (typeof o.id !== 'string' || !o.id) throw new CliError('map: "id" must name the id column');
  if (typeof o.fields !== 'object' || o.fields === null || Array.isArray(o.fields))
    throw new CliError('map: "fields" must map roles to columns');
  const roles: LinkMap['roles'] = {};
  for (const [role, value] of Object.entries(o.fields)) {
    if (!(role in ROLES))
      throw new CliError(`map: unknown role "${role}" (roles: ${Object.keys(ROLES).join(', ')})`);
    roles[role as Role] = roleSource(role, value);
  }
  if (Object.keys(roles).length === 0) throw new CliError('map: "fields" names no role');
  return { id: o.id, roles };
}

/** Reads a CSV file into rows keyed by trimmed header names. */
export function readCsvRows(path: string): { header: string[]; rows: Record<string, string>[] } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  try {
    const rows = parse(text, {
      columns: (header: string[]) => header.map((h) => h.trim()),
      trim: true,
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as Record<string, string>[];
    const header = (parse(text, { to_line: 1, trim: true, bom: true }) as string[][])[0] ?? [];
    return { header, rows };
  } catch (error) {
    throw new CliError(
      `cannot parse ${path} as CSV: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** A date in the given format (YYYY, MM, DD and separators) as YYYY-MM-DD, partial when parts are missing. */
export function parseDateWithFormat(value: string, format: string): string {
  const v = value.trim();
  if (!v) return '';
  let pattern = '^';
  const parts: string[] = [];
  for (let i = 0; i < format.length; ) {
    const token = ['YYYY', 'MM', 'DD'].find((t) => format.startsWith(t, i));
    if (token) {
      const compact =
        /[YMD]/.test(format[i + token.length] ?? '') || /[YMD]/.test(format[i - 1] ?? '');
      pattern += token === 'YYYY' ? '(\\d{4})' : compact ? '(\\d{2})' : '(\\d{1,2})';
      parts.push(token);
      i += token.length;
    } else {
      pattern += (format[i] ?? '').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      i++;
    }
  }
  const m = new RegExp(`${pattern}$`).exec(v);
  if (!m) return /^\d{4}$/.test(v) ? v : '';
  const get = (t: string): string => m[parts.indexOf(t) + 1] ?? '';
  return `${get('YYYY')}-${get('MM').padStart(2, '0')}-${get('DD').padStart(2, '0')}`;
}

/** Checks that every mapped column exists in a file's header. */
function checkColumns(map: LinkMap, header: readonly string[], path: string): void {
  const wanted = [map.id, ...Object.values(map.roles).flatMap((s) => s?.columns ?? [])];
  for (const c of wanted)
    if (!header.includes(c))
      throw new CliError(`${path}: no column "${c}" (columns: ${header.join(', ')})`);
}

/** Rows to person records through the map. */
export function toPersonRecords(
  rows: readonly Record<string, string>[],
  map: LinkMap,
): PersonRecord[] {
  return rows.map((row) => {
    const record: PersonRecord = { id: row[map.id] ?? '' };
    for (const [role, source] of Object.entries(map.roles) as [Role, RoleSource][]) {
      const text = source.columns
        .map((c) => row[c] ?? '')
        .filter(Boolean)
        .join(' ')
        .trim();
      if (!text) continue;
      const field = ROLES[role];
      if (
        field === 'birthYear' ||
        field === 'birthMonth' ||
        field === 'birthDay' ||
        field === 'estimatedAge'
      ) {
        const n = Number(text);
        if (!Number.isFinite(n)) continue;
        record[field] = n;
        if (field === 'estimatedAge')
          record.ageRecordedOn = source.asOf ?? new Date().toISOString().slice(0, 10);
      } else if (field === 'birthDate')
        record.birthDate = parseDateWithFormat(text, source.format ?? 'YYYY-MM-DD');
      else record[field] = text;
    }
    return record;
  });
}

/** Precision, recall and F1 of predicted pairs against entity keys. */
export interface PairMetrics {
  predicted: number;
  truePositives: number;
  truePairs: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Scores predicted pairs; `keyA`/`keyB` give each side's entity keys (the same array when de-duplicating). */
export function pairMetrics(
  predicted: readonly { a: number; b: number }[],
  keyA: readonly string[],
  keyB: readonly string[] | null,
): PairMetrics {
  const count = (keys: readonly string[]): Map<string, number> => {
    const m = new Map<string, number>();
    for (const k of keys) if (k) m.set(k, (m.get(k) ?? 0) + 1);
    return m;
  };
  const ca = count(keyA);
  let truePairs = 0;
  if (keyB) {
    const cb = count(keyB);
    for (const [k, n] of ca) truePairs += n * (cb.get(k) ?? 0);
  } else for (const n of ca.values()) truePairs += (n * (n - 1)) / 2;
  const other = keyB ?? keyA;
  const tp = predicted.filter((p) => keyA[p.a] && keyA[p.a] === other[p.b]).length;
  const precision = predicted.length ? tp / predicted.length : 0;
  const recall = truePairs ? tp / truePairs : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { predicted: predicted.length, truePositives: tp, truePairs, precision, recall, f1 };
}

/** Entity keys from a truth column, optionally through a regex's first capture group. */
export function truthKeys(
  rows: readonly Record<string, string>[],
  column: string,
  pattern: string | undefined,
): string[] {
  let re: RegExp | null = null;
  if (pattern) {
    try {
      re = new RegExp(pattern);
    } catch {
      throw new CliError(`--truth-pattern is not a valid regular expression: ${pattern}`);
    }
  }
  return rows.map((row) => {
    const v = row[column] ?? '';
    if (!re) return v;
    return re.exec(v)?.[1] ?? '';
  });
}

const OPTIONS = {
  left: { type: 'string' },
  right: { type: 'string' },
  input: { type: 'string' },
  map: { type: 'string' },
  out: { type: 'string' },
  truth: { type: 'string' },
  'truth-pattern': { type: 'string' },
  clk: { type: 'string' },
  'secret-file': { type: 'string' },
  threshold: { type: 'string' },
  review: { type: 'string' },
} as const;

type Values = { [K in keyof typeof OPTIONS]?: string };

function parseOptions(args: string[], usage: string): Values {
  try {
    return parseArgs({ args, options: OPTIONS, strict: true }).values as Values;
  } catch (error) {
    throw new CliError(
      `${error instanceof Error ? error.message : String(error)}\nusage: ${usage}`,
    );
  }
}

function probabilityOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(n >= 0 && n <= 1)) throw new CliError(`--${name} must be a number from 0 to 1`);
  return n;
}

function readMap(path: string | undefined): LinkMap {
  if (!path) throw new CliError('--map is required');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  try {
    return parseLinkMap(JSON.parse(text));
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(
      `map ${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

const say = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/** The secret for CLKs: from a file or PATHFINDER_CLK_SECRET, never from the command line. */
function readSecret(path: string | undefined): string {
  if (path) {
    try {
      const secret = readFileSync(path, 'utf8').replace(/\r?\n$/, '');
      if (!secret) throw new CliError(`${path} is empty`);
      return secret;
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw new CliError(
        `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      );
    }
  }
  const env = process.env.PATHFINDER_CLK_SECRET;
  if (env) return env;
  throw new CliError('--clk needs the secret in --secret-file FILE or PATHFINDER_CLK_SECRET');
}

/** Encodes rows as CLKs; schema features name the columns (or the map's roles). */
function encodeRows(
  rows: readonly Record<string, string>[],
  header: readonly string[],
  schemaPath: string,
  secret: string,
  map: LinkMap,
  path: string,
): Clk[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(schemaPath, 'utf8'));
  } catch (error) {
    throw new CliError(
      `cannot read linkage schema ${schemaPath}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  let encoder: ReturnType<typeof createClkEncoder>;
  try {
    encoder = createClkEncoder(parseClkSchema(json), secret);
  } catch (error) {
    if (error instanceof ClkSchemaError) throw new CliError(error.message);
    throw error;
  }
  const sources = encoder.schema.features.map((f) => {
    if (f.ignored) return [];
    if (header.includes(f.identifier)) return [f.identifier];
    const role = map.roles[f.identifier as Role];
    if (role) return role.columns;
    throw new CliError(
      `${path}: no column "${f.identifier}" for the linkage schema feature of that name`,
    );
  });
  return rows.map((row, i) => {
    try {
      return encoder.encode(
        sources.map((cols) =>
          cols
            .map((c) => row[c] ?? '')
            .join(' ')
            .trim(),
        ),
      );
    } catch (error) {
      throw new CliError(
        `${path}: row ${i + 2}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  });
}

function writePairs(
  path: string,
  header: [string, string],
  ids: [readonly string[], readonly string[]],
  pairs: readonly { a: number; b: number; score: number; decision: string }[],
): void {
  const lines = pairs.map((p) => [
    ids[0][p.a] ?? '',
    ids[1][p.b] ?? '',
    p.score.toFixed(4),
    p.decision,
  ]);
  try {
    writeFileSync(path, stringify([[...header, 'score', 'decision'], ...lines]));
  } catch (error) {
    throw new CliError(
      `cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
}

function reportTruth(metrics: PairMetrics): void {
  process.stdout.write(
    `precision ${metrics.precision.toFixed(4)}  recall ${metrics.recall.toFixed(4)}  F1 ${metrics.f1.toFixed(4)}  (${metrics.truePositives} of ${metrics.predicted} predicted matches correct; ${metrics.truePairs} true pairs)\n`,
  );
}

const progress = (stage: string, done: number, total: number): void => {
  if (stage === 'comparing' && done < total && done % 1_048_576 !== 0) return;
  say(`  ${stage}: ${done.toLocaleString('en')}`);
};

const LINK_USAGE =
  'pathfinder link --left L.csv --right R.csv --map map.json --out pairs.csv [--truth COLUMN [--truth-pattern REGEX]] [--clk schema.json --secret-file F] [--threshold P] [--review P]';
const DEDUP_USAGE =
  'pathfinder dedup --input X.csv --map map.json --out pairs.csv [--truth COLUMN [--truth-pattern REGEX]] [--clk schema.json --secret-file F] [--threshold P] [--review P]';

/** `pathfinder link`: two CSV files, one-to-one. */
export async function runLink(args: string[]): Promise<number> {
  const v = parseOptions(args, LINK_USAGE);
  if (!v.left || !v.right || !v.out)
    throw new CliError(`--left, --right and --out are required\nusage: ${LINK_USAGE}`);
  const map = readMap(v.map);
  const left = readCsvRows(v.left);
  const right = readCsvRows(v.right);
  checkColumns(map, left.header, v.left);
  checkColumns(map, right.header, v.right);
  const idsL = left.rows.map((r) => r[map.id] ?? '');
  const idsR = right.rows.map((r) => r[map.id] ?? '');
  const started = performance.now();
  say(
    `link: ${left.rows.length.toLocaleString('en')} × ${right.rows.length.toLocaleString('en')} records${v.clk ? ' (CLK encodings only)' : ''}`,
  );
  let pairs: { a: number; b: number; score: number; decision: 'match' | 'review' }[];
  if (v.clk) {
    const secret = readSecret(v['secret-file']);
    const ca = encodeRows(left.rows, left.header, v.clk, secret, map, v.left);
    const cb = encodeRows(right.rows, right.header, v.clk, secret, map, v.right);
    say(`  encoded: ${(ca.length + cb.length).toLocaleString('en')}`);
    pairs = linkClks(ca, cb, {
      threshold: probabilityOption(v.threshold, 'threshold'),
      reviewThreshold: probabilityOption(v.review, 'review'),
    });
  } else {
    const result = linkPersons(toPersonRecords(left.rows, map), toPersonRecords(right.rows, map), {
      matchThreshold: probabilityOption(v.threshold, 'threshold'),
      reviewThreshold: probabilityOption(v.review, 'review'),
      onProgress: progress,
    });
    pairs = result.pairs.map(scoredPair);
  }
  writePairs(v.out, ['left_id', 'right_id'], [idsL, idsR], pairs);
  const matches = pairs.filter((p) => p.decision === 'match');
  say(
    `  ${matches.length.toLocaleString('en')} matches, ${(pairs.length - matches.length).toLocaleString('en')} to review, ${((performance.now() - started) / 1000).toFixed(1)} s → ${v.out}`,
  );
  if (v.truth) {
    checkColumns({ id: v.truth, roles: {} }, left.header, v.left);
    checkColumns({ id: v.truth, roles: {} }, right.header, v.right);
    reportTruth(
      pairMetrics(
        matches,
        truthKeys(left.rows, v.truth, v['truth-pattern']),
        truthKeys(right.rows, v.truth, v['truth-pattern']),
      ),
    );
  }
  return 0;
}

/** `pathfinder dedup`: one CSV file, clusters of the same person. */
export async function runDedup(args: string[]): Promise<number> {
  const v = parseOptions(args, DEDUP_USAGE);
  if (!v.input || !v.out)
    throw new CliError(`--input and --out are required\nusage: ${DEDUP_USAGE}`);
  const map = readMap(v.map);
  const input = readCsvRows(v.input);
  checkColumns(map, input.header, v.input);
  const ids = input.rows.map((r) => r[map.id] ?? '');
  const started = performance.now();
  say(
    `dedup: ${input.rows.length.toLocaleString('en')} records${v.clk ? ' (CLK encodings only)' : ''}`,
  );
  let pairs: { a: number; b: number; score: number; decision: 'match' | 'review' }[];
  if (v.clk) {
    const clks = encodeRows(
      input.rows,
      input.header,
      v.clk,
      readSecret(v['secret-file']),
      map,
      v.input,
    );
    pairs = dedupClks(clks, {
      threshold: probabilityOption(v.threshold, 'threshold'),
      reviewThreshold: probabilityOption(v.review, 'review'),
    });
  } else {
    const result = dedupPersons(toPersonRecords(input.rows, map), {
      matchThreshold: probabilityOption(v.threshold, 'threshold'),
      reviewThreshold: probabilityOption(v.review, 'review'),
      onProgress: progress,
    });
    pairs = result.pairs.map(scoredPair);
  }
  writePairs(v.out, ['id_a', 'id_b'], [ids, ids], pairs);
  const matches = pairs.filter((p) => p.decision === 'match');
  say(
    `  ${matches.length.toLocaleString('en')} matching pairs, ${(pairs.length - matches.length).toLocaleString('en')} to review, ${((performance.now() - started) / 1000).toFixed(1)} s → ${v.out}`,
  );
  if (v.truth) {
    checkColumns({ id: v.truth, roles: {} }, input.header, v.input);
    reportTruth(pairMetrics(matches, truthKeys(input.rows, v.truth, v['truth-pattern']), null));
  }
  return 0;
}

/** An engine pair as the CLI writes it: its probability is the score. */
function scoredPair<D extends string>(p: {
  a: number;
  b: number;
  probability: number;
  decision: D;
}): { a: number; b: number; score: number; decision: D } {
  return { a: p.a, b: p.b, score: p.probability, decision: p.decision };
}
