// Which past weeks the Farrington model is fitted to, and the seasonal factor
// level of each (surveillance 1.20.3 `algo.farrington.data.glm` and `blocks`;
// SOURCE.md "Farrington flexible", step 1). Weeks are picked by row position,
// so the layout relative to the evaluated week t is the same for every t: it
// is computed once per run and the design matrices with it.

/** The fit data relative to the evaluated week t. */
export interface FarringtonLayout {
  /** Offsets (row − t, all negative) of the weeks in the fit, in row order. */
  offsets: Int32Array;
  /** Seasonal factor level of each fitted week (1 … noPeriods; noPeriods = the windows). */
  levels: Int32Array;
  /** The distinct levels present, ascending. */
  presentLevels: number[];
}

/** The settings the layout depends on (a subset of FarringtonSettings). */
export interface LayoutSettings {
  /** Years back (b). */
  b: number;
  /** Half window (w). */
  w: number;
  /** Weeks per year: the lag between reference weeks. */
  period: number;
  /** Number of factor levels (p); 1 = no seasonal factor. */
  noPeriods: number;
  /** The g most recent weeks before t left out of the fit (t itself is always out). */
  pastWeeksNotIncluded: number;
}

/**
 * Labels weeks t − period·b − w … t as `blocks` does: the reference windows
 * r_j − w … r_j + w (r_j = t − period·j) and t − w … t get level p; when p > 1
 * the gap between two windows is cut into p − 1 blocks of near-equal length,
 * the first (gap mod (p − 1)) one week longer. Then t − g … t are dropped.
 */
export function farringtonLayout(s: LayoutSettings): FarringtonLayout {
  const { b, w, period, noPeriods: p, pastWeeksNotIncluded: g } = s;
  const span = period * b + w; // weeks before t that can be labelled
  const level = new Int32Array(span + 1); // index span + offset; 0 = not in the fit
  const at = (offset: number, value: number) => {
    if (offset >= -span && offset <= 0) level[span + offset] = value;
  };
  for (let o = -w; o <= 0; o++) at(o, p);
  for (let i = 1; i <= b; i++) {
    const ref = -period * i;
    for (let o = ref - w; o <= ref + w; o++) at(o, p);
    if (p !== 1) labelGap(ref + w + 1, -period * (i - 1) - w - 1, p, at);
  }
  const offsets: number[] = [];
  const levels: number[] = [];
  for (let o = -span; o <= 0; o++) {
    const value = level[span + o] as number;
    if (value === 0 || o >= -g) continue;
    offsets.push(o);
    levels.push(value);
  }
  const presentLevels = [...new Set(levels)].sort((x, y) => x - y);
  return { offsets: Int32Array.from(offsets), levels: Int32Array.from(levels), presentLevels };
}

/** Cuts the weeks from..to into p − 1 blocks labelled 1 … p − 1. */
function labelGap(
  from: number,
  to: number,
  p: number,
  at: (offset: number, value: number) => void,
): void {
  const gap = to - from + 1;
  const base = Math.floor(gap / (p - 1));
  const rest = gap % (p - 1);
  let start = from;
  for (let j = 1; j <= p - 1; j++) {
    const length = base + (j <= rest ? 1 : 0);
    for (let o = start; o < start + length; o++) at(o, j);
    start += length;
  }
}

/** The number of weeks in a gap between two reference windows. */
export function gapLength(period: number, w: number): number {
  return period - 2 * w - 1;
}

/**
 * Design matrices for the layout, row-major, with the columns
 * [1, week − t, one indicator per present level other than p]. The time column
 * is centred at t and level p is the baseline, so the prediction for week t is
 * simply the intercept; R parametrises differently (uncentred time, first
 * level as baseline) but the fitted model is the same.
 */
export function farringtonDesign(
  layout: FarringtonLayout,
  noPeriods: number,
  withTrend: boolean,
): { x: Float64Array; p: number } {
  const others = noPeriods === 1 ? [] : layout.presentLevels.filter((l) => l !== noPeriods);
  const n = layout.offsets.length;
  const p = 1 + (withTrend ? 1 : 0) + others.length;
  const x = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    const row = i * p;
    x[row] = 1;
    if (withTrend) x[row + 1] = layout.offsets[i] as number;
    const column = others.indexOf(layout.levels[i] as number);
    if (column >= 0) x[row + (withTrend ? 2 : 1) + column] = 1;
  }
  return { x, p };
}
