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

/**
 * Estimates m, u and λ from pattern counts. `u0` (usually from random pairs),
 * `lambda0` and `m0` (default: mostly agreement) start the iteration; it stops when no probability moves by
 * more than 1e-7 or after `maxIterations`.
 */
export function estimateParameters(
  patternCounts: ReadonlyMap<number, number>,
  levelCounts: readonly number[],
  u0: number[][],
  lambda0: number,
  maxIterations = 500,
  m0: number[][] | null = null,
  /** Fields whose m stays at m0 (known from elsewhere): only the others' m, u and λ move. */
  fixedM: readonly boolean[] = [],
): FsParameters {
  const F = levelCounts.length;
  const codes = [...patternCounts.keys()];
  const counts = codes.map((c) => patternCounts.get(c) ?? 0);
  const levels = codes.map((c) => patternLevels(c, F));
  const total = counts.reduce((s, x) => s + x, 0);
  let m = m0 ? m0.map((row) => [...row]) : initialM(levelCounts);
  let u = u0.map((row) => [...row]);
  let lambda = Math.min(0.5, Math.max(1e-6, lambda0));
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations && !converged) {
    iterations++;
    const mNum = levelCounts.map((n) => new Array<number>(n).fill(0));
    const uNum = levelCounts.map((n) => new Array<number>(n).fill(0));
    let matches = 0;
    levels.forEach((lv, p) => {
      let pm = lambda;
      let pu = 1 - lambda;
      for (let f = 0; f < F; f++) {
        const l = lv[f] ?? -1;
        if (l < 0) continue;
        pm *= m[f]?.[l] ?? FLOOR;
        pu *= u[f]?.[l] ?? FLOOR;
      }
      const g = pm / (pm + pu);
      const c = counts[p] ?? 0;
      matches += c * g;
      for (let f = 0; f < F; f++) {
        const l = lv[f] ?? -1;
        if (l < 0) continue;
        (mNum[f] as number[])[l] = ((mNum[f] as number[])[l] ?? 0) + c * g;
        (uNum[f] as number[])[l] = ((uNum[f] as number[])[l] ?? 0) + c * (1 - g);
      }
    });
    const nextM = mNum.map((row, f) => (fixedM[f] ? (m[f] as number[]) : normalise(row)));
    const nextU = uNum.map(normalise);
    const nextLambda = Math.min(1 - 1e-9, Math.max(1e-9, matches / total));
    let delta = Math.abs(nextLambda - lambda);
    for (let f = 0; f < F; f++)
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
/**
 * EM for m and λ alone, with u held at the chance agreement of unrelated records (known from
 * the whole population), over the pairs of one training session (Splink's "blocking rule"
 * sessions): pairs that agree exactly on some condition fields, all of them or a uniform sample.
 * Only the `active` fields count; the condition fields say nothing within the session. With u
 * pinned the non-match class cannot drift, so EM cannot take a large class of strangers (same
 * name, same place) for the matches, as it can when u is free over blocked candidates.
 * Rows of inactive fields are returned as zeros.
 */
export function estimateMWithKnownU(
  patternCounts: ReadonlyMap<number, number>,
  levelCounts: readonly number[],
  u: readonly (readonly number[])[],
  active: readonly number[],
  lambda0: number,
  maxIterations = 500,
): { m: number[][]; lambda: number; matches: number; iterations: number; converged: boolean } {
  const F = levelCounts.length;
  const codes = [...patternCounts.keys()];
  const counts = codes.map((c) => patternCounts.get(c) ?? 0);
  const levels = codes.map((c) => patternLevels(c, F));
  const total = counts.reduce((s, x) => s + x, 0);
  let m = initialM(levelCounts);
  let lambda = Math.min(0.5, Math.max(1e-9, lambda0));
  let matches = 0;
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations && !converged) {
    iterations++;
    const mNum = levelCounts.map((n) => new Array<number>(n).fill(0));
    matches = 0;
    for (let p = 0; p < codes.length; p++) {
      const lv = levels[p] as Int8Array;
      let pm = lambda;
      let pu = 1 - lambda;
      for (const f of active) {
        const l = lv[f] ?? -1;
        if (l < 0) continue;
        pm *= m[f]?.[l] ?? FLOOR;
        pu *= Math.max(u[f]?.[l] ?? FLOOR, FLOOR);
      }
      const g = pm / (pm + pu);
      const c = (counts[p] ?? 0) * g;
      matches += c;
      for (const f of active) {
        const l = lv[f] ?? -1;
        if (l >= 0) (mNum[f] as number[])[l] = ((mNum[f] as number[])[l] ?? 0) + c;
      }
    }
    const nextM = m.map((row, f) => (active.includes(f) ? normalise(mNum[f] as number[]) : row));
    const nextLambda = Math.min(1 - 1e-9, Math.max(1e-12, matches / Math.max(1, total)));
    let delta = Math.abs(nextLambda - lambda) / Math.max(lambda, 1e-12) > 1e-6 ? 1 : 0;
    for (const f of active)
      for (let l = 0; l < (levelCounts[f] ?? 0); l++)
        delta = Math.max(delta, Math.abs((nextM[f]?.[l] ?? 0) - (m[f]?.[l] ?? 0)));
    m = nextM;
    lambda = nextLambda;
    converged = delta < 1e-7;
  }
  return {
    m: m.map((row, f) => (active.includes(f) ? row : row.map(() => 0))),
    lambda,
    matches,
    iterations,
    converged,
  };
}

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
