/**
 * Fellegi–Sunter scoring (Fellegi & Sunter 1969, "A theory for record
 * linkage", JASA 64:1183) with m and u probabilities estimated by
 * expectation–maximisation on the candidate pairs themselves (Winkler 1988;
 * Jaro 1989), under conditional independence of fields. Pairs are grouped by
 * their pattern of levels first, so EM runs over a few hundred patterns
 * whatever the number of pairs.
 */

/** Probabilities per field and level; `m` among matches, `u` among non-matches. */
export interface FsParameters {
  m: number[][];
  u: number[][];
  /** Share of candidate pairs that are matches. */
  lambda: number;
  iterations: number;
  converged: boolean;
}

/** Pattern code of a levels vector: base 8, level + 1 (0 = missing). */
export function patternCode(levels: Int8Array, fieldCount: number): number {
  let code = 0;
  for (let f = fieldCount - 1; f >= 0; f--) code = code * 8 + ((levels[f] ?? -1) + 1);
  return code;
}

/** Levels of a pattern code (−1 = missing). */
export function patternLevels(code: number, fieldCount: number): Int8Array {
  const out = new Int8Array(fieldCount);
  let c = code;
  for (let f = 0; f < fieldCount; f++) {
    out[f] = (c % 8) - 1;
    c = Math.floor(c / 8);
  }
  return out;
}

/** Default m: mostly agreement, then geometrically less (a neutral start for EM). */
export function initialM(levelCounts: readonly number[]): number[][] {
  return levelCounts.map((n) => {
    const rest = Array.from({ length: n - 1 }, (_, l) => 0.5 ** (l + 1));
    const restSum = rest.reduce((s, x) => s + x, 0);
    return [0.85, ...rest.map((x) => (0.15 * x) / restSum)];
  });
}

const FLOOR = 1e-6;
/**
 * Additive smoothing: half a pair per level. A level never seen among
 * non-matches then weighs log2(m · n) bits at most, instead of growing without
 * bound, so one field (a copied ID number) cannot outvote all the others.
 */
const PSEUDO_COUNT = 0.5;

function normalise(counts: number[]): number[] {
  const total = counts.reduce((s, x) => s + x, 0) + PSEUDO_COUNT * counts.length;
  return counts.map((x) => (x + PSEUDO_COUNT) / total);
}

/** What `estimateParameters` holds fixed, and where it starts. */
export interface EmOptions {
  /** Default 500. */
  maxIterations?: number;
  /** Start of m (default: mostly agreement). */
  m0?: number[][] | null;
  /** Fields whose m stays at m0 (known from elsewhere). */
  fixedM?: readonly boolean[];
  /**
   * Hold u at u0: the chance agreement of unrelated records, known from the whole population.
   * Over the pairs of a training session (sessions.ts) the non-match class then cannot drift,
   * so EM cannot take a large class of strangers (same name, same place) for the matches, as
   * it can when u is free over blocked candidates.
   */
  fixedU?: boolean;
  /** The fields that count (default all); a session's condition fields say nothing within it. */
  active?: readonly number[];
}

/**
 * Estimates m, u and λ from pattern counts. `u0` (usually from random pairs) and `lambda0`
 * start the iteration; it stops when no probability moves by more than 1e-7 (with u held,
 * λ relative to itself) or after `maxIterations`.
 * Rows of fields that do not count are returned as they started.
 */
export function estimateParameters(
  patternCounts: ReadonlyMap<number, number>,
  levelCounts: readonly number[],
  u0: readonly (readonly number[])[],
  lambda0: number,
  options: EmOptions = {},
): FsParameters {
  const F = levelCounts.length;
  const active = options.active ?? levelCounts.map((_, f) => f);
  const counting = levelCounts.map((_, f) => active.includes(f));
  const fixedM = options.fixedM ?? [];
  const codes = [...patternCounts.keys()];
  const counts = codes.map((c) => patternCounts.get(c) ?? 0);
  const levels = codes.map((c) => patternLevels(c, F));
  const total = counts.reduce((s, x) => s + x, 0);
  let m = options.m0 ? options.m0.map((row) => [...row]) : initialM(levelCounts);
  // Held u is a measured rate: never below the floor a learnt one could not go under either.
  let u = u0.map((row) => (options.fixedU ? row.map((x) => Math.max(x, FLOOR)) : [...row]));
  let lambda = Math.min(0.5, Math.max(options.fixedU ? 1e-9 : 1e-6, lambda0));
  let iterations = 0;
  let converged = false;
  while (iterations < (options.maxIterations ?? 500) && !converged) {
    iterations++;
    const mNum = levelCounts.map((n) => new Array<number>(n).fill(0));
    const uNum = levelCounts.map((n) => new Array<number>(n).fill(0));
    let matches = 0;
    levels.forEach((lv, p) => {
      let pm = lambda;
      let pu = 1 - lambda;
      for (const f of active) {
        const l = lv[f] ?? -1;
        if (l < 0) continue;
        pm *= m[f]?.[l] ?? FLOOR;
        pu *= u[f]?.[l] ?? FLOOR;
      }
      const g = pm / (pm + pu);
      const c = counts[p] ?? 0;
      matches += c * g;
      for (const f of active) {
        const l = lv[f] ?? -1;
        if (l < 0) continue;
        (mNum[f] as number[])[l] = ((mNum[f] as number[])[l] ?? 0) + c * g;
        (uNum[f] as number[])[l] = ((uNum[f] as number[])[l] ?? 0) + c * (1 - g);
      }
    });
    const nextM = mNum.map((row, f) =>
      fixedM[f] || !counting[f] ? (m[f] as number[]) : normalise(row),
    );
    const nextU = options.fixedU
      ? u
      : uNum.map((row, f) => (counting[f] ? normalise(row) : (u[f] as number[])));
    const nextLambda = Math.min(
      1 - 1e-9,
      Math.max(options.fixedU ? 1e-12 : 1e-9, matches / Math.max(1, total)),
    );
    // Among a session's pairs λ is tiny: its change counts relative to itself there.
    let delta = Math.abs(nextLambda - lambda) / (options.fixedU ? Math.max(lambda, 1e-12) : 1);
    for (const f of active)
      for (let l = 0; l < (levelCounts[f] ?? 0); l++)
        delta = Math.max(
          delta,
          Math.abs((nextM[f]?.[l] ?? 0) - (m[f]?.[l] ?? 0)),
          Math.abs((nextU[f]?.[l] ?? 0) - (u[f]?.[l] ?? 0)),
        );
    m = nextM;
    u = nextU;
    lambda = nextLambda;
    converged = delta < 1e-7;
  }
  return { m, u, lambda, iterations, converged };
}

/** log2(m/u) of a level; 0 for a missing value (it tells nothing). */
export function levelWeight(params: FsParameters, field: number, level: number): number {
  if (level < 0) return 0;
  return Math.log2((params.m[field]?.[level] ?? FLOOR) / (params.u[field]?.[level] ?? FLOOR));
}

/** Posterior match probability of a total weight (bits), given the prior λ. */
export function matchProbability(weight: number, lambda: number): number {
  const logOdds = weight + Math.log2(lambda / (1 - lambda));
  return 1 / (1 + 2 ** -logOdds);
}

/**
 * A starting point for m in the right basin: the level distribution of "seed"
 * patterns that agree closely on every name and date field present. EM is a
 * local method; on large populations the candidate pairs also hold big
 * classes such as "born the same day" that a neutral start can converge to.
 * Returns null (use the neutral start) when there are too few seeds.
 */
export function seededStart(
  patternCounts: ReadonlyMap<number, number>,
  levelCounts: readonly number[],
  anchorFields: readonly number[],
): { m: number[][]; seeds: number } | null {
  const F = levelCounts.length;
  const tally = levelCounts.map((n) => new Array<number>(n).fill(0.5));
  let seeds = 0;
  for (const [code, count] of patternCounts) {
    const levels = patternLevels(code, F);
    let present = 0;
    let close = true;
    for (const f of anchorFields) {
      const l = levels[f] ?? -1;
      if (l < 0) continue;
      present++;
      if (l > 1) close = false;
    }
    if (!close || present < Math.min(2, anchorFields.length)) continue;
    seeds += count;
    for (let f = 0; f < F; f++) {
      const l = levels[f] ?? -1;
      if (l >= 0) (tally[f] as number[])[l] = ((tally[f] as number[])[l] ?? 0) + count;
    }
  }
  if (seeds < 10) return null;
  return { m: tally.map(normalise), seeds };
}
