/**
 * The record-linkage engine: prepare → block → compare → estimate (EM) →
 * score → decide, for two lists (`linkPersons`) or one (`dedupPersons`).
 * Pure and synchronous: the same code runs in a browser, on the server and in
 * a worker thread. Nothing here is specific to one data set: parameters come
 * from EM on the data, thresholds are match probabilities.
 */
import { assignOneToOne, clusterMatches } from './assign.ts';
import { type BlockingOptions, type CandidatePairs, candidatePairs } from './blocking.ts';
import { activeFields, comparePair, FIELD_LEVELS, type FieldName } from './comparePair.ts';
import {
  estimateParameters,
  type FsParameters,
  levelWeight,
  matchProbability,
  patternCode,
  patternLevels,
  seededStart,
} from './fellegiSunter.ts';
import { type PersonRecord, type PreparedRecord, prepareRecord } from './prepareRecord.ts';
import { exactValue, impliedMatches, seededRandom, sessionParameters } from './sessions.ts';

export interface LinkOptions extends BlockingOptions {
  /** Match probability at or above which a pair is a match; default 0.5. */
  matchThreshold?: number;
  /** Match probability at or above which a pair is kept for review; default 0.05. */
  reviewThreshold?: number;
  /** Fields to compare; default: those present on both sides. */
  fields?: FieldName[];
  /** Adjust exact name agreement for how common the name is; default true. */
  termFrequency?: boolean;
  /** Called as work advances (stage name, done, total). */
  onProgress?: (stage: string, done: number, total: number) => void;
}

/** What the engine learnt and decided with; enough to score and explain any pair. */
export interface LinkageModel {
  fields: FieldName[];
  params: FsParameters;
  /** How often each name (sorted words) occurs, for term-frequency adjustment; null when off. */
  nameFrequency: Map<string, number> | null;
  /** Σf³/Σf²: the frequency of the name an agreeing non-matching pair typically shares. */
  typicalNameFrequency: number;
  matchThreshold: number;
  reviewThreshold: number;
  candidates: number;
}

/** A decided pair: indices into the input list(s). */
export interface ScoredPair {
  a: number;
  b: number;
  /** Total Fellegi–Sunter weight in bits. */
  weight: number;
  /** Posterior match probability. */
  probability: number;
  decision: 'match' | 'review';
}

const NAME_FIELDS: ReadonlySet<FieldName> = new Set(['given_name', 'family_name', 'full_name']);
const TF_CLAMP = 3;

function nameValue(r: PreparedRecord, field: FieldName): string {
  return field === 'given_name'
    ? r.given.sorted
    : field === 'family_name'
      ? r.family.sorted
      : r.full.sorted;
}

/** Counts of name values over all records, and the typical frequency of an agreeing name. */
function nameFrequencies(
  records: readonly PreparedRecord[],
  fields: readonly FieldName[],
): { table: Map<string, number>; typical: number } {
  const table = new Map<string, number>();
  let total = 0;
  for (const r of records)
    for (const f of fields) {
      if (!NAME_FIELDS.has(f)) continue;
      const v = nameValue(r, f);
      if (!v) continue;
      table.set(v, (table.get(v) ?? 0) + 1);
      total++;
    }
  let s2 = 0;
  let s3 = 0;
  for (const [k, c] of table) {
    const f = c / total;
    table.set(k, f);
    s2 += f * f;
    s3 += f * f * f;
  }
  return { table, typical: s2 > 0 ? s3 / s2 : 0 };
}

/** Term-frequency adjustment (bits) for exact agreement on a name: rarer than typical → more weight. */
export function nameAdjustment(model: LinkageModel, value: string): number {
  if (!model.nameFrequency || !value) return 0;
  const f = model.nameFrequency.get(value);
  if (!f || model.typicalNameFrequency <= 0) return 0;
  return Math.max(-TF_CLAMP, Math.min(TF_CLAMP, Math.log2(model.typicalNameFrequency / f)));
}

const weightTables = new WeakMap<LinkageModel, number[][]>();

/** log2(m/u) per field and level, computed once per model. */
function weightTable(model: LinkageModel): number[][] {
  let table = weightTables.get(model);
  if (!table) {
    table = model.fields.map((f, i) =>
      FIELD_LEVELS[f].map((_, l) => levelWeight(model.params, i, l)),
    );
    weightTables.set(model, table);
  }
  return table;
}

/** The weight of a pair from its levels: Σ log2(m/u), plus name frequency adjustments. */
export function pairWeight(model: LinkageModel, levels: Int8Array, a: PreparedRecord): number {
  const table = weightTable(model);
  let w = 0;
  for (let f = 0; f < model.fields.length; f++) {
    const level = levels[f] ?? -1;
    if (level < 0) continue;
    w += table[f]?.[level] ?? 0;
    const field = model.fields[f] as FieldName;
    if (level === 0 && NAME_FIELDS.has(field)) w += nameAdjustment(model, nameValue(a, field));
  }
  return w;
}

/** u probabilities from random pairs: how often unrelated records agree by chance. */
function randomPairLevels(
  left: readonly PreparedRecord[],
  right: readonly PreparedRecord[],
  fields: readonly FieldName[],
  samples = 5_000,
): number[][] {
  const counts = fields.map((f) => new Array<number>(FIELD_LEVELS[f].length).fill(1));
  const random = seededRandom(0x5eed);
  const levels = new Int8Array(fields.length);
  for (let s = 0; s < samples; s++) {
    const a = left[Math.floor(random() * left.length)];
    const b = right[Math.floor(random() * right.length)];
    if (!a || !b || a === b) continue;
    comparePair(a, b, fields, levels);
    fields.forEach((_, f) => {
      const l = levels[f] ?? -1;
      if (l >= 0) (counts[f] as number[])[l] = ((counts[f] as number[])[l] ?? 0) + 1;
    });
  }
  return counts.map((row) => {
    const total = row.reduce((x, y) => x + y, 0);
    return row.map((c) => c / total);
  });
}

/**
 * Chance of exact agreement between two unrelated records, Σ_v f_left(v)·f_right(v)
 * over the values of a field (records with a value only). Exact, where a random
 * sample would see rare agreements (a birth date, an ID) too seldom to measure.
 */
function exactAgreementRate(
  left: readonly PreparedRecord[],
  right: readonly PreparedRecord[],
  field: FieldName,
): number {
  const count = (rs: readonly PreparedRecord[]): { table: Map<string, number>; total: number } => {
    const table = new Map<string, number>();
    let total = 0;
    for (const r of rs) {
      const v = exactValue(r, field);
      if (!v) continue;
      table.set(v, (table.get(v) ?? 0) + 1);
      total++;
    }
    return { table, total };
  };
  const a = count(left);
  const b = left === right ? a : count(right);
  if (a.total === 0 || b.total === 0) return 0;
  let sum = 0;
  for (const [v, n] of a.table) sum += (n / a.total) * ((b.table.get(v) ?? 0) / b.total);
  return sum;
}

/**
 * u over all pairs: the exact level from value frequencies, the other levels in
 * the proportions seen on random pairs. Blocking decides which pairs are
 * compared, not what agreement means; weights relative to all pairs stay true
 * whatever the blocking keys (the candidate pairs alone over-represent
 * agreement on the blocked fields, and EM's u there is not a chance rate).
 */
function populationU(
  left: readonly PreparedRecord[],
  right: readonly PreparedRecord[],
  fields: readonly FieldName[],
  randomLevels: number[][],
): number[][] {
  return fields.map((field, f) => {
    const sample = randomLevels[f] ?? [];
    const exact = Math.max(
      exactAgreementRate(left, right, field),
      1 / (Math.max(left.length, 1) * Math.max(right.length, 1)),
    );
    const rest = sample.slice(1);
    const restSum = rest.reduce((x, y) => x + y, 0) || 1;
    return [exact, ...rest.map((x) => ((1 - exact) * x) / restSum)];
  });
}

interface Scored {
  model: LinkageModel;
  pairs: ScoredPair[];
}

/**
 * The level pattern (`patternCode`) of candidate pairs `from` to `to`: the comparing step alone,
 * so that a slice of the pairs can be compared on another thread.
 */
export function comparePatterns(
  left: readonly PreparedRecord[],
  right: readonly PreparedRecord[] | null,
  fields: readonly FieldName[],
  pairs: CandidatePairs,
  from = 0,
  to = pairs.a.length,
  onProgress?: (done: number) => void,
): Int32Array {
  const other = right ?? left;
  const { a, b } = pairs;
  const codes = new Int32Array(to - from);
  const levels = new Int8Array(fields.length);
  for (let k = from; k < to; k++) {
    comparePair(
      left[a[k] as number] as PreparedRecord,
      other[b[k] as number] as PreparedRecord,
      fields,
      levels,
    );
    codes[k - from] = patternCode(levels, fields.length);
    if (onProgress && ((k - from) & 0xffff) === 0xffff) onProgress(k - from + 1);
  }
  return codes;
}

/** Blocks, compares, runs EM and scores; shared by linking and de-duplication. */
function scoreCandidates(
  left: readonly PreparedRecord[],
  right: readonly PreparedRecord[] | null,
  options: LinkOptions,
): Scored {
  const fields = options.fields ?? activeFields(left, right ?? left);
  const pairs = candidatePairs(left, right, options);
  const n = pairs.a.length;
  options.onProgress?.('blocking', n, n);
  const codes = comparePatterns(left, right, fields, pairs, 0, n, (done) =>
    options.onProgress?.('comparing', done, n),
  );
  options.onProgress?.('comparing', n, n);
  return scorePatterns(left, right, fields, pairs, codes, options);
}

/**
 * From the level patterns of the candidate pairs: EM, u over all pairs, the model, and the
 * pairs in the review band or above.
 */
function scorePatterns(
  left: readonly PreparedRecord[],
  right: readonly PreparedRecord[] | null,
  fields: readonly FieldName[],
  candidates: CandidatePairs,
  codes: Int32Array,
  options: LinkOptions,
): Scored {
  const progress = options.onProgress ?? (() => {});
  const other = right ?? left;
  const { a, b } = candidates;
  const n = a.length;
  const counts = new Map<number, number>();
  for (let k = 0; k < n; k++) {
    const code = codes[k] as number;
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  const levelCounts = fields.map((f) => FIELD_LEVELS[f].length);
  const expectedMatches = Math.min(left.length, other.length) * (right ? 1 : 0.5);
  const anchors = fields.flatMap((f, i) => (NAME_FIELDS.has(f) || f === 'birth_date' ? [i] : []));
  const seeded = seededStart(counts, levelCounts, anchors);
  const lambda0 = seeded ? seeded.seeds / Math.max(1, n) : n > 0 ? expectedMatches / n : 0.5;
  // Enough random pairs that rare levels (a close but not equal place) are measured, not
  // guessed: EM takes any level more common among the pairs than u says for a sign of matches.
  const randomLevels = randomPairLevels(
    left,
    other,
    fields,
    Math.min(200_000, Math.max(20_000, 2 * (left.length + (right?.length ?? 0)))),
  );
  const fitted = estimateParameters(counts, levelCounts, randomLevels, lambda0, {
    m0: seeded?.m ?? null,
  });
  const u = populationU(left, other, fields, randomLevels);
  // m and the number of matches from training sessions (sessions.ts) where they could learn
  // them; otherwise EM's on the candidates, the matches found among them as the prior.
  const trained = sessionParameters(left, right, fields, u);
  const allPairs = right ? left.length * right.length : (left.length * (left.length - 1)) / 2;
  // Fields no session could learn: EM on the candidates again, the learnt m held fixed.
  const refit =
    trained.m.some((row) => row === null) && trained.m.some((row) => row !== null)
      ? estimateParameters(counts, levelCounts, randomLevels, lambda0, {
          m0: fitted.m.map((row, f) => trained.m[f] ?? row),
          fixedM: trained.m.map((row) => row !== null),
        })
      : fitted;
  const m = refit.m.map((row, f) => trained.m[f] ?? row);
  const matches = impliedMatches(trained.sessions, fields, m, left, right) ?? fitted.lambda * n;
  const params: FsParameters = {
    ...refit,
    m,
    u,
    lambda: Math.min(0.5, Math.max(1e-12, matches / Math.max(1, allPairs))),
  };
  progress('estimating', params.iterations, params.iterations);
  const useTf = options.termFrequency ?? true;
  const freq = useTf ? nameFrequencies(right ? [...left, ...right] : left, fields) : null;
  const model: LinkageModel = {
    fields: [...fields],
    params,
    nameFrequency: freq?.table ?? null,
    typicalNameFrequency: freq?.typical ?? 0,
    matchThreshold: options.matchThreshold ?? 0.5,
    reviewThreshold: options.reviewThreshold ?? 0.05,
    candidates: n,
  };
  // Each distinct pattern's weight is summed once; a name's frequency adjustment is looked up
  // once per record (names repeat), not once per pair.
  const table = weightTable(model);
  const baseWeight = new Map<number, number>();
  const nameFieldIndex = fields.flatMap((f, i) => (NAME_FIELDS.has(f) ? [i] : []));
  const adjustments = nameFieldIndex.map(() => new Float64Array(left.length).fill(Number.NaN));
  const pairs: ScoredPair[] = [];
  for (let k = 0; k < n; k++) {
    const code = codes[k] as number;
    let weight = baseWeight.get(code);
    if (weight === undefined) {
      const lv = patternLevels(code, fields.length);
      weight = 0;
      for (let f = 0; f < fields.length; f++) {
        const level = lv[f] as number;
        if (level >= 0) weight += table[f]?.[level] ?? 0;
      }
      baseWeight.set(code, weight);
    }
    const ia = a[k] as number;
    for (let x = 0; x < nameFieldIndex.length; x++) {
      const f = nameFieldIndex[x] as number;
      // Level 0 (exact) of field f is digit 1 of the base-8 pattern code.
      if (Math.floor(code / 8 ** f) % 8 !== 1) continue;
      const adj = adjustments[x] as Float64Array;
      let v = adj[ia] as number;
      if (Number.isNaN(v)) {
        v = nameAdjustment(model, nameValue(left[ia] as PreparedRecord, fields[f] as FieldName));
        adj[ia] = v;
      }
      weight += v;
    }
    const probability = matchProbability(weight, params.lambda);
    if (probability < model.reviewThreshold) continue;
    pairs.push({
      a: ia,
      b: b[k] as number,
      weight,
      probability,
      decision: probability >= model.matchThreshold ? 'match' : 'review',
    });
  }
  progress('scoring', n, n);
  return { model, pairs };
}

/** The result of linking or de-duplicating. */
export interface LinkResult {
  model: LinkageModel;
  /** Matches and review pairs, best first. */
  pairs: ScoredPair[];
}

/** Links two lists one-to-one; `pairs[].a` indexes `left`, `.b` indexes `right`. */
export function linkPersons(
  left: readonly PersonRecord[],
  right: readonly PersonRecord[],
  options: LinkOptions = {},
): LinkResult {
  const pl = left.map(prepareRecord);
  const pr = right.map(prepareRecord);
  options.onProgress?.('preparing', left.length + right.length, left.length + right.length);
  const { model, pairs } = scoreCandidates(pl, pr, options);
  return { model, pairs: assignOneToOne(pairs) };
}

export interface DedupOptions extends LinkOptions {
  /** Below this probability two records may never share a cluster; default 0.001. */
  cannotLinkProbability?: number;
  maxClusterSize?: number;
}

export interface DedupResult extends LinkResult {
  /** Cluster id per record (its own index when alone). */
  clusters: Int32Array;
}

/**
 * De-duplicates one list: matched pairs are clustered (with cannot-link
 * constraints), and every pair inside a cluster is reported as a match.
 */
export function dedupPersons(
  records: readonly PersonRecord[],
  options: DedupOptions = {},
): DedupResult {
  const prepared = records.map(prepareRecord);
  options.onProgress?.('preparing', records.length, records.length);
  return dedupPrepared(prepared, options);
}

/** `dedupPersons` on records already prepared (e.g. by worker threads). */
export function dedupPrepared(
  prepared: readonly PreparedRecord[],
  options: DedupOptions = {},
): DedupResult {
  return clusterScored(prepared, scoreCandidates(prepared, null, options), options);
}

/**
 * `dedupPrepared` from candidate pairs already blocked and compared (`candidatePairs`,
 * `comparePatterns`), e.g. compared on several threads; `fields` as compared.
 */
export function dedupCompared(
  prepared: readonly PreparedRecord[],
  fields: readonly FieldName[],
  candidates: CandidatePairs,
  codes: Int32Array,
  options: DedupOptions = {},
): DedupResult {
  return clusterScored(
    prepared,
    scorePatterns(prepared, null, fields, candidates, codes, options),
    options,
  );
}

/** Highest weight first, ties by indices: a total order, so results never depend on input order. */
const bestFirst = (x: ScoredPair, y: ScoredPair): number =>
  y.weight - x.weight || x.a - y.a || x.b - y.b;

/** Clusters the matched pairs and adds the pairs clusters imply. */
function clusterScored(
  prepared: readonly PreparedRecord[],
  { model, pairs }: Scored,
  options: DedupOptions,
): DedupResult {
  const cannot = options.cannotLinkProbability ?? 0.001;
  const levels = new Int8Array(model.fields.length);
  const weightOf = (i: number, j: number): number => {
    const x = prepared[i] as PreparedRecord;
    comparePair(x, prepared[j] as PreparedRecord, model.fields, levels);
    return pairWeight(model, levels, x);
  };
  const lambda = model.params.lambda;
  // Best first once: clustering's own sort and the final one then meet already-ordered runs,
  // which the engine's merge sort (TimSort) passes through in linear time.
  pairs.sort(bestFirst);
  const matches = pairs.filter((p) => p.decision === 'match');
  const clusters = clusterMatches(
    prepared.length,
    matches,
    (i, j) => matchProbability(weightOf(i, j), lambda) < cannot,
    { maxClusterSize: options.maxClusterSize ?? 50 },
  );
  // Pairs implied by clusters (transitivity) join the direct matches. A cluster of two is its
  // direct pair; only larger clusters need their missing pairs found and scored.
  const size = new Int32Array(prepared.length);
  for (let i = 0; i < clusters.length; i++) {
    const c = clusters[i] as number;
    size[c] = (size[c] as number) + 1;
  }
  const n = prepared.length;
  const inCluster = new Map<number, Set<number>>();
  for (const p of pairs) {
    const c = clusters[p.a] as number;
    if (c !== clusters[p.b]) continue;
    p.decision = 'match';
    if ((size[c] as number) < 3) continue;
    let seen = inCluster.get(c);
    if (!seen) {
      seen = new Set();
      inCluster.set(c, seen);
    }
    seen.add(p.a * n + p.b);
  }
  const implied: ScoredPair[] = [];
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const c = clusters[i] as number;
    if ((size[c] as number) < 3) continue;
    const group = groups.get(c);
    if (group) group.push(i);
    else groups.set(c, [i]);
  }
  for (const [c, group] of groups) {
    const seen = inCluster.get(c);
    for (let x = 0; x < group.length; x++)
      for (let y = x + 1; y < group.length; y++) {
        const i = group[x] as number;
        const j = group[y] as number;
        if (seen?.has(i * n + j)) continue;
        const weight = weightOf(i, j);
        implied.push({
          a: i,
          b: j,
          weight,
          probability: matchProbability(weight, lambda),
          decision: 'match',
        });
      }
  }
  const all = pairs.concat(implied.sort(bestFirst)).sort(bestFirst);
  return { model, pairs: all, clusters };
}
