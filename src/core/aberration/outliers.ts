// Outlier scores for a set of values (for example one week's counts across
// districts, or a data-quality check of a series), not tied to time:
//   z-score           (x − mean)/sd, sample sd (n − 1); flagged when |z| > 3 by default.
//   modified z-score  0.6745 (x − median)/MAD, MAD = median |x − median|; flagged
//                     when |M| > 3.5 (Iglewicz & Hoaglin 1993, "How to Detect and
//                     Handle Outliers", ASQC Basic References in Quality Control 16).
// The median and MAD resist the outliers themselves, which the mean and sd do not:
// one huge value inflates the sd enough to hide itself, so prefer the modified score.
// Missing values (NaN, ±Infinity) are left out of the centre and spread and get no score.

/** One value's score; null when the score is undefined (too few values, no spread). */
export interface OutlierScore {
  index: number;
  value: number;
  score: number | null;
  outlier: boolean | null;
}

/** Classic z-scores; undefined (null) with fewer than 2 values or no spread. */
export function zScores(
  values: readonly number[],
  options: { threshold?: number } = {},
): OutlierScore[] {
  const threshold = options.threshold ?? 3;
  const present = values.filter(Number.isFinite);
  const n = present.length;
  let sum = 0;
  for (const v of present) sum += v;
  const mean = sum / n;
  let squares = 0;
  for (const v of present) squares += (v - mean) ** 2;
  const sd = n > 1 ? Math.sqrt(squares / (n - 1)) : Number.NaN;
  return scored(values, (v) => (v - mean) / sd, sd > 0, threshold);
}

/**
 * Iglewicz–Hoaglin modified z-scores, 0.6745 (x − median)/MAD. When more than
 * half the values are equal the MAD is 0 and the score is undefined (null),
 * rather than an infinite score for every other value.
 */
export function modifiedZScores(
  values: readonly number[],
  options: { threshold?: number } = {},
): OutlierScore[] {
  const threshold = options.threshold ?? 3.5;
  const present = values.filter(Number.isFinite);
  const centre = median(present);
  const mad = median(present.map((v) => Math.abs(v - centre)));
  return scored(values, (v) => (0.6745 * (v - centre)) / mad, mad > 0, threshold);
}

function scored(
  values: readonly number[],
  score: (v: number) => number,
  defined: boolean,
  threshold: number,
): OutlierScore[] {
  return values.map((value, index) => {
    if (!defined || !Number.isFinite(value)) return { index, value, score: null, outlier: null };
    const s = score(value);
    return { index, value, score: s, outlier: Math.abs(s) > threshold };
  });
}

/** The median (mean of the two middle values for an even count); NaN when empty. */
function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
