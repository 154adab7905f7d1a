/**
 * Linking on CLKs only (privacy-preserving mode): Sørensen–Dice similarity of
 * Bloom filters (Schnell et al. 2009), all pairs above a threshold, then a
 * greedy one-to-one solve as anonlink does. The popcount bound
 * Dice(a, b) ≤ 2·min(|a|, |b|) / (|a| + |b|) skips most pairs without
 * touching their bits.
 */
import { assignOneToOne } from '../assign.ts';
import { type Clk, popcount32 } from './clkEncode.ts';

/** Dice coefficient 2|A∩B| / (|A| + |B|); 0 when both are empty. */
export function diceSimilarity(a: Clk, b: Clk): number {
  const total = a.popcount + b.popcount;
  if (total === 0) return 0;
  let common = 0;
  const wa = a.words;
  const wb = b.words;
  for (let i = 0; i < wa.length; i++) common += popcount32((wa[i] ?? 0) & (wb[i] ?? 0));
  return (2 * common) / total;
}

/** A scored CLK pair: indices into the inputs. */
export interface ClkPair {
  a: number;
  b: number;
  score: number;
}

/** Popcount window of partners that can reach `threshold` with a filter of popcount p. */
function popcountWindow(p: number, threshold: number): [number, number] {
  return [
    Math.ceil((p * threshold) / (2 - threshold) - 1e-9),
    Math.floor((p * (2 - threshold)) / threshold + 1e-9),
  ];
}

/** Indices of `clks` sorted by popcount, and the sorted popcounts. */
function byPopcount(clks: readonly Clk[]): { order: Int32Array; counts: Int32Array } {
  const order = Int32Array.from(clks.keys()).sort(
    (x, y) => (clks[x]?.popcount ?? 0) - (clks[y]?.popcount ?? 0),
  );
  return { order, counts: order.map((i) => clks[i]?.popcount ?? 0) };
}

function lowerBound(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? 0) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** All pairs (one from each list) with Dice ≥ threshold. */
export function clkPairsAbove(
  left: readonly Clk[],
  right: readonly Clk[],
  threshold: number,
): ClkPair[] {
  const { order, counts } = byPopcount(right);
  const width = right[0]?.words.length ?? 0;
  // The right side packed contiguously in popcount order, for a tight inner loop.
  const packed = new Uint32Array(order.length * width);
  order.forEach((j, k) => {
    const clk = right[j];
    if (clk) packed.set(clk.words, k * width);
  });
  const pairs: ClkPair[] = [];
  left.forEach((a, i) => {
    const [lo, hi] = popcountWindow(a.popcount, threshold);
    const wa = a.words;
    // Dice ≥ t ⇔ 2·common ≥ t·(|a| + |b|): compare integers, divide only for kept pairs.
    for (let k = lowerBound(counts, lo); k < order.length; k++) {
      const pb = counts[k] as number;
      if (pb > hi) break;
      const need = threshold * (a.popcount + pb) - 1e-9;
      let common = 0;
      const base = k * width;
      for (let w = 0; w < width; w++) {
        let x = (wa[w] as number) & (packed[base + w] as number);
        x -= (x >>> 1) & 0x55555555;
        x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
        common += Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
      }
      if (2 * common >= need && a.popcount + pb > 0)
        pairs.push({ a: i, b: order[k] as number, score: (2 * common) / (a.popcount + pb) });
    }
  });
  return pairs;
}

/** Greedy one-to-one solve: best pairs first, each record used once (anonlink's greedy solver). */
export function greedyOneToOne<T extends { a: number; b: number; score: number }>(
  pairs: readonly T[],
): T[] {
  return assignOneToOne(pairs, (p) => p.score);
}

/** Options of CLK linking. */
export interface ClkLinkOptions {
  /** Dice at or above which a pair is a match; default 0.8 (clkhash tutorial). */
  threshold?: number;
  /** Dice at or above which a pair is kept for review; default threshold − 0.05. */
  reviewThreshold?: number;
}

/** A decided CLK pair. */
export interface ClkDecision extends ClkPair {
  decision: 'match' | 'review';
}

/** Links two lists of CLKs one-to-one by Dice similarity. */
export function linkClks(
  left: readonly Clk[],
  right: readonly Clk[],
  options: ClkLinkOptions = {},
): ClkDecision[] {
  const threshold = options.threshold ?? 0.8;
  const review = Math.min(threshold, options.reviewThreshold ?? threshold - 0.05);
  return greedyOneToOne(clkPairsAbove(left, right, review)).map((p) => ({
    ...p,
    decision: p.score >= threshold ? 'match' : 'review',
  }));
}

/** De-duplicates one list of CLKs: all pairs i < j above the review threshold. */
export function dedupClks(clks: readonly Clk[], options: ClkLinkOptions = {}): ClkDecision[] {
  const threshold = options.threshold ?? 0.8;
  const review = Math.min(threshold, options.reviewThreshold ?? threshold - 0.05);
  return clkPairsAbove(clks, clks, review)
    .filter((p) => p.a < p.b)
    .map((p) => ({ ...p, decision: p.score >= threshold ? 'match' : 'review' }));
}
