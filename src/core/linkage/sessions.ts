/**
 * Training sessions: m and the prior from pairs that are a fair sample of something, rather than
 * from the blocked candidate pairs (whose non-matches agree far more often than chance, on
 * whatever the blocking keys hold).
 *
 * A session takes every pair of records that agree exactly on its condition fields (or a uniform
 * sample of them when there are too many). Among those pairs, strangers agree on the *other*
 * fields only by chance, so u there is the population's u, known; EM then estimates m of the
 * other fields and the share of matches, and cannot mistake a big class of strangers (same name,
 * same village) for the matches. This is how Splink trains (its "blocking rule" sessions,
 * after Fellegi & Sunter under conditional independence): one session on the birth date, which
 * teaches the names, sex and places; one on the names, which teaches the date and the places.
 * The number of matches over all pairs follows from a session's matches and the other's m of its
 * condition (a date agreeing among matches m₀ of the time: matches agreeing on it ÷ m₀).
 */
import { comparePair, FIELD_LEVELS, type FieldName, fieldShare } from './comparePair.ts';
import { estimateParameters, patternCode } from './fellegiSunter.ts';
import type { PreparedRecord } from './prepareRecord.ts';

/** The value whose equality is a field's exact level; '' when it cannot agree exactly. */
export function exactValue(r: PreparedRecord, field: FieldName): string {
  switch (field) {
    case 'given_name':
      return r.given.sorted;
    case 'family_name':
      return r.family.sorted;
    case 'full_name':
      return r.full.sorted;
    case 'birth_date':
      return r.birth.month && r.birth.day && !r.birth.toleranceYears
        ? `${r.birth.year}-${r.birth.month}-${r.birth.day}`
        : '';
    case 'sex':
      return r.sex;
    case 'area':
      return r.area.sorted;
    case 'address':
      return r.address.sorted;
    case 'postcode':
      return r.postcode;
    case 'phone':
      return r.phone;
    case 'id_number':
      return r.idNumber;
  }
}

/** What one session learnt. */
export interface SessionEstimate {
  condition: FieldName[];
  /** Pairs agreeing on the condition, over all records. */
  population: number;
  /** Pairs compared (all of them, or a uniform sample). */
  compared: number;
  /** Expected matches among the population. */
  matches: number;
  /** m per estimated field. */
  m: Map<FieldName, number[]>;
}

/** A deterministic pseudo-random sequence (mulberry32), so results never vary between runs. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function groupBy(records: readonly PreparedRecord[], key: (r: PreparedRecord) => string) {
  const groups = new Map<string, number[]>();
  for (let i = 0; i < records.length; i++) {
    const k = key(records[i] as PreparedRecord);
    if (!k) continue;
    const g = groups.get(k);
    if (g) g.push(i);
    else groups.set(k, [i]);
  }
  return groups;
}

/**
 * Pairs agreeing exactly on `condition`: all of them when there are at most `budget`, otherwise
 * `budget` drawn uniformly (with replacement) from all of them.
 */
export function conditionPairs(
  left: readonly PreparedRecord[],
  right: readonly PreparedRecord[] | null,
  condition: readonly FieldName[],
  budget: number,
  seed = 0x5e55,
): { a: Int32Array; b: Int32Array; population: number } {
  const key = (r: PreparedRecord) => {
    let k = '';
    for (const f of condition) {
      const v = exactValue(r, f);
      if (!v) return '';
      k += `${v}\u0000`;
    }
    return k;
  };
  const lg = groupBy(left, key);
  const rg = right ? groupBy(right, key) : null;
  const blocks: { l: number[]; r: number[] | null; weight: number }[] = [];
  let population = 0;
  for (const [k, l] of lg) {
    const r = rg ? rg.get(k) : null;
    if (rg && !r) continue;
    const weight = r ? l.length * r.length : (l.length * (l.length - 1)) / 2;
    if (weight === 0) continue;
    blocks.push({ l, r: r ?? null, weight });
    population += weight;
  }
  const n = Math.min(population, budget);
  const a = new Int32Array(n);
  const b = new Int32Array(n);
  if (population <= budget) {
    let k = 0;
    const put = (i: number, j: number) => {
      a[k] = i;
      b[k] = j;
      k++;
    };
    for (const { l, r } of blocks)
      if (r) for (const i of l) for (const j of r) put(i, j);
      else
        for (let x = 0; x < l.length; x++)
          for (let y = x + 1; y < l.length; y++) put(l[x] as number, l[y] as number);
    return { a, b, population };
  }
  const random = seededRandom(seed);
  const cumulative = new Float64Array(blocks.length);
  let sum = 0;
  blocks.forEach((bl, i) => {
    sum += bl.weight;
    cumulative[i] = sum;
  });
  for (let k = 0; k < n; k++) {
    const target = random() * sum;
    let lo = 0;
    let hi = blocks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) <= target) lo = mid + 1;
      else hi = mid;
    }
    const { l, r } = blocks[lo] as (typeof blocks)[number];
    if (r) {
      a[k] = l[Math.floor(random() * l.length)] as number;
      b[k] = r[Math.floor(random() * r.length)] as number;
    } else {
      const x = Math.floor(random() * l.length);
      let y = Math.floor(random() * (l.length - 1));
      if (y >= x) y++;
      a[k] = l[x] as number;
      b[k] = l[y] as number;
    }
  }
  return { a, b, population };
}

/**
 * One session: pairs agreeing on `condition`, compared on every field, EM on `estimated` with u
 * held at `u` (population u, per field of `fields`). Null when no pair agrees on the condition.
 */
export function trainSession(
  left: readonly PreparedRecord[],
  right: readonly PreparedRecord[] | null,
  fields: readonly FieldName[],
  condition: readonly FieldName[],
  estimated: readonly FieldName[],
  u: readonly (readonly number[])[],
  budget: number,
): SessionEstimate | null {
  const { a, b, population } = conditionPairs(left, right, condition, budget);
  if (a.length === 0) return null;
  const other = right ?? left;
  const counts = new Map<number, number>();
  const levels = new Int8Array(fields.length);
  for (let k = 0; k < a.length; k++) {
    comparePair(
      left[a[k] as number] as PreparedRecord,
      other[b[k] as number] as PreparedRecord,
      fields,
      levels,
    );
    const code = patternCode(levels, fields.length);
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  const active = estimated.map((f) => fields.indexOf(f)).filter((i) => i >= 0);
  const fit = estimateParameters(
    counts,
    fields.map((f) => FIELD_LEVELS[f].length),
    u,
    0.01,
    { fixedU: true, active },
  );
  const m = new Map<FieldName, number[]>();
  for (const i of active) m.set(fields[i] as FieldName, fit.m[i] as number[]);
  return {
    condition: [...condition],
    population,
    compared: a.length,
    matches: fit.lambda * population,
    m,
  };
}

const NAMES: readonly FieldName[] = ['given_name', 'family_name', 'full_name'];
/** Places that narrow a names session that is too large to sample matches from. */
const PLACES: readonly FieldName[] = ['area', 'postcode', 'address'];
/** Matches expected among the compared pairs for a session's m to be used. */
const MIN_SAMPLE_MATCHES = 20;
/**
 * Fields a session must learn. With u known (chance agreement, measured on random pairs) two
 * conditionally independent fields identify the matches; with one, any share of matches fits.
 */
const MIN_FIELDS = 2;

/** What the sessions learnt: m per field (null: not learnt), and the sessions themselves. */
export interface SessionParameters {
  m: (number[] | null)[];
  sessions: SessionEstimate[];
}

/**
 * A session on the birth date and one on the names (narrowed by a place when strangers sharing a
 * name are too many to find matches among a sample); each field's m is the mean over the
 * sessions that learnt it. A session is used only when at least two fields are learnt in it
 * (with one, matches and chance agreement cannot be told apart) and its sample holds enough expected matches.
 */
export function sessionParameters(
  left: readonly PreparedRecord[],
  right: readonly PreparedRecord[] | null,
  fields: readonly FieldName[],
  u: readonly (readonly number[])[],
  budget = 300_000,
): SessionParameters {
  const sessions: SessionEstimate[] = [];
  const sampled = (s: SessionEstimate) => (s.matches * s.compared) / Math.max(1, s.population);
  const usable = (s: SessionEstimate): boolean =>
    s.m.size >= MIN_FIELDS && sampled(s) >= MIN_SAMPLE_MATCHES;
  if (fields.includes('birth_date')) {
    const s = trainSession(
      left,
      right,
      fields,
      ['birth_date'],
      fields.filter((f) => f !== 'birth_date'),
      u,
      budget,
    );
    if (s && usable(s)) sessions.push(s);
  }
  const names = fields.filter((f) => NAMES.includes(f));
  // Sex follows the given name in every population: it would teach nothing here but bias.
  const rest = fields.filter((f) => !names.includes(f) && f !== 'sex');
  if (names.length > 0 && rest.length >= MIN_FIELDS) {
    let s = trainSession(left, right, fields, names, rest, u, budget);
    const place = PLACES.find((p) => fields.includes(p));
    if (s && !usable(s) && s.compared < s.population && place && rest.length > MIN_FIELDS)
      s = trainSession(
        left,
        right,
        fields,
        [...names, place],
        rest.filter((f) => f !== place),
        u,
        budget,
      );
    if (s && usable(s)) sessions.push(s);
  }
  const mOf = (f: FieldName): number[] | null => {
    const rows = sessions.filter((s) => s.m.has(f)).map((s) => s.m.get(f) as number[]);
    if (rows.length === 0) return null;
    return (rows[0] as number[]).map(
      (_, l) => rows.reduce((x, r) => x + (r[l] ?? 0), 0) / rows.length,
    );
  };
  return { m: fields.map((f) => mOf(f)), sessions };
}

/**
 * Matches over all pairs implied by the sessions: a session's matches, over the share of
 * matches that agree exactly on its condition (m of exact agreement, learnt elsewhere, times
 * how often both records have the field); the geometric mean over sessions. Null without any.
 */
export function impliedMatches(
  sessions: readonly SessionEstimate[],
  fields: readonly FieldName[],
  m: readonly (readonly number[])[],
  left: readonly PreparedRecord[],
  right: readonly PreparedRecord[] | null,
): number | null {
  const other = right ?? left;
  const totals: number[] = [];
  for (const s of sessions) {
    let share = 1;
    for (const c of s.condition)
      share *= (m[fields.indexOf(c)]?.[0] ?? 0) * fieldShare(left, c) * fieldShare(other, c);
    if (share > 0) totals.push(s.matches / share);
  }
  if (totals.length === 0) return null;
  return Math.exp(totals.reduce((x, t) => x + Math.log(Math.max(t, 1e-9)), 0) / totals.length);
}
